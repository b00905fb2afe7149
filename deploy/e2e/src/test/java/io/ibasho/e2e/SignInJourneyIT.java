package io.ibasho.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.ibasho.e2e.KeycloakPages.named;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.SelectOption;
import io.ibasho.e2e.browser.Chromium;
import io.ibasho.e2e.browser.Phone;
import io.ibasho.testsupport.LineApiFake;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * In Debian's full chromium (never the headless shell: this class is about what her browser keeps of her session)
 * at 390 px with the pages' CSP enforced, against the whole stack and a real Keycloak: she
 * registers on the themed pages, signing out really signs her out, quick exit leaves nothing a Back or an old cookie
 * could reopen, and the 404 page is a page of the app. Every page passes axe-core and is kept as a screenshot
 * (target/screenshots/).
 */
class SignInJourneyIT {
    private static final String PASSWORD = "sora-no-iro-" + 7; // the realm asks for 10 characters, not the username

    private static SecurityStack stack;

    @BeforeAll
    static void browserAndStack() {
        Chromium.required();
        stack = SecurityStack.get();
    }

    @Test
    void sheRegistersOnTheThemedPagesAndSigningOutAsksForHerPasswordAgain() {
        try (Phone phone = Phone.inFullChromium("register-and-sign-out")) {
            Page page = phone.page();
            page.navigate(stack.gateway + "/");
            phone.look("start");

            page.getByRole(AriaRole.LINK, named(Pattern.compile("^ログイン")))
                    .first()
                    .click();
            KeycloakPages.assertThemedLoginPage(page, stack, "ja");
            // a shared phone: the browser offers to keep her password; the page asks her not to let it
            assertThat(page.locator("#ibasho-no-saved-password")).containsText("パスワードをブラウザに保存しないでください");
            phone.look("keycloak-login");

            page.getByRole(AriaRole.LINK, named("English")).click();
            KeycloakPages.assertThemedLoginPage(page, stack, "en");
            assertThat(page.locator("#ibasho-no-saved-password"))
                    .containsText("Do not let the browser save your password");
            phone.look("keycloak-login-en");
            page.getByRole(AriaRole.LINK, named("日本語")).click();
            KeycloakPages.assertThemedLoginPage(page, stack, "ja");

            page.getByRole(AriaRole.LINK, named("登録する")).click();
            assertThat(page.getByText("ニックネームで大丈夫です。")).isVisible();
            phone.look("keycloak-register");
            // Only a nickname and a password: no name, and the e-mail field may stay empty.
            assertThat(page.locator("#firstName")).hasCount(0);
            assertThat(page.locator("#lastName")).hasCount(0);
            String nickname = "e2e-" + UUID.randomUUID().toString().substring(0, 8);
            page.getByLabel(KeycloakPages.NICKNAME_LABEL).fill(nickname);
            page.getByLabel(KeycloakPages.PASSWORD_LABEL).fill(PASSWORD);
            page.getByLabel("パスワード（もう一度）").fill(PASSWORD);
            page.getByRole(AriaRole.BUTTON, named("登録する")).click();
            List<String> codes = KeycloakPages.noteFirstRecoveryCodes(phone, stack);
            phone.waitForUrl(url -> !url.contains("/app/login"), "the app after noting her codes");
            assertThat(page.getByRole(AriaRole.BUTTON, named(Pattern.compile("^ログアウト"))))
                    .isVisible();
            phone.look("registered-and-signed-in");

            page.getByRole(AriaRole.BUTTON, named(Pattern.compile("^ログアウト"))).click();
            page.waitForLoadState();
            phone.look("signed-out");
            assertThat(page.url()).startsWith(stack.gateway);
            // the gateway ended her Keycloak session on the back channel: Keycloak must not name her in its log for it
            KeycloakLog.assertNeverNames(stack, nickname);

            // Her Keycloak session must be over too: signing in again asks for the password.
            assertThat(page.getByRole(AriaRole.LINK, named(Pattern.compile("^ログイン")))
                            .first())
                    .isVisible();
            page.getByRole(AriaRole.LINK, named(Pattern.compile("^ログイン")))
                    .first()
                    .click();
            page.waitForURL(url -> url.startsWith(stack.realm + "/") || url.startsWith(stack.gateway + "/"));
            assertThat(page.url())
                    .as("after signing out, ログイン must ask for the password again, not sign her in at once")
                    .startsWith(stack.realm + "/");
            assertThat(page.getByLabel(KeycloakPages.PASSWORD_LABEL)).isVisible();
            phone.look("login-again");

            // She forgot her password and has no e-mail with Ibasho: Keycloak's reset page sends her to her codes
            // instead of promising a mail that never comes.
            page.getByRole(AriaRole.LINK, named("パスワードをお忘れですか？")).click();
            assertThat(page.locator("#kc-page-title")).containsText("パスワードを設定し直す");
            assertThat(page.locator("#ibasho-recover")).containsText("回復コード");
            phone.look("keycloak-reset-password");
            // the link leads to the app's recovery page (the app as the build's shared Keycloak was told it, which is
            // not this stack's gateway when the lanes share one Keycloak: its path is what this page decides)
            assertThat(page.locator("#ibasho-recover a")).hasAttribute("href", Pattern.compile("/app/recover$"));
            // one of her codes sets a new one, and works only once
            String newPassword = "umi-no-oto-" + 42;
            recover(phone, nickname, codes.get(3), newPassword);
            assertThat(page.locator("#message")).containsText("新しいパスワードを設定しました");
            phone.look("recovered");
            page.locator("#signin").click();
            KeycloakPages.signInHere(phone, stack, nickname, newPassword);
            assertThat(page.getByRole(AriaRole.BUTTON, named(Pattern.compile("^ログアウト"))))
                    .isVisible();
            phone.allow("422");
            recover(phone, nickname, codes.get(3), "kaze-no-uta-" + 42);
            assertThat(page.locator("#message")).hasText("ニックネームか回復コードが違うか、そのコードはもう使われています。まだ使っていない別のコードでお試しください。");
            // a refusal reads as an error, never in the green box that says something worked
            assertThat(page.locator("#message")).hasClass("error-summary");
            phone.look("code-used-again");
        }
    }

    private static void recover(Phone phone, String username, String code, String newPassword) {
        Page page = phone.page();
        page.navigate(stack.gateway + "/app/recover");
        page.getByLabel("ニックネーム（ログインに使うもの）").fill(username);
        page.getByLabel(Pattern.compile("^回復コード")).fill(code);
        page.getByLabel("新しいパスワード（10文字以上）").fill(newPassword);
        page.getByLabel("新しいパスワード（確認のためもう一度）").fill(newPassword);
        page.getByRole(AriaRole.BUTTON, named("新しいパスワードを設定する")).click();
        page.waitForLoadState();
    }

    @Test
    void sheLinksLineWithACodeSentThroughLinesSignedWebhookAndUnlinksIt() throws Exception {
        try (Phone phone = Phone.inFullChromium("line")) {
            Page page = phone.page();
            page.navigate(stack.gateway + "/");
            // a woman of this journey's own (not the demo's mei, whose requests to talk other classes make and read
            // meanwhile: docs/adr/0043); a fresh sign-in: linking a channel asks for one
            KeycloakPages.signIn(
                    phone, stack, new StackAttendees(stack).create("line", 1).get(0));
            page.navigate(stack.gateway + "/app/settings");
            // the settings say what e-mail on means, for messages and for a forgotten password (docs/adr/0027)
            assertThat(page.locator("#channels-help")).containsText("パスワードを忘れたときの再設定メール");
            // her safe address must not become one the browser offers on every site
            assertThat(page.locator("#address")).hasAttribute("autocomplete", "off");
            // quiet hours hold LINE as well as e-mail, and the page says so
            assertThat(page.locator("body")).containsText("メールも LINE も送りません");
            phone.look("settings");
            page.locator("#line-settings").click();
            page.waitForURL(url -> url.endsWith("/app/settings/line"));
            assertThat(page.locator("#line-not-linked")).isVisible();
            assertThat(page.locator("#line-caution")).isVisible();
            phone.look("line-settings");

            // Not linked yet, LINE (and e-mail, not confirmed) cannot be chosen on the talk page: each option stays one
            // readable row, the way to make it available under it, in Japanese and in English.
            page.navigate(stack.gateway + "/app/talk");
            unavailableChoicesAreReadableRows(page);
            phone.look("talk-line-not-linked");
            page.locator("#lang-switch").click();
            page.waitForLoadState();
            assertThat(page.locator("html")).hasAttribute("lang", "en");
            unavailableChoicesAreReadableRows(page);
            phone.look("talk-line-not-linked-en");
            page.locator("#lang-switch").click();
            page.waitForLoadState();
            page.navigate(stack.gateway + "/app/settings/line");

            page.getByRole(AriaRole.BUTTON, named("LINE をつなぐ（コードを表示）")).click();
            page.waitForLoadState();
            // post-redirect-get: a reload shows the same code and asks for no other
            assertThat(page.url()).isEqualTo(stack.gateway + "/app/settings/line");
            String code = page.locator("#line-code").innerText();
            assertThat(code).matches("[A-Z2-9]{4}-[A-Z2-9]{4}");
            page.reload();
            assertThat(page.locator("#line-code")).hasText(code);
            assertThat(page.locator("#line-steps")).isVisible();
            phone.look("line-code");

            // She sends the code to the official account in LINE; LINE posts it to the gateway's public webhook.
            String lineUser = LineApiFake.newUserId();
            String body = LineApiFake.textMessageWebhook(lineUser, code, System.currentTimeMillis());
            assertThat(postWebhook(body, LineApiFake.sign("not-the-channel-secret", body))
                            .statusCode())
                    .isEqualTo(401);
            assertThat(postWebhook(body, LineApiFake.sign(body)).statusCode()).isEqualTo(200);

            page.locator("#line-check").click();
            page.waitForLoadState();
            assertThat(page.locator("#line-linked")).isVisible();
            // the day as every page writes it (「12月6日(日) から」), never 2026-12-06
            assertThat(page.locator("#line-linked")).containsText(Pattern.compile("\\d+月\\d+日\\(.\\) から"));
            phone.look("line-linked");

            // Linked, LINE is a way to be reached for a request to talk, and the acknowledgement goes there.
            page.navigate(stack.gateway + "/app/talk");
            page.locator("#talk-organisation").selectOption(new SelectOption().setLabel("ひなたの会"));
            assertThat(page.locator("#how-line")).isEnabled();
            page.locator("#how-line").check();
            page.locator("#when-weekend").check();
            phone.look("talk-by-line");
            page.getByRole(AriaRole.BUTTON, named("送る")).click();
            assertThat(page.locator("#message")).hasText("送りました。");
            Locator mine = page.locator(".talk-request").first();
            assertThat(mine).containsText("LINE で");
            assertThat(mine).containsText("ひなたの会");
            String reference = mine.locator(".talk-reference").innerText();
            try (Phone desk = Phone.inFullChromium("consultation-line", 1280)) {
                Page staff = desk.page();
                KeycloakPages.signIn(desk, stack, "consult1");
                staff.navigate(stack.gateway + "/staff/consultation");
                Locator request = staff.locator(".talk-request", new Page.LocatorOptions().setHasText(reference));
                // that she chose LINE, never her LINE account
                assertThat(request.locator(".talk-how")).hasText("LINE で（受け付けのお知らせはこのアプリから届きます）");
                assertThat(staff.content()).doesNotContain(lineUser);
                desk.look("consultation-line");
                staff.locator("#acknowledge-" + reference).click();
                assertThat(staff.locator("#message")).hasText("ご本人に、中立的な文面でお知らせしました。");
                org.awaitility.Awaitility.await()
                        .atMost(java.time.Duration.ofSeconds(30))
                        .until(() -> !LineApiFake.get().acceptedFor(lineUser).isEmpty());
                assertThat(LineApiFake.get()
                                .acceptedFor(lineUser)
                                .get(0)
                                .texts()
                                .get(0))
                        .doesNotContain("話")
                        .doesNotContain("相談");
                staff.locator("#close-" + reference).click();
                assertThat(staff.locator("#message")).hasText("終了にしました。30日後に消えます。");
                desk.assertNothingWentWrong();
            }
            page.navigate(stack.gateway + "/app/settings/line");

            page.getByRole(AriaRole.BUTTON, named("LINE とのつながりを解除する")).click();
            page.waitForLoadState();
            assertThat(page.url()).isEqualTo(stack.gateway + "/app/settings/line?done=unlinked");
            assertThat(page.locator("#message")).containsText("解除しました");
            assertThat(page.locator("#line-not-linked")).isVisible();
            phone.look("line-unlinked");
            phone.assertNothingWentWrong();
        }
    }

    /**
     * The talk page's e-mail and LINE options while neither can be used (exploratory test, 390 px): the LINE row was
     * split into two columns by the link inside its label, and the disabled radios were almost white.
     */
    private static void unavailableChoicesAreReadableRows(Page page) {
        for (String id : List.of("how-email", "how-line")) {
            Locator radio = page.locator("#" + id);
            assertThat(radio).isDisabled();
            // drawn, not left almost invisible: a dashed grey circle
            assertThat(radio.evaluate("e => getComputedStyle(e).borderTopStyle"))
                    .isEqualTo("dashed");
            // its words readable against the page: WCAG contrast of at least 4.5:1
            double contrast = ((Number) page.locator("label[for=" + id + "]").evaluate("""
                                    e => {
                                      const rgb = c => c.match(/\\d+/g).slice(0, 3).map(Number);
                                      const lum = c => { const [r, g, b] = rgb(c).map(v => { v /= 255;
                                        return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });
                                        return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
                                      const a = lum(getComputedStyle(e).color);
                                      const b = lum(getComputedStyle(document.body).backgroundColor);
                                      return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
                                    }""")).doubleValue();
            assertThat(contrast).as(id + " text contrast").isGreaterThanOrEqualTo(4.5);
        }
        // one row: the label spans the width beside its radio, the link to the settings sits under it
        var label = page.locator("label[for=how-line]").boundingBox();
        var link = page.locator("#how-line-off a").boundingBox();
        var form = page.locator("#talk").boundingBox();
        assertThat(label.width).as("LINE label width").isGreaterThan(form.width * 0.6);
        assertThat(link.y).as("link under the label").isGreaterThanOrEqualTo(label.y + label.height - 1);
    }

    private static java.net.http.HttpResponse<String> postWebhook(String body, String signature) throws Exception {
        return java.net.http.HttpClient.newHttpClient()
                .send(
                        java.net.http.HttpRequest.newBuilder(
                                        java.net.URI.create(stack.gateway + "/api/notifications/line/webhook"))
                                .header("Content-Type", "application/json; charset=UTF-8")
                                .header("X-Line-Signature", signature)
                                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void quickExitLeavesNoPageBehindBackAndTheOldCookiesOpenNothing() {
        // Kubernetes runs two gateway replicas: the copy must open nothing on the one she did not leave through either
        try (SecondGateway otherReplica = SecondGateway.launch(stack)) {
            quickExitOnOneReplica(otherReplica);
        }
    }

    private void quickExitOnOneReplica(SecondGateway otherReplica) {
        String cookiesBeforeExit;
        try (Phone phone = Phone.inFullChromium("quick-exit")) {
            Page page = phone.page();
            page.navigate(stack.gateway + "/");
            // her own account: the quick exit ends her session, and other classes use the demo's hana meanwhile
            String nickname = new StackAttendees(stack).create("quick-exit", 1).get(0);
            KeycloakPages.signIn(phone, stack, nickname);
            phone.look("signed-in");
            cookiesBeforeExit = phone.savedState();
            // the other replica takes her session as it is, until she leaves
            try (Phone elsewhere = Phone.withStateInFullChromium("quick-exit-other-replica", cookiesBeforeExit)) {
                Response bookings = elsewhere.page().navigate(otherReplica.url() + "/app/bookings");
                assertThat(bookings.status()).isEqualTo(200);
                assertThat(elsewhere.page().getByRole(AriaRole.BUTTON, named(Pattern.compile("^ログアウト"))))
                        .hasCount(1);
            }

            page.getByRole(AriaRole.LINK, named(Pattern.compile("すぐに閉じる")))
                    .first()
                    .click();
            page.waitForURL(url -> url.startsWith(Phone.NEUTRAL_SITE));
            assertThat(page).hasTitle(Phone.NEUTRAL_TITLE);
            phone.screenshot("neutral-site");
            KeycloakLog.assertNeverNames(stack, nickname);

            // Back, as far as the history goes: never a signed-in page of the app.
            for (int step = 1; step <= 5; step++) {
                Response back = page.goBack();
                if (back == null) {
                    break;
                }
                page.waitForLoadState();
                phone.screenshot("back-" + step);
                assertThat(page.url())
                        .as("Back step %d must not reopen a page of hers", step)
                        .doesNotContain("/app/");
                assertThat(page.getByRole(AriaRole.BUTTON, named(Pattern.compile("^ログアウト")))
                                .count())
                        .as("Back step %d shows a signed-in page", step)
                        .isZero();
            }
            phone.assertNothingWentWrong();
        }
        // Someone who copied her cookies before she left gets nothing with them.
        try (Phone replay = Phone.withStateInFullChromium("quick-exit-old-cookies", cookiesBeforeExit)) {
            Page page = replay.page();
            replay.allow("401");
            Response bookings = page.navigate(stack.gateway + "/app/bookings");
            assertThat(bookings.status())
                    .as("her bookings page with the cookies from before the quick exit")
                    .isEqualTo(401);
            assertThat(page.getByRole(AriaRole.BUTTON, named(Pattern.compile("^ログアウト"))))
                    .hasCount(0);
            replay.look("old-cookies-refused");
        }
        // The other replica never saw the exit: it asks Keycloak, whose session the exit ended, once its last answer
        // ("open", when she was signed in above) is older than the gateway's session-check-interval (5 s as shipped).
        try (Phone replay = Phone.withStateInFullChromium("quick-exit-old-cookies-other-replica", cookiesBeforeExit)) {
            replay.allow("401");
            String otherReplicaUrl = otherReplica.url();
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(15);
            Response bookings = replay.page().navigate(otherReplicaUrl + "/app/bookings");
            while (bookings.status() == 200 && System.nanoTime() < deadline) {
                replay.page().waitForTimeout(500);
                bookings = replay.page().navigate(otherReplicaUrl + "/app/bookings");
            }
            assertThat(bookings.status())
                    .as("her bookings page on the other replica, with the cookies from before the quick exit")
                    .isEqualTo(401);
            assertThat(replay.page().getByRole(AriaRole.BUTTON, named(Pattern.compile("^ログアウト"))))
                    .hasCount(0);
            replay.look("old-cookies-refused-other-replica");
        }
    }

    /**
     * Exploratory test (an abuser with her phone): after a sign-out, Back showed the session she had open (title, date,
     * venue) once the quick exit's ten-minute marker had gone. Sign-out sets the same Back guard now, for 12 hours
     * (docs/adr/0087); past that, what Back can show is what anyone can see, and none of her own pages.
     */
    @Test
    void backAfterSignOutNeverShowsASessionPageAndPastTheGuardOnlyPublicPages() {
        String session = AuthorizationMatrixIT.newSession(true);
        String nickname = new StackAttendees(stack).create("sign-out-back", 1).get(0);
        try (Phone phone = Phone.inFullChromium("sign-out-back")) {
            Page page = phone.page();
            // Back reaches her bookings page, asked again of the server (401, no-store) before the guard moves on
            phone.allow("401");
            openASessionAndSignOut(phone, nickname, session);
            var guard = phone.context().cookies(stack.gateway).stream()
                    .filter(cookie -> cookie.name.equals("ibasho_v"))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no Back guard after sign-out"));
            double hoursLeft = (guard.expires - System.currentTimeMillis() / 1000.0) / 3600;
            assertThat(hoursLeft).as("the Back guard's lifetime in hours").isBetween(11.9, 12.01);
            // Back over the app's pages since she signed in: the neutral site every time, never her session or a page
            // of hers (further back is Keycloak's login form, which shows nothing of hers)
            for (int step = 1; step <= 3; step++) {
                if (page.goBack() == null && !page.url().startsWith(stack.gateway)) {
                    break;
                }
                phone.waitForUrl(url -> url.startsWith(Phone.NEUTRAL_SITE), "the neutral site after Back " + step);
                phone.screenshot("sign-out-back-" + step);
                assertThat(page).hasTitle(Phone.NEUTRAL_TITLE);
            }
            phone.assertNothingWentWrong();
        }
        // the guard expired (the tester waited ten minutes; here it is removed as its expiry would)
        try (Phone phone = Phone.inFullChromium("sign-out-back-guard-expired")) {
            Page page = phone.page();
            phone.allow("401");
            openASessionAndSignOut(phone, nickname, session);
            page.evaluate("() => { document.cookie = 'ibasho_v=; Max-Age=0; Path=/'; }");
            page.goBack();
            page.waitForLoadState();
            phone.look("guard-expired-back-1");
            // her bookings page, asked again of the server: it asks for her password and shows nothing of hers
            assertThat(page.url()).isEqualTo(stack.gateway + "/app/bookings");
            assertThat(page.getByRole(AriaRole.BUTTON, named(Pattern.compile("^ログアウト"))))
                    .hasCount(0);
            assertThat(page.content()).doesNotContain(nickname);
            page.goBack();
            page.waitForLoadState();
            phone.look("guard-expired-back-2");
            // what remains: the session's public page, as anyone sees it, signed out
            assertThat(page.url()).isEqualTo(stack.gateway + "/s/" + session);
            assertThat(page.locator("h1")).isVisible();
            assertThat(page.getByRole(AriaRole.BUTTON, named(Pattern.compile("^ログアウト"))))
                    .hasCount(0);
        }
    }

    /** Signs her in, opens a session's page and her bookings, signs out: the history an abuser would walk back. */
    private static void openASessionAndSignOut(Phone phone, String nickname, String session) {
        Page page = phone.page();
        page.navigate(stack.gateway + "/");
        KeycloakPages.signIn(phone, stack, nickname);
        page.navigate(stack.gateway + "/s/" + session);
        assertThat(page.locator("h1")).isVisible();
        page.navigate(stack.gateway + "/app/bookings");
        page.getByRole(AriaRole.BUTTON, named(Pattern.compile("^ログアウト"))).click();
        page.waitForURL(url -> url.startsWith(stack.gateway + "/bye"));
        page.waitForLoadState();
        phone.look("signed-out");
        KeycloakLog.assertNeverNames(stack, nickname);
    }

    @Test
    void theNotFoundPageIsAPageOfTheAppWithItsQuickExit() {
        try (Phone phone = Phone.inFullChromium("not-found")) {
            Page page = phone.page();
            phone.allow("404");
            Response response = page.navigate(stack.gateway + "/no-such-page-" + UUID.randomUUID());
            assertThat(response.status()).isEqualTo(404);
            assertThat(page.locator("html")).hasAttribute("lang", "ja");
            assertThat(page.locator("#quick-exit")).isVisible();
            phone.look("not-found");
        }
    }
}
