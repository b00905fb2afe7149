package io.ibasho.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The gateway's copy of the anonymous public list (docs/adr/0055), in front of a real HTTP server (EchoUpstream) whose
 * answer tells which request reached it (X-Test-Marker): a request answered from the copy never reaches it. Each test
 * uses a query of its own, since the copy is kept per query. Time is covered by PublicListCopiesTest with a moved clock.
 */
@QuarkusTest
@WithTestResource(EchoUpstream.class)
class PublicListCopyTest {
    private static final String LIST = "/api/events/sessions";

    @Test
    void anAnonymousListIsAnsweredFromTheCopyWhileFreshAndEveryoneElseReachesTheService() {
        String url = LIST + "?copy=" + UUID.randomUUID();
        String first = given().header("X-Test-Cache-Control", "public, max-age=9")
                .header("X-Test-Marker", "first")
                .get(url)
                .then()
                .statusCode(200)
                .header("ETag", equalTo("\"echo-list\""))
                .header("Cache-Control", matchesPattern("public, max-age=[89]"))
                .extract()
                .asString();
        assertThat(first).contains("first");
        // from the copy: the service never saw the second request, and the answer says how long the copy has left
        given().header("X-Test-Cache-Control", "public, max-age=9")
                .header("X-Test-Marker", "second")
                .get(url)
                .then()
                .statusCode(200)
                .contentType(containsString("application/json"))
                .body(equalTo(first))
                .header("ETag", equalTo("\"echo-list\""))
                .header("Cache-Control", matchesPattern("public, max-age=[0-9]"))
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                .header("X-Content-Type-Options", equalTo("nosniff"));
        // a returning browser: 304 from the copy, no body
        given().header("If-None-Match", "\"echo-list\"")
                .get(url)
                .then()
                .statusCode(304)
                .header("ETag", equalTo("\"echo-list\""))
                .body(emptyString());
        // with a token: to the service, no-store, no ETag (nothing of a signed-in person in any cache)
        given().auth()
                .oauth2("any-token")
                .header("X-Test-Cache-Control", "public, max-age=9")
                .header("X-Test-Marker", "token")
                .get(url)
                .then()
                .statusCode(200)
                .body("headers.x-test-marker[0]", equalTo("token"))
                .header("Cache-Control", equalTo("no-store"))
                .header("ETag", nullValue());
        // with her session cookie: never the copy, no-store
        String withCookie = given().header("X-Test-Cache-Control", "public, max-age=9")
                .cookie("q_session", "not-a-real-session")
                .get(url)
                .then()
                .header("Cache-Control", equalTo("no-store"))
                .header("ETag", nullValue())
                .extract()
                .asString();
        assertThat(withCookie).isNotEqualTo(first);
        // another query is another copy
        given().header("X-Test-Marker", "other")
                .get(url + "&page=1")
                .then()
                .statusCode(200)
                .body("headers.x-test-marker[0]", equalTo("other"))
                .header("Cache-Control", equalTo("no-store"));
    }

    @Test
    void aStaleCopyIsAskedAboutWithItsEtagAndAChangedListReplacesIt() {
        String url = LIST + "?stale=" + UUID.randomUUID();
        // max-age=0: kept, but stale at once, so every later request asks the service
        String first = given().header("X-Test-Cache-Control", "public, max-age=0")
                .header("X-Test-List-Version", "v1")
                .header("X-Test-Marker", "first")
                .get(url)
                .then()
                .statusCode(200)
                .header("ETag", equalTo("\"echo-list-v1\""))
                .extract()
                .asString();
        // still v1: the service says 304 to the gateway's If-None-Match, and she gets the copy's bytes
        given().header("X-Test-Cache-Control", "public, max-age=0")
                .header("X-Test-List-Version", "v1")
                .header("X-Test-Marker", "second")
                .get(url)
                .then()
                .statusCode(200)
                .body(equalTo(first))
                .header("ETag", equalTo("\"echo-list-v1\""))
                .header("Cache-Control", equalTo("public, max-age=0"));
        // the list changed (v2): the service answers 200 to the gateway's question about v1, and that becomes the copy
        given().header("X-Test-Cache-Control", "public, max-age=0")
                .header("X-Test-List-Version", "v2")
                .header("X-Test-Marker", "third")
                .get(url)
                .then()
                .statusCode(200)
                .body("headers.x-test-marker[0]", equalTo("third"))
                .body("headers.if-none-match[0]", equalTo("\"echo-list-v1\""))
                .header("ETag", equalTo("\"echo-list-v2\""));
        // a returning browser with v2: the gateway asks about its copy (v2), and answers her 304 itself
        given().header("X-Test-Cache-Control", "public, max-age=0")
                .header("X-Test-List-Version", "v2")
                .header("If-None-Match", "\"echo-list-v2\"")
                .get(url)
                .then()
                .statusCode(304)
                .header("ETag", equalTo("\"echo-list-v2\""));
        // a returning browser with an old tag gets the current list
        given().header("X-Test-Cache-Control", "public, max-age=0")
                .header("X-Test-List-Version", "v2")
                .header("If-None-Match", "\"echo-list-v1\"")
                .get(url)
                .then()
                .statusCode(200)
                .body("headers.x-test-marker[0]", equalTo("third"));
    }

    @Test
    void requestsThatFindTheCopyStaleWhileOneAsksWaitForItsAnswer() throws Exception {
        String url = LIST + "?together=" + UUID.randomUUID();
        // max-age=0: kept, and stale at once
        given().header("X-Test-Cache-Control", "public, max-age=0")
                .header("X-Test-List-Version", "v1")
                .get(url)
                .then()
                .statusCode(200);
        // the list changed (v2), and the service takes 600 ms to say so: 16 requests arrive meanwhile, each with its
        // own marker; the service's answer echoes the marker of the one request that reached it
        int requests = 16;
        var pool = java.util.concurrent.Executors.newFixedThreadPool(requests);
        try {
            var start = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<io.restassured.response.Response>> answers = new java.util.ArrayList<>();
            for (int i = 0; i < requests; i++) {
                String marker = "m" + i;
                answers.add(pool.submit(() -> {
                    start.await();
                    return given().header("X-Test-Cache-Control", "public, max-age=0")
                            .header("X-Test-List-Version", "v2")
                            .header("X-Test-Delay-Ms", "600")
                            .header("X-Test-Marker", marker)
                            .get(url);
                }));
            }
            start.countDown();
            java.util.Set<String> reachedTheService = new java.util.HashSet<>();
            for (var answer : answers) {
                io.restassured.response.Response response = answer.get(30, java.util.concurrent.TimeUnit.SECONDS);
                assertThat(response.statusCode()).isEqualTo(200);
                assertThat(response.header("ETag")).isEqualTo("\"echo-list-v2\"");
                reachedTheService.add(response.jsonPath().getString("headers.x-test-marker[0]"));
            }
            // one question (two if a request came in just as the first answer was kept and already stale)
            assertThat(reachedTheService).hasSizeBetween(1, 2);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aChangeToTheEventServiceThroughTheGatewayIsSeenAtOnce() {
        String url = LIST + "?change=" + UUID.randomUUID();
        given().header("X-Test-Cache-Control", "public, max-age=9")
                .header("X-Test-Marker", "before")
                .get(url)
                .then()
                .statusCode(200)
                .body("headers.x-test-marker[0]", equalTo("before"));
        // the organiser publishes (the echo answers 200 as the event service would)
        given().auth()
                .oauth2("organiser-token")
                .post(LIST + "/" + UUID.randomUUID() + "/publish")
                .then()
                .statusCode(200);
        // the copy is gone: the next anonymous list reaches the service, nine seconds of max-age or not
        given().header("X-Test-Cache-Control", "public, max-age=9")
                .header("X-Test-Marker", "after")
                .get(url)
                .then()
                .statusCode(200)
                .body("headers.x-test-marker[0]", equalTo("after"));
        // and a refused write leaves the copy alone
        given().header("X-Test-Problem-Instance", "/sessions/none")
                .post(LIST + "/" + UUID.randomUUID() + "/publish")
                .then()
                .statusCode(404);
        given().header("X-Test-Marker", "kept")
                .get(url)
                .then()
                .statusCode(200)
                .body("headers.x-test-marker[0]", equalTo("after"));
    }

    @Test
    void aReturningBrowsersFirstRequestFillsTheCopy() {
        String url = LIST + "?returning=" + UUID.randomUUID();
        // no copy yet: the gateway asks for the list itself (the service never sees her tag) and answers her 304
        given().header("X-Test-Cache-Control", "public, max-age=9")
                .header("If-None-Match", "\"echo-list\"")
                .get(url)
                .then()
                .statusCode(304)
                .header("ETag", equalTo("\"echo-list\""));
        String copy = given().header("X-Test-Marker", "later")
                .get(url)
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertThat(copy).doesNotContain("later").doesNotContain("if-none-match");
    }

    @Test
    void smallAnswersOfKnownLengthArriveWholeWithTheServicesHeaders() {
        // not the public list: relayed, read whole and written at once; hop-by-hop headers still stripped
        given().get("/api/registrations/mine?whole=" + UUID.randomUUID())
                .then()
                .statusCode(200)
                .header("Content-Length", matchesPattern("[0-9]+"))
                .header("Transfer-Encoding", nullValue())
                .header("X-Upstream-Visible", equalTo("yes"))
                .header("X-Upstream-Internal", nullValue())
                .header("Keep-Alive", nullValue())
                .header("Cache-Control", equalTo("no-store"))
                .body("uri", containsString("/api/registrations/mine?whole="));
    }
}
