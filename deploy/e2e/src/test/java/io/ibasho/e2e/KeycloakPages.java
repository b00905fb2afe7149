package io.ibasho.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.ibasho.e2e.browser.Phone;
import java.util.List;
import java.util.regex.Pattern;

/** Her steps on Keycloak's themed login and registration pages (deploy/keycloak/themes/ibasho). */
final class KeycloakPages {
    static final String NICKNAME_LABEL = "ニックネーム（ログインに使います）";
    /** "パスワード", with the required mark on the registration page, never "パスワード（もう一度）". */
    static final java.util.regex.Pattern PASSWORD_LABEL = java.util.regex.Pattern.compile("^\\s*パスワード\\s*\\*?\\s*$");

    private KeycloakPages() {}

    static Page.GetByRoleOptions named(String name) {
        return new Page.GetByRoleOptions().setName(name).setExact(true);
    }

    static Page.GetByRoleOptions named(Pattern name) {
        return new Page.GetByRoleOptions().setName(name);
    }

    /** She is on the themed login page of the realm: Japanese or English, with the quick exit and a way back. */
    static void assertThemedLoginPage(Page page, SecurityStack stack, String lang) {
        page.waitForURL(url -> url.startsWith(stack.realm + "/"));
        assertThat(page.locator("html")).hasAttribute("lang", lang);
        assertThat(page).hasTitle(lang.equals("ja") ? "いばしょ" : "Ibasho");
        assertThat(page.locator("#quick-exit")).hasAttribute("href", Phone.NEUTRAL_SITE);
        assertThat(page.locator("#quick-exit")).isVisible();
        assertThat(page.locator("#back-to-app")).isVisible();
    }

    /** Signs in on the themed login page that the gateway sent her to, and waits until she is back in the app. */
    static void signInHere(Phone phone, SecurityStack stack, String username, String password) {
        Page page = phone.page();
        phone.waitForUrl(url -> url.startsWith(stack.realm + "/"), "Keycloak's login page");
        page.getByLabel(NICKNAME_LABEL).fill(username);
        page.getByLabel(PASSWORD_LABEL).fill(password);
        page.getByRole(AriaRole.BUTTON, named("ログイン")).click();
        phone.waitForUrl(url -> url.startsWith(stack.gateway + "/"), "the app after signing in");
        assertThat(page.url()).startsWith(stack.gateway);
    }

    /**
     * Signs in again on the login page the gateway sent her to while Keycloak's own session lives on: it names her
     * (read-only) and asks for her password only, since the gateway always asks for a fresh login.
     */
    static void signInAgainHere(Phone phone, SecurityStack stack, String password) {
        Page page = phone.page();
        phone.waitForUrl(url -> url.startsWith(stack.realm + "/"), "Keycloak's login page");
        page.getByLabel(PASSWORD_LABEL).fill(password);
        page.getByRole(AriaRole.BUTTON, named("ログイン")).click();
        phone.waitForUrl(url -> url.startsWith(stack.gateway + "/"), "the app after signing in again");
    }

    /** A demo user (README: password = username + "-ibasho") signs in from the app's sign-in URL. */
    static void signIn(Phone phone, SecurityStack stack, String username) {
        phone.page().navigate(stack.gateway + "/app/login");
        signInHere(phone, stack, username, username + "-ibasho");
    }

    /**
     * Just registered, she lands on her recovery codes (shown once, docs/adr/0019): reads them, ticks that she noted
     * them, and goes on to where she was going.
     */
    static List<String> noteFirstRecoveryCodes(Phone phone, SecurityStack stack) {
        Page page = phone.page();
        phone.waitForUrl(url -> url.startsWith(stack.gateway + "/"), "the app after registering");
        assertThat(page.locator("h1")).hasText("あなたの回復コード");
        assertThat(page.locator("#keep-safe")).containsText("ほかの人も使うスマートフォン");
        List<String> codes = page.locator("#codes code").allTextContents();
        assertThat(codes).hasSize(10).allMatch(code -> code.matches("([0-9A-Z]{4}-){3}[0-9A-Z]{4}"));
        phone.look("recovery-codes-once");
        page.getByLabel("コードを安全な場所に控えました").check();
        page.getByRole(AriaRole.BUTTON, named("続ける")).click();
        return codes;
    }
}
