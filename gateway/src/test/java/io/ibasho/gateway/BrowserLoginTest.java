package io.ibasho.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.ibasho.testsupport.Tokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.htmlunit.FailingHttpStatusCodeException;
import org.htmlunit.HttpMethod;
import org.htmlunit.Page;
import org.htmlunit.WebClient;
import org.htmlunit.WebRequest;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlPage;
import org.htmlunit.util.Cookie;
import org.junit.jupiter.api.Test;

/**
 * The browser login end to end with a real (headless) browser against the real test Keycloak: hana signs in on
 * Keycloak's own page (authorization code + PKCE), lands on the app, calls the API through her session (the gateway
 * relays her access token; the echo upstream shows what a service receives), needs the CSRF token to change anything,
 * and signs out with the page's form (her Keycloak session ends too, and a copy of the old cookie is refused). Bearer-token machine clients are never redirected.
 */
@QuarkusTest
@WithTestResource(EchoUpstream.class)
class BrowserLoginTest {
    @TestHTTPResource("/")
    URL root;

    @Test
    void hanaLogsInCallsTheApiThroughHerSessionAndLogsOut() throws Exception {
        String base = root.toString().replace("localhost", "127.0.0.1").replaceAll("/$", "");
        try (WebClient browser = new WebClient()) {
            browser.getOptions().setJavaScriptEnabled(false);
            browser.getOptions().setCssEnabled(false);
            browser.getOptions().setRedirectEnabled(true);

            HtmlPage login = browser.getPage(base + "/app/login");
            assertThat(login.getUrl().toString())
                    .contains("/realms/"
                            + io.ibasho.testsupport.TestServers.get().keycloak().realm()
                            + "/protocol/openid-connect/auth")
                    .contains("code_challenge_method=S256")
                    .contains("client_id=ibasho-gateway");
            HtmlForm form = login.getForms().get(0);
            form.getInputByName("username").setValue("hana");
            form.getInputByName("password").setValue("hana-ibasho");
            Page landed = login.getHtmlElementById("kc-login").click();
            assertThat(landed.getUrl().toString()).isEqualTo(base + "/");

            Cookie session = browser.getCookieManager().getCookie("q_session");
            assertThat(session).as("the encrypted session cookie").isNotNull();
            assertThat(session.isHttpOnly()).isTrue();
            assertThat(session.getSameSite()).isEqualToIgnoringCase("lax");
            // encrypted: a JWE (five parts, A256GCM), not the readable tokens
            assertThat(session.getValue().split("\\.")).hasSize(5);
            assertThat(new String(
                            Base64.getUrlDecoder().decode(session.getValue().split("\\.")[0]), StandardCharsets.UTF_8))
                    .contains("\"enc\":\"A256GCM\"");
            assertThat(session.getValue())
                    .doesNotContain(Tokens.accessToken("hana").split("\\.")[1].substring(0, 20));

            JsonObject me = json(browser.getPage(base + "/session.json"));
            assertThat(me.getBoolean("signedIn")).isTrue();
            assertThat(me.getJsonArray("roles").getList()).contains("attendee");
            String csrf = me.getString("csrfToken");
            assertThat(csrf).hasSizeGreaterThanOrEqualTo(32);

            // a read through the session: the service receives hana's own access token, and no cookies
            JsonObject echoed = json(browser.getPage(base + "/api/registrations/mine"));
            String relayed = echoed.getJsonObject("headers")
                    .getJsonArray("authorization")
                    .getString(0);
            assertThat(relayed).startsWith("Bearer ");
            assertThat(subjectOf(relayed.substring(7))).isEqualTo(subjectOf(Tokens.accessToken("hana")));
            assertThat(echoed.getJsonObject("headers").containsKey("cookie")).isFalse();

            // a write without the CSRF header is refused before it reaches a service; with it, it goes through
            // (a path outside the rate-limited prefixes: RateLimitPerPersonTest counts hana's writes in this same app)
            WebRequest book = new WebRequest(new URL(base + "/api/events/sessions/s-1/feedback"), HttpMethod.POST);
            book.setAdditionalHeader("Content-Type", "application/json");
            book.setRequestBody("{\"nickname\":\"はな\"}");
            browser.getOptions().setThrowExceptionOnFailingStatusCode(false);
            Page refused = browser.getPage(book);
            assertThat(refused.getWebResponse().getStatusCode()).isEqualTo(403);
            assertThat(refused.getWebResponse().getContentAsString()).contains("csrf");
            book.setAdditionalHeader(BrowserSessions.CSRF_HEADER, csrf);
            Page accepted = browser.getPage(book);
            assertThat(accepted.getWebResponse().getStatusCode()).isEqualTo(200);
            assertThat(json(accepted).getString("method")).isEqualTo("POST");

            // a cross-site form cannot log her out: no token
            WebRequest forgedLogout = new WebRequest(new URL(base + "/app/logout"), HttpMethod.POST);
            assertThat(browser.getPage(forgedLogout).getWebResponse().getStatusCode())
                    .isEqualTo(403);
            assertThat(json(browser.getPage(base + "/session.json")).getBoolean("signedIn"))
                    .isTrue();

            // her pages show her data and carry the CSRF token in their forms; the sign-out form is a plain form
            HtmlPage start = browser.getPage(base + "/");
            HtmlForm signOut = start.getHtmlElementById("logout");
            assertThat(signOut.getInputByName("csrf").getValue()).isEqualTo(csrf);
            Cookie oldSession = browser.getCookieManager().getCookie("q_session");

            // sign-out: the gateway ends Keycloak's session server side (no trip to Keycloak's origin, which the page's
            // CSP form-action 'self' would block) and forgets its own, then shows its own signed-out page
            Page after = ((org.htmlunit.html.HtmlButton) signOut.getFirstByXPath(".//button")).click();
            assertThat(after.getWebResponse().getStatusCode()).isEqualTo(200);
            assertThat(after.getUrl().toString()).isEqualTo(base + "/bye");
            assertThat(after.getWebResponse().getContentAsString()).contains("ログアウトしました");
            assertThat(browser.getCookieManager().getCookie("q_session")).isNull();
            assertThat(json(browser.getPage(base + "/session.json")).getBoolean("signedIn"))
                    .isFalse();

            // a copy of the old cookie is refused at once, though its tokens have not expired yet
            browser.getCookieManager().addCookie(oldSession);
            assertThat(json(browser.getPage(base + "/session.json")).getBoolean("signedIn"))
                    .isFalse();
            assertThat(browser.getCookieManager().getCookie("q_session"))
                    .as("cleared by the refusal")
                    .isNull();

            // and her Keycloak session is gone: logging in again shows the login form, not a silent sign-in
            browser.getOptions().setThrowExceptionOnFailingStatusCode(true);
            HtmlPage again = browser.getPage(base + "/app/login");
            assertThat(again.getUrl().toString()).contains("/protocol/openid-connect/auth");
            assertThat((Object) again.getForms().get(0).getInputByName("password"))
                    .isNotNull();
        } catch (FailingHttpStatusCodeException e) {
            throw new AssertionError(e.getStatusCode() + " " + e.getResponse().getContentAsString(), e);
        }
    }

    @Test
    void machinesWithBearerTokensAndAnonymousCallersAreNeverRedirected() {
        String partner = Tokens.clientToken(
                io.ibasho.testsupport.TestServers.get().keycloak().realmUrl(),
                "partner-tsubomi",
                "partner-local-secret-change-me");
        given().redirects()
                .follow(false)
                .auth()
                .oauth2(partner)
                .get("/api/events/sessions")
                .then()
                .statusCode(200)
                .body("headers.authorization[0]", org.hamcrest.Matchers.equalTo("Bearer " + partner));
        given().redirects()
                .follow(false)
                .get("/api/events/sessions")
                .then()
                .statusCode(200)
                .body("headers.authorization", org.hamcrest.Matchers.nullValue());
        // a bearer POST needs no CSRF token: no cookie, nothing a foreign page could ride on
        given().redirects()
                .follow(false)
                .auth()
                .oauth2(partner)
                .contentType("application/json")
                .body("{}")
                .post("/api/events/sessions")
                .then()
                .statusCode(200);
        given().redirects()
                .follow(false)
                .get("/session.json")
                .then()
                .statusCode(200)
                .body("signedIn", org.hamcrest.Matchers.equalTo(false));
        // only /app/login starts a login
        given().redirects()
                .follow(false)
                .get("/app/login")
                .then()
                .statusCode(302)
                .header("Location", org.hamcrest.Matchers.containsString("code_challenge_method=S256"));
    }

    private static JsonObject json(Page page) {
        return new JsonObject(page.getWebResponse().getContentAsString());
    }

    private static String subjectOf(String jwt) {
        return new JsonObject(new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8))
                .getString("sub");
    }
}
