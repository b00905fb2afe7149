package io.ibasho.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The web app shell: Japanese first, a quick exit on the page, nothing from third parties. */
@QuarkusTest
@WithTestResource(EchoUpstream.class)
class WebShellTest {

    @Test
    void theShellHasAQuickExitAndLoadsOnlyItsOwnScripts() {
        String html = given().get("/").then().statusCode(200).contentType(containsString("text/html"))
                .header("Content-Security-Policy", containsString("default-src 'self'"))
                .header("Cache-Control", equalTo("no-store"))
                .header("Referrer-Policy", equalTo("no-referrer"))
                .extract().asString();
        assertThat(html).contains("<html lang=\"ja\">");
        assertThat(html).containsPattern("<a id=\"quick-exit\"[^>]*href=\"https://");
        assertThat(html).contains("すぐに閉じる");
        assertThat(html).contains("<script src=\"/quick-exit.js\"");
        // no inline scripts or styles (CSP would block them) and nothing from another origin
        Matcher scripts = Pattern.compile("<script([^>]*)>").matcher(html);
        while (scripts.find()) {
            assertThat(scripts.group(1)).contains("src=\"/");
        }
        assertThat(html).doesNotContain("style=\"").doesNotContain("src=\"http").doesNotContain("href=\"http://");
        assertThat(html.replaceAll("<a id=\"quick-exit\"[^>]*>", "")).doesNotContain("href=\"https://");
    }

    @Test
    void quickExitReplacesThePageAndClearsStorage() {
        String js = given().get("/quick-exit.js").then().statusCode(200).contentType(containsString("javascript")).extract().asString();
        assertThat(js).contains("location.replace(").contains("sessionStorage.clear()").contains("'Escape'");
    }

    @Test
    void theNeutralSiteIsConfigurable() {
        given().get("/shell-config.json").then().statusCode(200).body("quickExitUrl", equalTo("https://weather.example/"));
    }

    @Test
    void theAppListsSessionsThroughTheGateway() {
        given().get("/app.js").then().statusCode(200).body(containsString("/api/events/sessions")).body(containsString("textContent"));
    }
}
