package io.ibasho.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.util.List;
import org.htmlunit.WebClient;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Her settings forms as a phone meets them (notification is a fake): what a Japanese keyboard types is read as she
 * meant it, and every form that changes something answers with a redirect, so a reload sends nothing again.
 */
@QuarkusTest
@WithTestResource(FakeNotification.class)
class SettingsFormsTest {
    @TestHTTPResource("/")
    URL root;

    private String base() {
        return root.toString().replace("localhost", "127.0.0.1").replaceAll("/$", "");
    }

    @AfterEach
    void forgetLinked() {
        System.clearProperty("fake.line.linkedAt");
        System.clearProperty("fake.preferences");
    }

    private static HtmlPage submit(HtmlPage page, String formId) throws Exception {
        HtmlForm form = (HtmlForm) page.getElementById(formId);
        return form.getFirstByXPath(".//button[@type='submit']") instanceof org.htmlunit.html.HtmlButton button
                ? button.click()
                : null;
    }

    @Test
    void theConfirmationCodeInFullWidthDigitsWithASpaceIsAcceptedAndTheAnswerIsARedirect() throws Exception {
        try (WebClient browser = PlainBrowser.open()) {
            // she lands on the list of sessions, which this fake cannot give (503): only her settings matter here
            browser.getOptions().setThrowExceptionOnFailingStatusCode(false);
            // a woman of her own: the gateway allows one person five e-mail changes in 15 minutes, and other classes
            // of this module (on the same application) spend the demo attendees' budget
            KeycloakAccounts accounts = KeycloakAccounts.asAdmin();
            String username =
                    "settings-" + java.util.UUID.randomUUID().toString().substring(0, 8);
            String userId = accounts.createAttendee(username);
            try {
                PlainBrowser.signIn(browser, base(), username);
                HtmlPage settings = browser.getPage(base() + "/app/settings");
                settings.<org.htmlunit.html.HtmlInput>getHtmlElementById("code").setValue("６３８　２３８");
                HtmlPage answered = submit(settings, "verify");

                // post-redirect-get: the page she lands on is a GET, and says what was done
                assertThat(answered.getUrl().toString())
                        .as(answered.asNormalizedText())
                        .isEqualTo(base() + "/app/settings?done=verified");
                assertThat(System.getProperty("fake.body./api/notifications/preferences/email/verify"))
                        .contains("\"code\":\"638238\"");
                assertThat(answered.getElementById("code-error")).isNull();
                assertThat(answered.asNormalizedText()).contains("メールアドレスを確認しました。");

                settings = browser.getPage(base() + "/app/settings");
                settings.<org.htmlunit.html.HtmlInput>getHtmlElementById("address")
                        .setValue(username + "@example.org");
                answered = submit(settings, "email");
                assertThat(answered.getUrl().toString())
                        .as(answered.asNormalizedText())
                        .isEqualTo(base() + "/app/settings?done=codeSent");
                assertThat(answered.asNormalizedText()).contains("確認コードを送りました。");
            } finally {
                accounts.delete(userId);
            }
        }
    }

    @Test
    void theLineCodeSurvivesAReloadWithoutAskingForAnotherAndUnlinkingRedirects() throws Exception {
        // a woman of its own: the gateway limits how often one person changes her channels
        KeycloakAccounts accounts = KeycloakAccounts.asAdmin();
        String username = "line-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        String userId = accounts.createAttendee(username);
        try (WebClient browser = PlainBrowser.open()) {
            browser.getOptions().setThrowExceptionOnFailingStatusCode(false);
            PlainBrowser.signIn(browser, base(), username);
            String asked = "fake.calls.POST/api/notifications/line/code";
            int before = Integer.parseInt(System.getProperty(asked, "0"));
            HtmlPage line = browser.getPage(base() + "/app/settings/line");
            HtmlPage shown = submit(line, "line-code-form");
            assertThat(shown.getUrl().toString()).isEqualTo(base() + "/app/settings/line");
            assertThat(shown.getElementById("line-code").getTextContent()).isEqualTo("ABCD-EFGH");

            HtmlPage reloaded = (HtmlPage) shown.refresh();
            assertThat(reloaded.getElementById("line-code").getTextContent()).isEqualTo("ABCD-EFGH");
            assertThat(Integer.parseInt(System.getProperty(asked))).isEqualTo(before + 1);
            // the code never goes into an address
            assertThat(browser.getCookieManager().getCookie(BrowserSessions.LINE_CODE_COOKIE))
                    .isNotNull();

            // linked: the day as every page writes it, and unlinking answers with a redirect
            System.setProperty("fake.line.linkedAt", "2026-12-05T16:30:00Z");
            HtmlPage linked = browser.getPage(base() + "/app/settings/line");
            assertThat(linked.getElementById("line-linked").getTextContent())
                    .contains("12月6日(日) から")
                    .doesNotContain("2026-12-06");
            // the code she no longer needs is forgotten once LINE is linked
            assertThat(browser.getCookieManager().getCookie(BrowserSessions.LINE_CODE_COOKIE))
                    .isNull();
            HtmlPage unlinked = submit(linked, "line-unlink");
            assertThat(unlinked.getUrl().toString()).isEqualTo(base() + "/app/settings/line?done=unlinked");
            assertThat(unlinked.getElementById("message").getTextContent()).contains("解除しました");
        } finally {
            accounts.delete(userId);
        }
    }

    /** Her settings form sent as shown, without following the redirect (the fake keeps the last body per path). */
    private static org.htmlunit.Page saveAsShown(WebClient browser, HtmlPage settings) throws Exception {
        browser.getOptions().setRedirectEnabled(false);
        try {
            HtmlForm form = (HtmlForm) settings.getElementById("settings");
            return ((org.htmlunit.html.HtmlButton) form.getFirstByXPath(".//button[@type='submit']")).click();
        } finally {
            browser.getOptions().setRedirectEnabled(true);
        }
    }

    private static boolean checked(HtmlPage page, String id) {
        return page.<org.htmlunit.html.HtmlRadioButtonInput>getHtmlElementById(id)
                .isChecked();
    }

    @Test
    void sheChoseJapaneseAndReadsTheEnglishAppHerSettingsShowJapaneseAndSavingKeepsIt() throws Exception {
        KeycloakAccounts accounts = KeycloakAccounts.asAdmin();
        String username = "chose-ja-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        String userId = accounts.createAttendee(username);
        try (WebClient browser = PlainBrowser.open()) {
            browser.getOptions().setThrowExceptionOnFailingStatusCode(false);
            PlainBrowser.signIn(browser, base(), username);
            System.setProperty(
                    "fake.preferences",
                    "{\"language\":\"ja\",\"languageChosen\":true,\"channels\":[\"in-app\"],\"fullDetail\":false}");
            HtmlPage settings = browser.getPage(base() + "/app/settings?lang=en");
            assertThat(settings.getDocumentElement().getAttribute("lang")).isEqualTo("en");
            assertThat(checked(settings, "language-ja")).isTrue();
            assertThat(checked(settings, "language-en")).isFalse();

            org.htmlunit.Page saved = saveAsShown(browser, settings);
            assertThat(saved.getWebResponse().getStatusCode()).isEqualTo(303);
            assertThat(System.getProperty("fake.body./api/notifications/preferences"))
                    .contains("\"language\":\"ja\"");
        } finally {
            accounts.delete(userId);
        }
    }

    @Test
    void sheNeverChoseHerSettingsShowTheLanguageSheIsUsing() throws Exception {
        KeycloakAccounts accounts = KeycloakAccounts.asAdmin();
        String username =
                "never-chose-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        String userId = accounts.createAttendee(username);
        try (WebClient browser = PlainBrowser.open()) {
            browser.getOptions().setThrowExceptionOnFailingStatusCode(false);
            PlainBrowser.signIn(browser, base(), username);
            // notification's default for a woman who never chose, and it says so
            System.setProperty(
                    "fake.preferences",
                    "{\"language\":\"ja\",\"languageChosen\":false,\"channels\":[\"in-app\"],\"fullDetail\":false}");
            HtmlPage english = browser.getPage(base() + "/app/settings?lang=en");
            assertThat(checked(english, "language-en")).isTrue();
            assertThat(checked(english, "language-ja")).isFalse();
            saveAsShown(browser, english);
            assertThat(System.getProperty("fake.body./api/notifications/preferences"))
                    .contains("\"language\":\"en\"");

            HtmlPage japanese = browser.getPage(base() + "/app/settings?lang=ja");
            assertThat(checked(japanese, "language-ja")).isTrue();

            // her code is asked for in the language of the page she is on: its mail is in it while she has not chosen
            HtmlPage again = browser.getPage(base() + "/app/settings?lang=en");
            again.<org.htmlunit.html.HtmlInput>getHtmlElementById("address").setValue(username + "@example.org");
            submit(again, "email");
            assertThat(System.getProperty("fake.body./api/notifications/preferences/email"))
                    .contains("\"language\":\"en\"");
        } finally {
            accounts.delete(userId);
        }
    }

    /** Her settings form as a browser without a time picker sends it: the quiet hours exactly as she typed them. */
    private static org.htmlunit.Page saveQuietHours(WebClient browser, HtmlPage settings, String start, String end)
            throws Exception {
        org.htmlunit.WebRequest request = ((HtmlForm) settings.getElementById("settings")).getWebRequest(null);
        List<org.htmlunit.util.NameValuePair> fields = new java.util.ArrayList<>();
        for (org.htmlunit.util.NameValuePair field : request.getRequestParameters()) {
            if (!field.getName().startsWith("quiet")) {
                fields.add(field);
            }
        }
        fields.add(new org.htmlunit.util.NameValuePair("quietStart", start));
        fields.add(new org.htmlunit.util.NameValuePair("quietEnd", end));
        request.setRequestParameters(fields);
        // not followed: the page after the redirect reads her settings again, and the fake keeps the last body per path
        browser.getOptions().setRedirectEnabled(false);
        try {
            return browser.getPage(request);
        } finally {
            browser.getOptions().setRedirectEnabled(true);
        }
    }

    @Test
    void quietHoursTypedWithAOneDigitHourAreSavedAsHhMmAndAnythingElseIsSaidBesideTheField() throws Exception {
        KeycloakAccounts accounts = KeycloakAccounts.asAdmin();
        String username = "quiet-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        String userId = accounts.createAttendee(username);
        try (WebClient browser = PlainBrowser.open()) {
            browser.getOptions().setThrowExceptionOnFailingStatusCode(false);
            PlainBrowser.signIn(browser, base(), username);
            String saved = "fake.body./api/notifications/preferences";
            org.htmlunit.Page answered =
                    saveQuietHours(browser, browser.getPage(base() + "/app/settings"), "9:00", "２１：３０");
            assertThat(answered.getWebResponse().getStatusCode()).isEqualTo(303);
            assertThat(answered.getWebResponse().getResponseHeaderValue("Location"))
                    .endsWith("/app/settings?done=saved");
            assertThat(System.getProperty(saved)).contains("\"start\":\"09:00\"", "\"end\":\"21:30\"");

            String puts = "fake.calls.PUT/api/notifications/preferences";
            String putsBefore = System.getProperty(puts);
            for (String wrong : List.of("9:0", "24:00", "9時")) {
                HtmlPage refused =
                        (HtmlPage) saveQuietHours(browser, browser.getPage(base() + "/app/settings"), wrong, "7:00");
                assertThat(refused.getWebResponse().getStatusCode()).isEqualTo(422);
                assertThat(refused.getElementById("quiet-error").getTextContent())
                        .isEqualTo("開始と終了を 22:00 のように、違う時刻で入力してください。");
            }
            // nothing refused reached the service
            assertThat(System.getProperty(puts)).isEqualTo(putsBefore);
        } finally {
            accounts.delete(userId);
        }
    }
}
