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

    /**
     * A second Chromium whose camera is a video file (y4m): the door's QR scan in a test. Chromium takes the file at
     * launch, so each file gets its own browser; closed with the others when the JVM ends.
     */
    static synchronized Browser withCamera(java.nio.file.Path video) {
        get();
        List<String> flags = new java.util.ArrayList<>(FLAGS);
        flags.add("--use-fake-ui-for-media-stream");
        flags.add("--use-fake-device-for-media-stream");
        flags.add("--use-file-for-fake-video-capture=" + video.toAbsolutePath());
        return playwright
                .chromium()
                .launch(new BrowserType.LaunchOptions()
                        .setExecutablePath(Chromium.required())
                        .setHeadless(true)
                        .setArgs(flags));
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
