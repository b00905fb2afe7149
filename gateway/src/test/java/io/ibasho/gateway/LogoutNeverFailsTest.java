package io.ibasho.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;

/** Sign-out and quick exit answer every request, whatever its body, and never with a 500. */
@QuarkusTest
@WithTestResource(EchoUpstream.class)
class LogoutNeverFailsTest {
    /** Looks like a session cookie to the gateway; quarkus-oidc cannot decrypt it. */
    private static final String FAKE_SESSION = "eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0..AAAA.BBBB.CCCC";

    @Test
    void logoutWithAnyBodyOrNoneIsNeverA500() {
        for (boolean withSession : new boolean[] { false, true }) {
            for (String contentType : new String[] { null, "", "application/x-www-form-urlencoded", "application/json", "text/plain",
                    "multipart/form-data", "multipart/form-data; boundary=", "application/x-www-form-urlencoded; charset=garbage",
                    "\u0000/\u0001" }) {
                for (String body : new String[] { null, "", "csrf=", "%%%=%zz&&==", "{\"csrf\":1}", "x".repeat(40_000) }) {
                    RequestSpecification request = given().redirects().follow(false);
                    if (withSession) {
                        request.cookie(BrowserSessions.SESSION_COOKIE, FAKE_SESSION);
                    }
                    if (contentType != null) {
                        request.header("Content-Type", contentType);
                    }
                    if (body != null) {
                        request.body(body);
                    }
                    int status = request.post("/app/logout").then().extract().statusCode();
                    assertThat(status).as("session=%s, Content-Type=%s, body=%s", withSession, contentType,
                            body == null ? "none" : body.length() > 20 ? body.length() + " chars" : body).isIn(303, 403, 400, 413);
                }
            }
        }
    }

    @Test
    void signedOutAlreadyGoesToTheSignedOutPageOfThisSite() {
        given().redirects().follow(false).post("/app/logout").then().statusCode(303).header("Location", "/bye")
                .header("Clear-Site-Data", containsString("\"cookies\""));
    }

    @Test
    void aSessionCookieWithoutTheCsrfTokenCannotSignHerOut() {
        String html = given().redirects().follow(false).cookie(BrowserSessions.SESSION_COOKIE, FAKE_SESSION)
                .contentType("application/x-www-form-urlencoded").body("csrf=guess").post("/app/logout")
                .then().statusCode(403).contentType(containsString("text/html")).extract().asString();
        assertThat(html).contains("id=\"quick-exit\"");
    }

    @Test
    void quickExitWithAnyBodyIsNeverA500() {
        for (String body : new String[] { "", "garbage", "x".repeat(40_000) }) {
            given().redirects().follow(false).cookie(BrowserSessions.SESSION_COOKIE, FAKE_SESSION).contentType("text/plain").body(body)
                    .post("/app/exit").then().statusCode(204).header("Set-Cookie", containsString("q_session=;"));
        }
    }
}
