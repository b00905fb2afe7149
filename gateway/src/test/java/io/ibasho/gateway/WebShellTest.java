package io.ibasho.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The web app's pages as served: Japanese first, one neutral title, a quick exit and the safety link at the top of
 * every page (error pages too), nothing inline and nothing from third parties, no caching, small.
 */
@QuarkusTest
@WithTestResource(EchoUpstream.class)
class WebShellTest {

    @Test
    void theStartPageHasAQuickExitTheSafetyLinkAndLoadsOnlyItsOwnFiles() {
        String html = page("/", 200);
        assertThat(html).contains("<html lang=\"ja\">").contains("<title>いばしょ</title>");
        assertThat(html)
                .containsPattern(
                        "<a id=\"quick-exit\"[^>]*href=\"/app/exit\"[^>]*data-neutral=\"https://weather.example/\"");
        assertThat(html).contains("すぐに閉じる").contains("lang=\"en\">Quick exit");
        assertThat(html.indexOf("id=\"safety-link\""))
                .as("safety link near the top, before the main content")
                .isPositive()
                .isLessThan(html.indexOf("<main"));
        assertThat(html).contains("class=\"skip\" href=\"#main\"").contains("<main id=\"main\"");
        assertThat(html).contains("id=\"login\" href=\"/app/signin?next=%2F\"");
        assertThat(html).contains("<form id=\"filters\" method=\"get\" action=\"/\"");
        assertWellBehaved(html);
    }

    @Test
    void everyPageHasOneH1AndTheLayout() {
        for (String path : new String[] {
            "/",
            "/safety",
            "/bye",
            "/app/bookings",
            "/app/inbox",
            "/app/settings",
            "/app/settings/line",
            "/no-such-page"
        }) {
            String html = given().redirects()
                    .follow(false)
                    .get(path)
                    .then()
                    .header("Cache-Control", equalTo("no-store"))
                    .extract()
                    .asString();
            assertThat(html.split("<h1").length - 1).as(path + ": one h1").isEqualTo(1);
            assertThat(html)
                    .as(path)
                    .contains("id=\"quick-exit\"")
                    .contains("<title>いばしょ</title>")
                    .contains("id=\"safety-link\"");
            assertWellBehaved(html);
        }
    }

    @Test
    void anUnknownPageIsTheApps404AndTheApiKeepsProblemJson() {
        String html = page("/no-such-page", 404);
        assertThat(html).contains("ページが見つかりません");
        given().get("/api/no-such-service")
                .then()
                .statusCode(404)
                .contentType(containsString("application/problem+json"));
    }

    @Test
    void herPagesAskHerToSignInWithAWayBack() {
        String html = page("/app/bookings", 401);
        assertThat(html).contains("ログインしてください").contains("/app/signin?next=%2Fapp%2Fbookings");
        assertThat(given().redirects()
                        .follow(false)
                        .get("/app/signin?next=/app/bookings")
                        .then()
                        .statusCode(303)
                        .header("Location", "/app/login")
                        .extract()
                        .headers()
                        .getValues("Set-Cookie"))
                .anyMatch(cookie -> cookie.startsWith("ibasho_next=%2Fapp%2Fbookings"));
        // never a way out to another site
        given().redirects()
                .follow(false)
                .get("/app/signin?next=//evil.example/")
                .then()
                .statusCode(303)
                .extract()
                .headers()
                .getValues("Set-Cookie")
                .forEach(cookie -> assertThat(cookie).doesNotStartWith("ibasho_next="));
    }

    @Test
    void englishIsOneTapAway() {
        String html = given().get("/safety?lang=en")
                .then()
                .statusCode(200)
                .header("Set-Cookie", containsString("lang=en"))
                .extract()
                .asString();
        assertThat(html)
                .contains("<html lang=\"en\">")
                .contains("<title>Ibasho</title>")
                .contains("Staying safe")
                .contains("href=\"/safety?lang=ja\"");
        assertThat(given().cookie("lang", "en").get("/").then().extract().asString())
                .contains("<html lang=\"en\">");
        assertThat(page("/safety", 200)).contains("href=\"/safety?lang=en\" lang=\"en\"");
    }

    @Test
    void aSessionThatHasNothingButAnIdStillHasItsPagesAndNoTitleNamesIt() {
        // the echo upstream answers with no session fields at all: every optional part is missing
        String id = "6f1c1d2e-2b7c-4c39-9d7e-1d2f3a4b5c6d";
        assertThat(page("/s/" + id, 200)).contains("<title>いばしょ</title>").contains("id=\"quick-exit\"");
        assertThat(page("/s/" + id + "/book", 200)).contains("<title>いばしょ</title>");
        // no childcare offered: the drop-in childcare page says so, and offers no form
        assertThat(page("/s/" + id + "/childcare", 200))
                .contains("<title>いばしょ</title>")
                .contains("id=\"dropin-closed\"")
                .doesNotContain("id=\"dropin-childcare\"");
        assertThat(page("/s/not-an-id", 404)).contains("ページが見つかりません");
    }

    @Test
    void linksInOlderMessagesLeadToThePages() {
        given().redirects().follow(false).get("/inbox").then().statusCode(303).header("Location", "/app/inbox");
        given().redirects()
                .follow(false)
                .get("/sessions/6f1c1d2e-2b7c-4c39-9d7e-1d2f3a4b5c6d")
                .then()
                .statusCode(303)
                .header("Location", "/s/6f1c1d2e-2b7c-4c39-9d7e-1d2f3a4b5c6d");
    }

    @Test
    void quickExitWorksWithAndWithoutScript() {
        String js = given().get("/quick-exit.js")
                .then()
                .statusCode(200)
                .contentType(containsString("javascript"))
                .extract()
                .asString();
        assertThat(js)
                .contains("location.replace(")
                .contains("sendBeacon('/app/exit'")
                .contains("'Escape'")
                .contains("pageshow")
                // the Back guard under its neutral name, and under its earlier one for markers set before the rename
                .contains("'ibasho_v='")
                .contains("'ibasho_exited='");
        // no script: the link itself ends the session and goes to the neutral site
        given()
                .redirects()
                .follow(false)
                .get("/app/exit")
                .then()
                .statusCode(303)
                .header("Location", "https://weather.example/")
                .extract()
                .headers()
                .getValues("Set-Cookie")
                .stream()
                .filter(cookie -> cookie.startsWith("ibasho_v=1") && cookie.contains("Max-Age=43200"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no 12-hour Back guard cookie"));
        // the signed-out page sets the same Back guard (docs/adr/0087), and takes the marker's old, telling name away
        var signedOut =
                given().get("/bye").then().statusCode(200).extract().headers().getValues("Set-Cookie");
        assertThat(signedOut)
                .anyMatch(cookie -> cookie.startsWith("ibasho_v=1")
                        && cookie.contains("Max-Age=43200")
                        && cookie.contains("SameSite=Strict"))
                .anyMatch(cookie -> cookie.startsWith("ibasho_exited=;") && cookie.contains("Max-Age=0"));
        // signing in again ends it
        assertThat(given().redirects()
                        .follow(false)
                        .get("/app/signin?next=/app/bookings")
                        .then()
                        .extract()
                        .headers()
                        .getValues("Set-Cookie"))
                .anyMatch(cookie -> cookie.startsWith("ibasho_v=;") && cookie.contains("Max-Age=0"))
                .anyMatch(cookie -> cookie.startsWith("ibasho_exited=;") && cookie.contains("Max-Age=0"));
        // the beacon
        given().redirects().follow(false).post("/app/exit").then().statusCode(204);
    }

    private static String page(String path, int status) {
        return given().redirects()
                .follow(false)
                .get(path)
                .then()
                .statusCode(status)
                .contentType(containsString("text/html"))
                .header("Content-Security-Policy", containsString("default-src 'self'"))
                .header("Cache-Control", equalTo("no-store"))
                .header("Referrer-Policy", equalTo("no-referrer"))
                .extract()
                .asString();
    }

    /** No inline scripts or styles (CSP would block them), nothing from another origin, well under 100 KB. */
    private static void assertWellBehaved(String html) {
        Matcher scripts = Pattern.compile("<script([^>]*)>").matcher(html);
        while (scripts.find()) {
            assertThat(scripts.group(1)).contains("src=\"/");
        }
        assertThat(html)
                .doesNotContain("style=\"")
                .doesNotContain("<style")
                .doesNotContain("src=\"http")
                .doesNotContain("href=\"http")
                .doesNotContain(" on" + "click=");
        assertThat(html.getBytes(java.nio.charset.StandardCharsets.UTF_8).length)
                .isLessThan(100 * 1024);
    }
}
