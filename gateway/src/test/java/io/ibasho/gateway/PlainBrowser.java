package io.ibasho.gateway;

import org.htmlunit.WebClient;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlPage;

/**
 * HtmlUnit without script or CSS: the gateway's server side as a browser meets it (cookies, redirects, Keycloak's
 * forms). What script and the CSP do is Chromium's to show, in the end-to-end module.
 */
final class PlainBrowser {
    private PlainBrowser() {}

    static WebClient open() {
        WebClient browser = new WebClient();
        browser.getOptions().setJavaScriptEnabled(false);
        browser.getOptions().setCssEnabled(false);
        browser.getOptions().setRedirectEnabled(true);
        return browser;
    }

    /** Signs in on Keycloak's own login page with the tests' password convention (username + "-ibasho"). */
    static HtmlPage signIn(WebClient browser, String base, String username) throws Exception {
        HtmlPage login = browser.getPage(base + "/app/login");
        HtmlForm form = login.getForms().get(0);
        form.getInputByName("username").setValue(username);
        form.getInputByName("password").setValue(username + "-ibasho");
        return login.getHtmlElementById("kc-login").click();
    }
}
