package io.ibasho.e2e.browser;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One headless Chromium per test thread for every browser test of this JVM (starting one costs about a second; each
 * journey gets a fresh context of its own, see {@link Phone}). The module's classes run two at a time
 * (docs/adr/0043-end-to-end-classes-side-by-side.md), and Playwright is not thread-safe: a Playwright, and every
 * browser, context and page it made, may only be used from the thread that created it. So each thread gets its own
 * Playwright and Chromium (a class's tests all run on the thread that started the class). All are closed when the JVM
 * ends.
 */
final class PhoneBrowser {
    /**
     * The flags measured to work for Debian's chromium run as root without a display (docs/browser-tests.md), and no name
     * resolving but the loopback's: no request leaves the machine (Phone notes every one to a third party as a finding
     * and answers the neutral site with a stand-in; ADR 0049).
     */
    static final List<String> FLAGS = List.of(
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1");

    /**
     * A thread's Playwright, the browser its journeys run in (Debian's headless shell when installed, else the full
     * chromium) and, launched at the first call, the full chromium for the journeys about her session.
     */
    private static final class Own {
        final Playwright playwright;
        final boolean journeysInFull;
        final Browser journeys;
        Browser full;

        Own(Playwright playwright, boolean journeysInFull, Browser journeys) {
            this.playwright = playwright;
            this.journeysInFull = journeysInFull;
            this.journeys = journeys;
        }
    }

    private static final ThreadLocal<Own> OWN = new ThreadLocal<>();
    /** Every thread's Playwright, to close them all when the JVM ends. */
    private static final List<Playwright> ALL = new ArrayList<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(PhoneBrowser::close, "ibasho-phone-browser-close"));
    }

    private PhoneBrowser() {}

    /**
     * This thread's browser for journeys, launched at its first call: Debian's chromium-headless-shell when installed
     * (a quarter of the CPU per page), else the full chromium (docs/adr/0050-journeys-in-the-headless-shell.md).
     */
    static Browser get() {
        return own().journeys;
    }

    /**
     * This thread's full Debian chromium: for the journeys about what the browser keeps of her session (signing out,
     * the quick exit and the back button), which must run in the browser she has, with its back/forward cache.
     */
    static Browser full() {
        Own own = own();
        if (own.full == null) {
            own.full = own.journeysInFull ? own.journeys : launch(own.playwright, Chromium.required(), FLAGS);
        }
        return own.full;
    }

    private static Own own() {
        Own own = OWN.get();
        if (own == null) {
            var full = Chromium.required();
            // Playwright must never try to download its own browsers: they are unreachable here.
            Playwright playwright = LookCpu.underDriver(() -> Playwright.create(
                    new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1"))));
            synchronized (ALL) {
                ALL.add(playwright);
            }
            var shell = Chromium.headlessShell();
            own = new Own(playwright, shell.isEmpty(), launch(playwright, shell.orElse(full), FLAGS));
            OWN.set(own);
        }
        return own;
    }

    private static Browser launch(Playwright playwright, java.nio.file.Path executable, List<String> flags) {
        return playwright
                .chromium()
                .launch(new BrowserType.LaunchOptions()
                        .setExecutablePath(executable)
                        .setHeadless(true)
                        .setArgs(flags));
    }

    /**
     * A second Chromium of this thread whose camera is a video file (y4m): the door's QR scan in a test. Chromium takes
     * the file at launch, so each file gets its own browser; closed with the others when the JVM ends.
     */
    static Browser withCamera(java.nio.file.Path video) {
        List<String> flags = new ArrayList<>(FLAGS);
        flags.add("--use-fake-ui-for-media-stream");
        flags.add("--use-fake-device-for-media-stream");
        flags.add("--use-file-for-fake-video-capture=" + video.toAbsolutePath());
        return launch(own().playwright, Chromium.headlessShell().orElse(Chromium.required()), flags);
    }

    /** This thread's Playwright. */
    static Playwright playwright() {
        return own().playwright;
    }

    private static void close() {
        List<Playwright> all;
        synchronized (ALL) {
            all = List.copyOf(ALL);
        }
        for (Playwright playwright : all) {
            try {
                playwright.close();
            } catch (RuntimeException e) {
                System.err.println("[phone-browser] close: " + e.getMessage());
            }
        }
    }
}
