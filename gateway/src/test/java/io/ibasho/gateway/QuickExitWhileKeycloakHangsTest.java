package io.ibasho.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.json.JsonObject;
import java.net.URL;
import java.util.UUID;
import org.htmlunit.Page;
import org.htmlunit.WebClient;
import org.htmlunit.html.HtmlPage;
import org.htmlunit.util.Cookie;
import org.junit.jupiter.api.Test;

/**
 * The quick exit without script while Keycloak hangs (its back-channel logout here is a server that accepts and never
 * answers; the login itself is the real test Keycloak's): she is sent to the neutral site within the gateway's wait,
 * not after Keycloak's timeout, her cookie is gone and a copy of it refused; and although Keycloak's session outlived
 * the exit, the next login asks for a password instead of signing her in silently (prompt=login). Her session's
 * check at Keycloak (userinfo) hangs as well: her pages go on after the check's wait.
 */
@QuarkusTest
@TestProfile(OneConnectionTracedProfile.class) // Keycloak's logout at a server that never answers
@WithTestResource(EchoUpstream.class)
class QuickExitWhileKeycloakHangsTest {
    @TestHTTPResource("/")
    URL root;

    @Test
    void sheIsOutWithinTheWaitAndTheNextLoginAsksForHerPassword() throws Exception {
        String base = root.toString().replace("localhost", "127.0.0.1").replaceAll("/$", "");
        KeycloakAccounts accounts = KeycloakAccounts.asAdmin();
        String username = "exit-" + UUID.randomUUID().toString().substring(0, 8);
        String userId = accounts.createAttendee(username);
        try (WebClient browser = PlainBrowser.open()) {
            browser.getOptions().setThrowExceptionOnFailingStatusCode(false);
            PlainBrowser.signIn(browser, base, username);
            Cookie session = browser.getCookieManager().getCookie(BrowserSessions.SESSION_COOKIE);
            assertThat(session).as("signed in").isNotNull();
            assertThat(accounts.sessions(userId)).isEqualTo(1);
            // her session's check at Keycloak hangs too: after its wait (2 s) her pages go on, signed in
            long checkStart = System.nanoTime();
            Page signedIn = browser.getPage(base + "/session.json");
            long checkMs = (System.nanoTime() - checkStart) / 1_000_000;
            assertThat(new JsonObject(signedIn.getWebResponse().getContentAsString()).getBoolean("signedIn"))
                    .isTrue();
            assertThat(checkMs).as("ms for her page while the check hangs").isLessThan(4_000L);

            browser.getOptions().setRedirectEnabled(false);
            long start = System.nanoTime();
            Page out = browser.getPage(base + "/app/exit");
            long tookMs = (System.nanoTime() - start) / 1_000_000;
            assertThat(out.getWebResponse().getStatusCode()).isEqualTo(303);
            assertThat(out.getWebResponse().getResponseHeaderValue("Location")).isEqualTo("https://weather.example/");
            // The wait is 2 s. Less would mean the logout never reached the hung server (it failed at once); more, that
            // she waited on Keycloak (the logout's own timeout is 5 s).
            assertThat(tookMs).as("ms until the way out").isBetween(1_500L, 4_000L);
            assertThat(browser.getCookieManager().getCookie(BrowserSessions.SESSION_COOKIE))
                    .isNull();

            // a copy of the old cookie is refused: the gateway ended its session before it asked Keycloak
            browser.getCookieManager().addCookie(session);
            Page state = browser.getPage(base + "/session.json");
            assertThat(new JsonObject(state.getWebResponse().getContentAsString()).getBoolean("signedIn"))
                    .isFalse();

            // Keycloak never heard of the exit: its session lives on, and still no silent sign-in
            assertThat(accounts.sessions(userId)).isEqualTo(1);
            browser.getOptions().setRedirectEnabled(true);
            HtmlPage again = browser.getPage(base + "/app/login");
            assertThat(again.getUrl().toString()).contains("/protocol/openid-connect/auth");
            assertThat((Object) again.getForms().get(0).getInputByName("password"))
                    .isNotNull();
        } finally {
            accounts.delete(userId);
        }
    }
}
