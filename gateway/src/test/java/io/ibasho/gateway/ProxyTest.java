package io.ibasho.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.io.ByteArrayInputStream;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The gateway in front of a real HTTP server (EchoUpstream) that tells what it received. */
@QuarkusTest
@WithTestResource(EchoUpstream.class)
class ProxyTest {
    @io.quarkus.test.common.http.TestHTTPResource("/")
    java.net.URI gateway;

    @Test
    void eachPrefixReachesItsServiceWithPathAndQueryUnchanged() {
        given().get("/api/events/sessions?from=2026-01-01&lang=ja")
                .then()
                .statusCode(200)
                .body("method", equalTo("GET"))
                .body("uri", equalTo("/api/events/sessions?from=2026-01-01&lang=ja"));
        given().get("/api/registrations/mine").then().statusCode(200).body("uri", equalTo("/api/registrations/mine"));
        given().get("/api/childcare/offers/abc")
                .then()
                .statusCode(200)
                .body("uri", equalTo("/api/childcare/offers/abc"));
        given().get("/api/events").then().statusCode(200).body("uri", equalTo("/api/events"));
        // feeds live under the prefixes too
        given().get("/api/events/feeds/hinata.ics")
                .then()
                .statusCode(200)
                .body("uri", equalTo("/api/events/feeds/hinata.ics"));
    }

    @Test
    void locationHeadersArePublicSameOriginPaths() {
        String venue = java.util.UUID.randomUUID().toString();
        // what the event service sends today: its internal address and the prefix twice
        given().header("X-Test-Location", "{upstream}/api/events/api/events/venues/" + venue)
                .post("/api/events/venues")
                .then()
                .statusCode(200)
                .header("Location", equalTo("/api/events/venues/" + venue));
        given().header("X-Test-Location", "/api/registrations/mine/" + venue + "?lang=ja")
                .post("/api/registrations/applications")
                .then()
                .statusCode(200)
                .header("Location", equalTo("/api/registrations/mine/" + venue + "?lang=ja"));
        // another site is left alone
        given().header("X-Test-Location", "https://weather.example/today")
                .get("/api/events/sessions")
                .then()
                .statusCode(200)
                .header("Location", equalTo("https://weather.example/today"));
    }

    @Test
    void problemInstancesNameThePublicPath() {
        given().header("X-Test-Problem-Instance", "/venues/v-1")
                .get("/api/events/venues/v-1")
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("instance", equalTo("/api/events/venues/v-1"))
                .body("title", equalTo("Not found"));
        given().header("X-Test-Problem-Instance", "/api/childcare/offers/o-1")
                .get("/api/childcare/offers/o-1")
                .then()
                .statusCode(404)
                .body("instance", equalTo("/api/childcare/offers/o-1"));
    }

    @Test
    void dotSegmentsAreResolvedBeforeRoutingAndForwardedResolved() {
        given().urlEncodingEnabled(false)
                .get("/api/events/../registrations/mine")
                .then()
                .statusCode(200)
                .body("uri", equalTo("/api/registrations/mine"));
    }

    @Test
    void authorizationIsRelayedAsIs() {
        String token = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhYmMifQ.c2lnbmF0dXJl";
        given().header("Authorization", "Bearer " + token)
                .get("/api/registrations/mine")
                .then()
                .statusCode(200)
                .body("headers.authorization[0]", equalTo("Bearer " + token));
    }

    @Test
    void theGatewayAloneSaysWhereARequestCameFrom() {
        given().header("X-Forwarded-For", "203.0.113.66")
                .header("Forwarded", "for=203.0.113.66")
                .header("X-Real-IP", "203.0.113.66")
                .get("/api/events/sessions")
                .then()
                .statusCode(200)
                .body(
                        "headers.x-forwarded-for[0]",
                        anyOf(equalTo("127.0.0.1"), equalTo("0:0:0:0:0:0:0:1"), equalTo("::1")))
                .body("headers.x-forwarded-proto[0]", equalTo("http"))
                .body("headers.x-forwarded-host[0]", containsString("localhost"))
                .body("headers.x-forwarded-port[0]", notNullValue())
                .body("headers.forwarded", nullValue())
                .body("headers.x-real-ip", nullValue());
    }

    @Test
    void hopByHopHeadersAreStrippedBothWays() {
        given().header("Connection", "keep-alive, X-Client-Hop")
                .header("X-Client-Hop", "secret")
                .header("Keep-Alive", "timeout=300")
                .header("Proxy-Authorization", "Basic Zm9vOmJhcg==")
                .header("TE", "trailers")
                .header("X-End-To-End", "kept")
                .get("/api/events/sessions")
                .then()
                .statusCode(200)
                .body("headers.x-client-hop", nullValue())
                .body("headers.keep-alive", nullValue())
                .body("headers.proxy-authorization", nullValue())
                .body("headers.te", nullValue())
                .body("headers.x-end-to-end[0]", equalTo("kept"))
                // from the service: Connection named X-Upstream-Internal, so it and Keep-Alive stop at the gateway
                .header("X-Upstream-Internal", nullValue())
                .header("Keep-Alive", nullValue())
                .header("X-Upstream-Visible", equalTo("yes"));
    }

    @Test
    void bodiesAreRelayedWithTheirLength() {
        given().contentType(ContentType.JSON)
                .body("{\"sessionId\":\"s-1\",\"note\":\"託児希望\"}")
                .post("/api/registrations/applications")
                .then()
                .statusCode(200)
                .body("method", equalTo("POST"))
                .body("body", equalTo("{\"sessionId\":\"s-1\",\"note\":\"託児希望\"}"))
                .body("headers.content-length[0]", notNullValue());
    }

    @Test
    void chunkedBodiesAreRelayedWithALength() {
        byte[] body = "chunk-me".repeat(100).getBytes();
        given().contentType(ContentType.BINARY)
                .body(new ByteArrayInputStream(body))
                .post("/api/childcare/bookings")
                .then()
                .statusCode(200)
                .body("bodyLength", equalTo(body.length))
                .body("headers.content-length[0]", equalTo(Integer.toString(body.length)))
                .body("headers.transfer-encoding", nullValue());
    }

    @Test
    void aBodyOverTheLimitIsRefusedWith413() {
        byte[] big = new byte[70 * 1024];
        Arrays.fill(big, (byte) 'a');
        given().contentType(ContentType.TEXT)
                .body(big)
                .post("/api/registrations/applications")
                .then()
                .statusCode(413)
                .contentType("application/problem+json")
                .body("status", equalTo(413))
                .body("type", endsWith("/payload-too-large"))
                .body("title", notNullValue())
                .body("detail", containsString("64 KiB"));
    }

    @Test
    void aBodyOverTheServersOneMegabyteIsAProblemNotABare413() {
        byte[] big = new byte[1536 * 1024];
        Arrays.fill(big, (byte) 'c');
        for (String path : new String[] {"/api/registrations/applications", "/app/settings"}) {
            given().contentType(ContentType.TEXT)
                    .body(big)
                    .post(path)
                    .then()
                    .statusCode(413)
                    .contentType("application/problem+json")
                    .body("status", equalTo(413))
                    .body("type", endsWith("/payload-too-large"))
                    .body("detail", containsString("1024 KiB"));
        }
    }

    @Test
    void aChunkedBodyOverTheLimitIsRefusedWith413() {
        byte[] big = new byte[70 * 1024];
        Arrays.fill(big, (byte) 'b');
        given().contentType(ContentType.BINARY)
                .body(new ByteArrayInputStream(big))
                .post("/api/registrations/applications")
                .then()
                .statusCode(413)
                .contentType("application/problem+json")
                .body("status", equalTo(413));
    }

    /**
     * A chunked body has no length to refuse up front: the gateway must still answer its own 413 problem, and read (and
     * drop) the rest of the body so that the client gets the answer instead of a reset; both for the API (its 64 KiB)
     * and for the web app's form posts (the server's 1 MiB).
     */
    @Test
    void aLargeChunkedBodyGetsTheGatewaysOwn413ProblemNotAReset() throws Exception {
        java.net.http.HttpClient client = java.net.http.HttpClient.newBuilder()
                .version(java.net.http.HttpClient.Version.HTTP_1_1)
                .build();
        byte[] big = new byte[3 * 1024 * 1024];
        Arrays.fill(big, (byte) 'd');
        for (String path : new String[] {"/api/registrations/applications", "/app/settings", "/app/logout"}) {
            // ofInputStream has no known length, so the JDK client sends Transfer-Encoding: chunked
            java.net.http.HttpResponse<String> answer = client.send(
                    java.net.http.HttpRequest.newBuilder(gateway.resolve(path))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(java.net.http.HttpRequest.BodyPublishers.ofInputStream(
                                    () -> new ByteArrayInputStream(big)))
                            .build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            org.assertj.core.api.Assertions.assertThat(answer.statusCode())
                    .as(path)
                    .isEqualTo(413);
            org.assertj.core.api.Assertions.assertThat(answer.headers().firstValue("Content-Type"))
                    .as(path)
                    .hasValueSatisfying(type ->
                            org.assertj.core.api.Assertions.assertThat(type).startsWith("application/problem+json"));
            org.assertj.core.api.Assertions.assertThat(answer.body())
                    .as(path)
                    .contains("payload-too-large")
                    .doesNotContain("Exception");
        }
    }

    @Test
    void aServiceThatIsDownIsA503ProblemNotAStackTrace() {
        given().header("Authorization", "Bearer x")
                .get("/api/notifications/preferences")
                .then()
                .statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", notNullValue())
                .body("status", equalTo(503))
                .body("type", endsWith("/upstream-unavailable"))
                .body("title", equalTo("Service unavailable"))
                .body("detail", containsString("notification"))
                .body(not(containsString("Exception")))
                .body(not(containsString("127.0.0.1")));
    }

    @Test
    void aServiceThatDoesNotAnswerIsA504Problem() {
        given().get("/api/childcare/slow")
                .then()
                .statusCode(504)
                .contentType("application/problem+json")
                .body("status", equalTo(504));
    }

    @Test
    void unknownApiPathsAre404Problems() {
        given().get("/api/payments/anything")
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404))
                .body("type", endsWith("/not-found"))
                .body("title", equalTo("Not found"));
        given().get("/api").then().statusCode(404).contentType("application/problem+json");
        given().get("/api/eventsX").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void securityHeadersAreOnProxiedResponsesAndOverrideTheServices() {
        given().get("/api/events/sessions")
                .then()
                .statusCode(200)
                .header("Content-Security-Policy", containsString("default-src 'self'"))
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                .header("Content-Security-Policy", containsString("object-src 'none'"))
                .header("Content-Security-Policy", containsString("base-uri 'none'"))
                .header("Strict-Transport-Security", containsString("max-age="))
                .header("X-Content-Type-Options", equalTo("nosniff"))
                .header("Referrer-Policy", equalTo("no-referrer"))
                .header("Permissions-Policy", containsString("geolocation=()"))
                .header("Cache-Control", equalTo("no-store"));
        given().get("/api/nothing-here")
                .then()
                .statusCode(404)
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                .header("Cache-Control", equalTo("no-store"));
        given().get("/api/notifications/x").then().statusCode(503).header("X-Content-Type-Options", equalTo("nosniff"));
    }

    @Test
    void onlyThePublicListAskedAnonymouslyKeepsTheServicesShortPublicCaching() {
        // each anonymous list under a query of its own: the gateway keeps a copy per query (PublicListCopyTest)
        given().header("X-Test-Cache-Control", "public, max-age=5")
                .get("/api/events/sessions?headers=" + java.util.UUID.randomUUID())
                .then()
                .statusCode(200)
                .header("Cache-Control", matchesPattern("public, max-age=[45]"))
                .header("ETag", equalTo("\"echo-list\""))
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"));
        // with a token, another path, a longer max-age, or from a browser with a session: no-store, no ETag
        given().auth()
                .oauth2("any-token")
                .header("X-Test-Cache-Control", "public, max-age=5")
                .get("/api/events/sessions")
                .then()
                .header("Cache-Control", equalTo("no-store"))
                .header("ETag", nullValue());
        given().header("X-Test-Cache-Control", "public, max-age=5")
                .get("/api/events/sessions/some-id")
                .then()
                .header("Cache-Control", equalTo("no-store"))
                .header("ETag", nullValue());
        given().header("X-Test-Cache-Control", "public, max-age=60")
                .get("/api/events/sessions?long=" + java.util.UUID.randomUUID())
                .then()
                .header("Cache-Control", equalTo("no-store"))
                .header("ETag", nullValue());
        given().header("X-Test-Cache-Control", "public, max-age=5")
                .cookie("q_session", "not-a-real-session")
                .get("/api/events/sessions")
                .then()
                .header("Cache-Control", equalTo("no-store"))
                .header("ETag", nullValue());
    }

    @Test
    void a304IsRelayedWithoutABodyAndTheConnectionStaysUsable() throws Exception {
        try (var socket = new java.net.Socket(gateway.getHost(), gateway.getPort())) {
            socket.setSoTimeout(5000);
            var in = new java.io.BufferedReader(new java.io.InputStreamReader(
                    socket.getInputStream(), java.nio.charset.StandardCharsets.ISO_8859_1));
            var out = socket.getOutputStream();
            String framing = java.util.UUID.randomUUID().toString(); // a query of its own: its own copy
            // the public list's 304s (from the gateway's copy, filled by the first request), then a 304 that the
            // gateway relays from the service (another path): each next answer arrives only if the one before was
            // framed right
            String[] paths = {
                "/api/events/sessions?framing=" + framing,
                "/api/events/sessions?framing=" + framing,
                "/api/events/venues/" + framing,
                "/api/events/venues/" + framing
            };
            for (String path : paths) {
                out.write(("GET " + path + " HTTP/1.1\r\nHost: " + gateway.getHost()
                                + "\r\nX-Test-Cache-Control: public, max-age=5\r\nIf-None-Match: \"echo-list\"\r\n\r\n")
                        .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
                out.flush();
                assertThat(in.readLine()).startsWith("HTTP/1.1 304");
                java.util.List<String> headers = new java.util.ArrayList<>();
                for (String line = in.readLine(); !line.isEmpty(); line = in.readLine()) {
                    headers.add(line.toLowerCase(java.util.Locale.ROOT));
                }
                assertThat(headers).noneMatch(h -> h.startsWith("transfer-encoding"));
                if (path.contains("/sessions")) {
                    assertThat(headers).contains("etag: \"echo-list\"");
                    assertThat(headers).anyMatch(h -> h.matches("cache-control: public, max-age=[45]"));
                } else {
                    assertThat(headers).contains("cache-control: no-store");
                }
            }
        }
    }

    @Test
    void readsAreNotRateLimited() {
        for (int i = 0; i < 10; i++) {
            given().header("Authorization", "Bearer not-a-jwt")
                    .get("/api/registrations/mine")
                    .then()
                    .statusCode(200);
        }
        // health is not on the public port (the management interface serves it: MetricsTest)
        given().get("/q/health/ready").then().statusCode(404);
    }
}
