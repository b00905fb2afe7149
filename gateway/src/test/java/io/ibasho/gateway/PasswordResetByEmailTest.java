package io.ibasho.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import io.ibasho.testsupport.TestServers;
import io.ibasho.testsupport.Tokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.net.URL;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.htmlunit.WebClient;
import org.htmlunit.html.HtmlAnchor;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Password reset through her confirmed e-mail (docs/adr/0027), with the real test Keycloak and its SMTP sink (the test
 * realm mails to 127.0.0.1:32526, GreenMail here): the gateway copies the address notification confirmed into her
 * account after her verify and after e-mail switched on, and clears it after e-mail switched off and her withdrawal (notification is a fake answering the internal read);
 * Keycloak's "forgot password" then mails exactly one neutral message with a link that works once, and answers the
 * same for a name without an address or no account at all, mailing nothing.
 */
@QuarkusTest
@WithTestResource(FakeNotification.class)
class PasswordResetByEmailTest {
    private static final int SMTP_PORT = 32526;
    private static final List<String> TOPIC_WORDS =
            List.of("DV", "暴力", "避難", "女性", "カフェ", "相談", "託児", "Women", "violence", "cafe", "café", "shelter");

    private static GreenMail mail;

    @TestHTTPResource("/")
    URL root;

    @BeforeAll
    static void mailSink() {
        mail = new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.start();
    }

    @AfterAll
    static void stopMailSink() {
        mail.stop();
    }

    private String gateway() {
        return root.toString().replace("localhost", "127.0.0.1").replaceAll("/$", "");
    }

    private static String realmUrl() {
        return TestServers.get().keycloak().realmUrl();
    }

    private void verifyThroughTheGateway(String username) {
        given().auth()
                .oauth2(Tokens.accessToken(realmUrl(), username))
                .contentType("application/json")
                .body("{\"code\":\"123456\",\"consentLanguage\":\"ja\"}")
                .post(gateway() + "/api/notifications/preferences/email/verify")
                .then()
                .statusCode(200);
    }

    private void choosePreferences(String username) {
        given().auth()
                .oauth2(Tokens.accessToken(realmUrl(), username))
                .contentType("application/json")
                .body("{\"language\":\"ja\",\"channels\":[\"in-app\"],\"fullDetail\":false}")
                .put(gateway() + "/api/notifications/preferences")
                .then()
                .statusCode(200);
    }

    @Test
    void theConfirmedAddressFollowsHerVerifyAndHerWithdrawal() {
        KeycloakAccounts accounts = KeycloakAccounts.asAdmin();
        String username = "copy-" + UUID.randomUUID().toString().substring(0, 8);
        String userId = accounts.createAttendee(username);
        String address = username + "@example.org";
        try {
            // before she confirms anything, Keycloak has no address
            assertThat(accounts.user(userId).getString("email")).isNullOrEmpty();

            System.setProperty("fake.confirmed." + userId, address);
            verifyThroughTheGateway(username);
            assertThat(accounts.user(userId).getString("email")).isEqualTo(address);
            assertThat(accounts.user(userId).getBoolean("emailVerified")).isTrue();

            System.clearProperty("fake.confirmed." + userId);
            given().auth()
                    .oauth2(Tokens.accessToken(realmUrl(), username))
                    .post(gateway() + "/api/notifications/me/consents/email-channel/withdrawal")
                    .then()
                    .statusCode(200);
            assertThat(accounts.user(userId).getString("email")).isNullOrEmpty();
            assertThat(accounts.user(userId).getBoolean("emailVerified")).isFalse();
        } finally {
            System.clearProperty("fake.confirmed." + userId);
            accounts.delete(userId);
        }
    }

    @Test
    void eMailSwitchedOffTakesTheAddressOutOfHerAccount() {
        KeycloakAccounts accounts = KeycloakAccounts.asAdmin();
        String username = "off-" + UUID.randomUUID().toString().substring(0, 8);
        String userId = accounts.createAttendee(username);
        String address = username + "@example.org";
        try {
            System.setProperty("fake.confirmed." + userId, address);
            verifyThroughTheGateway(username);
            assertThat(accounts.user(userId).getString("email")).isEqualTo(address);

            // she switches e-mail off (notification then answers no address): Keycloak's reset may not mail it either
            System.clearProperty("fake.confirmed." + userId);
            choosePreferences(username);
            assertThat(accounts.user(userId).getString("email")).isNullOrEmpty();
            assertThat(accounts.user(userId).getBoolean("emailVerified")).isFalse();

            // and on again: the address she confirmed is hers to reset with once more
            System.setProperty("fake.confirmed." + userId, address);
            choosePreferences(username);
            assertThat(accounts.user(userId).getString("email")).isEqualTo(address);
            assertThat(accounts.user(userId).getBoolean("emailVerified")).isTrue();
        } finally {
            System.clearProperty("fake.confirmed." + userId);
            accounts.delete(userId);
        }
    }

    @Test
    void forgotPasswordMailsOneNeutralLinkThatWorksOnceAndTellsNobodyWhoHasAnAddress() throws Exception {
        KeycloakAccounts accounts = KeycloakAccounts.asAdmin();
        String marker = UUID.randomUUID().toString().substring(0, 8);
        String withAddress = "reset-" + marker;
        String withoutAddress = "noaddr-" + marker;
        String userId = accounts.createAttendee(withAddress);
        String otherId = accounts.createAttendee(withoutAddress);
        String address = withAddress + "@example.org";
        try {
            System.setProperty("fake.confirmed." + userId, address);
            verifyThroughTheGateway(withAddress);
            mail.purgeEmailFromAllMailboxes();

            String sentPage;
            try (WebClient browser = browser()) {
                sentPage = forgotPassword(browser, withAddress);
            }
            assertThat(mail.waitForIncomingEmail(20_000, 1)).isTrue();
            Thread.sleep(1500); // a second mail would have arrived by now
            MimeMessage[] received = mail.getReceivedMessages();
            assertThat(received).hasSize(1);
            MimeMessage reset = received[0];
            assertThat(Arrays.stream(reset.getRecipients(Message.RecipientType.TO))
                            .map(Object::toString)
                            .toList())
                    .containsExactly(address);
            // the words she (or someone at her screen) reads: quoted-printable lines joined, the link's token left out
            String text = (reset.getSubject() + "\n" + GreenMailUtil.getBody(reset))
                    .replace("=\r\n", "")
                    .replace("=\n", "")
                    .replaceAll("https?://[^\\s\"<>]+", "<link>");
            for (String word : TOPIC_WORDS) {
                assertThat(text).as("reset mail mentions " + word).doesNotContainIgnoringCase(word);
            }
            String link = resetLink(GreenMailUtil.getBody(reset));

            // the same answer, and no mail, for a name without an address and for no account at all
            try (WebClient browser = browser()) {
                assertThat(forgotPassword(browser, withoutAddress)).isEqualTo(sentPage);
            }
            try (WebClient browser = browser()) {
                assertThat(forgotPassword(browser, "nobody-" + marker)).isEqualTo(sentPage);
            }
            Thread.sleep(2000);
            assertThat(mail.getReceivedMessages()).hasSize(1);

            String newPassword = "new-password-" + marker;
            try (WebClient browser = browser()) {
                HtmlPage choose = browser.getPage(link);
                HtmlForm form = choose.getForms().stream()
                        .filter(f -> !f.getInputsByName("password-new").isEmpty())
                        .findFirst()
                        .orElseThrow(() -> new AssertionError("no new-password form: " + choose.asNormalizedText()));
                form.getInputByName("password-new").setValue(newPassword);
                form.getInputByName("password-confirm").setValue(newPassword);
                submit(form).click();
            }
            given().formParam("grant_type", "password")
                    .formParam("client_id", "ibasho-test")
                    .formParam("username", withAddress)
                    .formParam("password", newPassword)
                    .post(realmUrl() + "/protocol/openid-connect/token")
                    .then()
                    .statusCode(200);

            // the link is spent: a second use offers no password form
            try (WebClient browser = browser()) {
                HtmlPage again = browser.getPage(link);
                assertThat(again.getForms().stream()
                                .filter(f -> !f.getInputsByName("password-new").isEmpty())
                                .toList())
                        .as(again.asNormalizedText())
                        .isEmpty();
            }
        } finally {
            System.clearProperty("fake.confirmed." + userId);
            accounts.delete(userId);
            accounts.delete(otherId);
        }
    }

    private static WebClient browser() {
        WebClient browser = PlainBrowser.open();
        browser.getOptions().setThrowExceptionOnFailingStatusCode(false);
        return browser;
    }

    /** Her way from the app's sign-in to Keycloak's "forgot password" page; the text of the page that answers. */
    private String forgotPassword(WebClient browser, String username) throws Exception {
        HtmlPage login = browser.getPage(gateway() + "/app/login");
        HtmlAnchor forgot = login.getAnchors().stream()
                .filter(a -> a.getHrefAttribute().contains("reset-credentials"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no forgot-password link: " + login.asNormalizedText()));
        HtmlPage resetPage = forgot.click();
        HtmlForm form = resetPage.getForms().get(0);
        form.getInputByName("username").setValue(username);
        HtmlPage answered = submit(form).click();
        // the form keeps the name she typed; everything else must be the same whoever she named
        return answered.asNormalizedText().replace(username, "<name>");
    }

    /** The form's submit control (Keycloak's forms also hold "show password" buttons). */
    private static org.htmlunit.html.HtmlElement submit(HtmlForm form) {
        return java.util.stream.Stream.concat(
                        form.getElementsByTagName("input").stream(), form.getElementsByTagName("button").stream())
                .filter(e -> "submit".equals(e.getAttribute("type")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no submit control in " + form.asXml()));
    }

    private static String resetLink(String body) {
        Matcher link = Pattern.compile("https?://[^\\s\"<>]*action-token[^\\s\"<>]*")
                .matcher(body.replace("=\r\n", "").replace("=\n", ""));
        assertThat(link.find()).as("a link in " + body).isTrue();
        return link.group().replace("&amp;", "&").replace("=3D", "=");
    }
}
