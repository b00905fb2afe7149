package io.ibasho.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** Sign-out and quick exit answer every request, whatever its body, and never with a 500. */
@QuarkusTest
@WithTestResource(EchoUpstream.class)
class LogoutNeverFailsTest {
    /** Looks like a session cookie to the gateway; quarkus-oidc cannot decrypt it. */
    private static final String FAKE_SESSION = "eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0..AAAA.BBBB.CCCC";

    @TestHTTPResource("/app/logout")
    URI logout;

    @Test
    void logoutWithAnyBodyOrNoneIsNeverA500() throws Exception {
        // a plain HTTP client: it sends whatever Content-Type and body it is given, as a careless or hostile client
        // would
        HttpClient client = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        for (boolean withSession : new boolean[] {false, true}) {
            for (String contentType : new String[] {
                null,
                "",
                "application/x-www-form-urlencoded",
                "application/json",
                "text/plain",
                "multipart/form-data",
                "multipart/form-data; boundary=",
                "application/x-www-form-urlencoded; charset=garbage",
                "a/b; c"
            }) {
                for (String body :
                        new String[] {null, "", "csrf=", "%%%=%zz&&==", "{\"csrf\":1}", "x".repeat(40_000)}) {
                    HttpRequest.Builder request = HttpRequest.newBuilder(logout)
                            .POST(
                                    body == null
                                            ? HttpRequest.BodyPublishers.noBody()
                                            : HttpRequest.BodyPublishers.ofString(body));
                    if (withSession) {
                        request.header("Cookie", BrowserSessions.SESSION_COOKIE + "=" + FAKE_SESSION);
                    }
                    if (contentType != null) {
                        request.header("Content-Type", contentType);
                    }
                    int status = client.send(request.build(), HttpResponse.BodyHandlers.discarding())
                            .statusCode();
                    assertThat(status)
                            .as(
                                    "session=%s, Content-Type=%s, body=%s",
                                    withSession,
                                    contentType,
                                    body == null ? "none" : body.length() > 20 ? body.length() + " chars" : body)
                            .isIn(303, 403, 400, 413);
                }
            }
        }
    }

    @Test
    void signedOutAlreadyGoesToTheSignedOutPageOfThisSite() {
        given().redirects()
                .follow(false)
                .post("/app/logout")
                .then()
                .statusCode(303)
                .header("Location", "/bye")
                .header("Clear-Site-Data", containsString("\"cookies\""));
    }

    @Test
    void theSignedOutPageIsInTheLanguageSheUsedThoughItsCookieIsCleared() {
        given().redirects()
                .follow(false)
                .cookie("lang", "en")
                .post("/app/logout")
                .then()
                .statusCode(303)
                .header("Location", "/bye?lang=en")
                .header("Clear-Site-Data", containsString("\"cookies\""));
        given().get("/bye?lang=en").then().statusCode(200).body(containsString("lang=\"en\""));
    }

    @Test
    void aSessionCookieWithoutTheCsrfTokenCannotSignHerOut() {
        String html = given().redirects()
                .follow(false)
                .cookie(BrowserSessions.SESSION_COOKIE, FAKE_SESSION)
                .contentType("application/x-www-form-urlencoded")
                .body("csrf=guess")
                .post("/app/logout")
                .then()
                .statusCode(403)
                .contentType(containsString("text/html"))
                .extract()
                .asString();
        assertThat(html).contains("id=\"quick-exit\"");
    }

    @Test
    void quickExitWithAnyBodyIsNeverA500() {
        for (String body : new String[] {"", "garbage", "x".repeat(40_000)}) {
            int status = given().redirects()
                    .follow(false)
                    .contentType("text/plain")
                    .body(body)
                    .post("/app/exit")
                    .then()
                    .extract()
                    .statusCode();
            assertThat(status).isEqualTo(204);
        }
    }

    @Test
    void aDeadSessionNeverTurnsTheQuickExitIntoALoginPage() {
        // quarkus-oidc answers an unusable session cookie with a redirect to Keycloak's login; the way out stays the
        // way out
        var cookies = given().redirects()
                .follow(false)
                .cookie(BrowserSessions.SESSION_COOKIE, FAKE_SESSION)
                // a login she began in another tab and never finished: its state names the page she asked for
                .cookie(BrowserSessions.LOGIN_STATE_COOKIE + "_unfinished", "state|page")
                .cookie(BrowserSessions.NEXT_COOKIE, "%2Fapp%2Fbookings")
                .get("/app/exit")
                .then()
                .statusCode(303)
                .header("Location", "https://weather.example/")
                .extract()
                .headers()
                .getValues("Set-Cookie");
        assertThat(cookies).anyMatch(c -> c.startsWith("q_session=;")).anyMatch(c -> c.startsWith("ibasho_v=1"));
        assertThat(cookies)
                .as("no login state left behind for a login she is not going to")
                .noneMatch(c -> c.startsWith(BrowserSessions.LOGIN_STATE_COOKIE) && !c.contains("Max-Age=0"))
                .anyMatch(c ->
                        c.startsWith(BrowserSessions.LOGIN_STATE_COOKIE + "_unfinished=;") && c.contains("Max-Age=0"))
                .anyMatch(c -> c.startsWith(BrowserSessions.NEXT_COOKIE + "=;") && c.contains("Max-Age=0"));
        given().redirects()
                .follow(false)
                .cookie(BrowserSessions.SESSION_COOKIE, FAKE_SESSION)
                .contentType("text/plain")
                .body("x")
                .post("/app/exit")
                .then()
                .statusCode(org.hamcrest.Matchers.oneOf(204, 303))
                .header("Location", org.hamcrest.Matchers.not(containsString("openid-connect")));
        // and a public page with a dead session is the same page without it, not a login
        given().redirects()
                .follow(false)
                .cookie(BrowserSessions.SESSION_COOKIE, FAKE_SESSION)
                .get("/safety")
                .then()
                .statusCode(org.hamcrest.Matchers.oneOf(200, 303))
                .header(
                        "Location",
                        org.hamcrest.Matchers.anyOf(
                                org.hamcrest.Matchers.nullValue(), org.hamcrest.Matchers.equalTo("/safety")));
    }
}
