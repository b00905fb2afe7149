package io.ibasho.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.htmlunit.WebClient;
import org.junit.jupiter.api.Test;

/**
 * The quick exit always works: a body past the server's 1 MB (with its length, or chunked without one) still ends her
 * session, clears her cookies and answers as the exit does, instead of the 413 every other route keeps; nothing of
 * the body is kept. Her page sends an empty beacon or a link; only a crafted request sends more.
 */
@QuarkusTest
@WithTestResource(EchoUpstream.class)
class QuickExitWhateverItIsSentTest {
    private static final byte[] TWO_MEGABYTES = "x".repeat(2 * 1024 * 1024).getBytes();

    @TestHTTPResource("/")
    URL root;

    private final HttpClient http = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    private String base() {
        return root.toString().replace("localhost", "127.0.0.1").replaceAll("/$", "");
    }

    @Test
    void aBodyPastTheServersLimitStillEndsHerSessionAndClearsHerCookies() throws Exception {
        KeycloakAccounts accounts = KeycloakAccounts.asAdmin();
        String username = "exit-big-" + UUID.randomUUID().toString().substring(0, 8);
        String userId = accounts.createAttendee(username);
        try {
            for (boolean chunked : new boolean[] {false, true}) {
                String cookies = signIn(username);
                assertThat(signedIn(cookies)).as("signed in").isTrue();

                HttpResponse<String> exit = http.send(
                        HttpRequest.newBuilder(URI.create(base() + "/app/exit"))
                                .timeout(Duration.ofSeconds(30))
                                .header("Cookie", cookies)
                                .header("Content-Type", "application/x-www-form-urlencoded")
                                .POST(
                                        chunked
                                                ? HttpRequest.BodyPublishers.ofInputStream(
                                                        () -> new ByteArrayInputStream(TWO_MEGABYTES))
                                                : HttpRequest.BodyPublishers.ofByteArray(TWO_MEGABYTES))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());

                assertThat(exit.statusCode()).as("chunked=%s", chunked).isEqualTo(204);
                List<String> set = exit.headers().allValues("Set-Cookie");
                assertThat(set)
                        .anyMatch(c -> c.startsWith(BrowserSessions.SESSION_COOKIE + "=;"))
                        .anyMatch(c -> c.startsWith(io.ibasho.gateway.BrowserLogin.BACK_GUARD_COOKIE + "=1"));
                assertThat(exit.headers().firstValue("Clear-Site-Data")).hasValue("\"storage\"");
                assertThat(signedIn(cookies))
                        .as("her old cookie after the exit")
                        .isFalse();
            }
        } finally {
            accounts.delete(userId);
        }
    }

    @Test
    void everyOtherRouteKeepsItsBodyLimit() throws Exception {
        for (String path :
                List.of("/app/logout", "/staff/sessions/new", "/app/settings/data/erase", "/api/events/sessions")) {
            HttpResponse<String> answer = http.send(
                    HttpRequest.newBuilder(URI.create(base() + path))
                            .timeout(Duration.ofSeconds(30))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofByteArray(TWO_MEGABYTES))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(path).isEqualTo(413);
        }
        // and the link she follows without script is the exit it always was
        HttpResponse<String> link = http.send(
                HttpRequest.newBuilder(URI.create(base() + "/app/exit")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(link.statusCode()).isEqualTo(303);
        assertThat(link.headers().firstValue("Location")).hasValue("https://weather.example/");
    }

    /** Her browser's cookies after signing in on Keycloak's page. */
    private String signIn(String username) throws Exception {
        try (WebClient browser = PlainBrowser.open()) {
            PlainBrowser.signIn(browser, base(), username);
            return browser.getCookieManager().getCookies().stream()
                    .filter(c ->
                            c.getDomain().contains("127.0.0.1") || c.getDomain().contains("localhost"))
                    .map(c -> c.getName() + "=" + c.getValue())
                    .collect(Collectors.joining("; "));
        }
    }

    private boolean signedIn(String cookies) throws Exception {
        HttpResponse<String> me = http.send(
                HttpRequest.newBuilder(URI.create(base() + "/session.json"))
                        .header("Cookie", cookies)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        return me.statusCode() == 200 && new JsonObject(me.body()).getBoolean("signedIn", false);
    }
}
