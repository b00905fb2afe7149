package io.ibasho.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.net.URL;
import java.util.List;
import java.util.UUID;
import org.htmlunit.Page;
import org.htmlunit.WebClient;
import org.htmlunit.html.DomElement;
import org.htmlunit.html.HtmlCheckBoxInput;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.Test;

/**
 * Her recovery codes right after she registered (issue #18, docs/adr/0019), with a real browser login against the
 * real test Keycloak: her first landing shows ten codes once, only their hashes are kept, she confirms and goes on; her
 * next sign-in goes straight to the app. An account that was already given codes (the demo's hana) never sees the page.
 */
@QuarkusTest
@WithTestResource(EchoUpstream.class)
class FirstRecoveryCodesTest {
    @TestHTTPResource("/")
    URL root;

    @Test
    void herFirstSignInShowsTenCodesOnceAndTheNextGoesStraightOn() throws Exception {
        String base = root.toString().replace("localhost", "127.0.0.1").replaceAll("/$", "");
        KeycloakAccounts accounts = KeycloakAccounts.asAdmin();
        String username = "first-codes-" + UUID.randomUUID().toString().substring(0, 8);
        String userId = accounts.createAttendee(username);

        List<String> codes;
        try (WebClient browser = PlainBrowser.open()) {
            HtmlPage landed = PlainBrowser.signIn(browser, base, username);
            assertThat(landed.getUrl().getPath()).isEqualTo("/app/login");
            assertThat(landed.getWebResponse().getResponseHeaderValue("Cache-Control"))
                    .contains("no-store");
            assertThat(landed.getElementsByTagName("h1").get(0).getTextContent())
                    .isEqualTo("あなたの回復コード");
            assertThat(landed.getElementById("keep-safe").getTextContent()).contains("ほかの人も使うスマートフォン");
            codes = landed.querySelectorAll("#codes code").stream()
                    .map(node -> node.getTextContent())
                    .toList();
            assertThat(codes)
                    .hasSize(10)
                    .doesNotHaveDuplicates()
                    .allMatch(code -> code.matches("([0-9A-Z]{4}-){3}[0-9A-Z]{4}"));

            // only hashes are kept, and the account notes that she was given codes
            JsonPath stored = accounts.user(userId);
            assertThat(stored.getList("attributes.recovery_codes", String.class))
                    .hasSize(10)
                    .noneMatch(hash -> hash.contains(codes.get(0)));
            assertThat(stored.getList("attributes.recovery_codes_offered", String.class))
                    .hasSize(1);

            HtmlForm noted = (HtmlForm) landed.getElementById("noted-codes");
            ((HtmlCheckBoxInput) landed.getElementById("noted")).setChecked(true);
            Page after = ((DomElement) noted.getFirstByXPath(".//button")).click();
            assertThat(after.getUrl().toString()).isEqualTo(base + "/");
        }

        // a second sign-in (another browser): straight to the app, and her codes are the same ten
        try (WebClient browser = PlainBrowser.open()) {
            HtmlPage landed = PlainBrowser.signIn(browser, base, username);
            assertThat(landed.getUrl().toString()).isEqualTo(base + "/");
            assertThat(landed.getElementById("codes")).isNull();
        }
        assertThat(accounts.user(userId).getList("attributes.recovery_codes", String.class))
                .hasSize(10);

        // one of them sets a new password
        given().contentType(ContentType.URLENC)
                .formParam("username", username)
                .formParam("code", codes.get(5))
                .formParam("password", "a-new-password-after-codes")
                .formParam("password2", "a-new-password-after-codes")
                .post("/app/recover")
                .then()
                .statusCode(200);

        accounts.delete(userId);
    }

    @Test
    void anAccountThatWasGivenCodesNeverSeesThePage() throws Exception {
        String base = root.toString().replace("localhost", "127.0.0.1").replaceAll("/$", "");
        try (WebClient browser = PlainBrowser.open()) {
            HtmlPage landed = PlainBrowser.signIn(browser, base, "mei");
            assertThat(landed.getUrl().toString()).isEqualTo(base + "/");
            assertThat(landed.getElementById("codes")).isNull();
        }
    }
}
