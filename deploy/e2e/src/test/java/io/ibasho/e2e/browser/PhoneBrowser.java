package io.ibasho.e2e.browser;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import java.util.List;
import java.util.Map;

/**
 * One headless Chromium for every browser test of this JVM (starting one costs about a second; each journey gets a
 * fresh context of its own, see {@link Phone}). Closed when the JVM ends.
 */
final class PhoneBrowser {
    /** The flags measured to work for Debian's chromium run as root without a display (docs/browser-tests.md). */
    private static final List<String> FLAGS = List.of(
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run");

    private static Playwright playwright;
    private static Browser browser;

    private PhoneBrowser() {}

    static synchronized Browser get() {
        if (browser == null) {
            var executable = Chromium.required();
            // Playwright must never try to download its own browsers: they are unreachable here.
            playwright = Playwright.create(
                    new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
            browser = playwright
                    .chromium()
                    .launch(new BrowserType.LaunchOptions()
                            .setExecutablePath(executable)
                            .setHeadless(true)
                            .setArgs(FLAGS));
            Runtime.getRuntime().addShutdownHook(new Thread(PhoneBrowser::close, "ibasho-phone-browser-close"));
        }
        return browser;
    }

    static synchronized Playwright playwright() {
        get();
        return playwright;
    }

    private static synchronized void close() {
        try {
            if (playwright != null) {
                playwright.close();
            }
        } catch (RuntimeException e) {
            System.err.println("[phone-browser] close: " + e.getMessage());
        }
    }
}
