package io.ibasho.e2e.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.CDPSession;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Request;
import com.microsoft.playwright.options.LoadState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;

/**
 * One woman's phone for one journey: a fresh browser context 390 px wide (cookies of its own), Japanese, with the
 * pages' Content-Security-Policy enforced as a real browser does. Everything that would go wrong quietly in a real
 * browser is collected and fails the journey: CSP violations, console errors, uncaught script errors, and any request to
 * a third party (the neutral quick-exit site is answered here by a stand-in page, the network being closed).
 * {@link #look(String)} checks the page she sees (axe-core, tap targets) and keeps a screenshot.
 */
public final class Phone implements AutoCloseable {
    public static final int WIDTH = 390;
    public static final int HEIGHT = 844;
    /** The longest screenshot kept of a phone: about four phone screens. */
    static final int SCREENSHOT_HEIGHT = 3200;
    /**
     * The longest screenshot kept of a desk (1280 px wide): two of its 800 px screens. Each of its rows has 3.3 times
     * the pixels of a phone's, and the organisers' lists grow with every test's sessions (docs/benchmarks.md,
     * round 10).
     */
    static final int DESK_SCREENSHOT_HEIGHT = 1600;
    /** The neutral site of the gateway's and the login theme's quick exit (ibasho.gateway.quick-exit-url). */
    public static final String NEUTRAL_SITE = "https://tenki.jp/";

    public static final String NEUTRAL_TITLE = "天気予報 (stand-in for the neutral site)";

    private static final String NEUTRAL_PAGE =
            "<!doctype html><html lang=\"ja\"><title>" + NEUTRAL_TITLE + "</title><h1>今日の天気</h1></html>";

    private static final Path SCREENSHOTS = Path.of(System.getProperty("ibasho.screenshots", "target/screenshots"));
    private static final Set<String> OWN_HOSTS = Set.of("127.0.0.1", "localhost");

    private final String journey;
    private final BrowserContext context;
    private final Page page;
    private final CDPSession devTools;
    private final List<String> problems = new ArrayList<>();
    private final List<String> allowedProblems = new ArrayList<>();
    private final java.util.Set<String> findings = new java.util.LinkedHashSet<>();
    private int shots;

    private Phone(String journey, BrowserContext context) {
        this.journey = journey;
        forgetEarlierScreenshots();
        this.context = context;
        context.setDefaultTimeout(30_000);
        context.setDefaultNavigationTimeout(60_000);
        context.exposeBinding("__ibashoCspViolation", (source, args) -> {
            problems.add("CSP violation: " + args[0] + " blocked " + args[1] + " on " + args[2]);
            return null;
        });
        context.addInitScript(
                "document.addEventListener('securitypolicyviolation', function (e) {"
                        + " window.__ibashoCspViolation(e.effectiveDirective || e.violatedDirective, e.blockedURI, e.documentURI); });");
        context.onConsoleMessage(message -> {
            if ("error".equals(message.type())) {
                problems.add("console error on " + message.location() + ": " + message.text());
            }
        });
        context.onRequest(this::noteThirdParty);
        this.page = context.newPage();
        this.devTools = context.newCDPSession(page);
        standInForTheNeutralSite();
        page.onPageError(error -> problems.add("script error on " + page.url() + ": " + error));
    }

    /** A fresh phone (no cookies, no storage) for one journey; screenshots go to target/screenshots/{journey}/. */
    public static Phone open(String journey) {
        return new Phone(journey, PhoneBrowser.get().newContext(options()));
    }

    /**
     * A fresh browser context {@code width} px wide: 390 is her phone, 1280 an organiser's laptop at a desk (no touch,
     * 800 px high).
     */
    public static Phone open(String journey, int width) {
        return new Phone(journey, PhoneBrowser.get().newContext(options(width)));
    }

    /** Like {@link #open(String, int)}, with a camera that shows the video file (y4m) and may be used without asking. */
    public static Phone withCamera(String journey, int width, Path video) {
        Phone phone = new Phone(journey, PhoneBrowser.withCamera(video).newContext(options(width)));
        phone.context.grantPermissions(List.of("camera"));
        return phone;
    }

    /** A phone that starts with the cookies and storage of another one, saved earlier with {@link #savedState()}. */
    public static Phone withState(String journey, String storageState) {
        return new Phone(journey, PhoneBrowser.get().newContext(options().setStorageState(storageState)));
    }

    /**
     * A fresh phone in Debian's full chromium, not the headless shell the other journeys use: for the journeys about
     * what her browser keeps of her session (signing out, the quick exit, the back button), which must meet the
     * browser she has, back/forward cache included (docs/adr/0050-journeys-in-the-headless-shell.md).
     */
    public static Phone inFullChromium(String journey) {
        return inFullChromium(journey, WIDTH);
    }

    /** Like {@link #inFullChromium(String)}, {@code width} px wide (see {@link #open(String, int)}). */
    public static Phone inFullChromium(String journey, int width) {
        return new Phone(journey, PhoneBrowser.full().newContext(options(width)));
    }

    /** Like {@link #withState(String, String)}, in Debian's full chromium (see {@link #inFullChromium(String)}). */
    public static Phone withStateInFullChromium(String journey, String storageState) {
        return new Phone(journey, PhoneBrowser.full().newContext(options().setStorageState(storageState)));
    }

    /** Like {@link #withState(String, String)}, {@code width} px wide (see {@link #open(String, int)}). */
    public static Phone withState(String journey, int width, String storageState) {
        return new Phone(journey, PhoneBrowser.get().newContext(options(width).setStorageState(storageState)));
    }

    /** Like {@link #withCamera(String, int, Path)}, starting with the cookies and storage saved from another phone. */
    public static Phone withCamera(String journey, int width, Path video, String storageState) {
        Phone phone = new Phone(
                journey,
                PhoneBrowser.withCamera(video).newContext(options(width).setStorageState(storageState)));
        phone.context.grantPermissions(List.of("camera"));
        return phone;
    }

    private static Browser.NewContextOptions options() {
        return options(WIDTH);
    }

    private static Browser.NewContextOptions options(int width) {
        boolean phone = width < 1024;
        return new Browser.NewContextOptions()
                .setViewportSize(width, phone ? HEIGHT : 800)
                .setDeviceScaleFactor(1)
                .setIsMobile(phone)
                .setHasTouch(phone)
                .setLocale("ja-JP")
                .setTimezoneId("Asia/Tokyo")
                .setBypassCSP(false);
    }

    /**
     * Every request of the context is seen here and none is held: a request to any host but the stack's is a finding
     * (the neutral site excepted, see {@link #standInForTheNeutralSite}). None leaves the machine either way: with
     * PhoneBrowser's flags no name resolves in Chromium but the loopback's. Playwright's {@code route} is not used: in
     * Chromium any route intercepts every request, sends each through the driver and this JVM, and turns the context's
     * HTTP cache off (microsoft/playwright#13250), so every Keycloak page loaded PatternFly again (ADR 0049).
     */
    private void noteThirdParty(Request request) {
        URI url = URI.create(request.url());
        String host = url.getHost();
        if (host != null && !OWN_HOSTS.contains(host) && !request.url().startsWith(NEUTRAL_SITE)) {
            problems.add("third-party request: " + request.url());
        }
    }

    /**
     * The neutral site of the quick exit is answered by a stand-in page: DevTools' Fetch domain holds only the requests
     * to that site (a Playwright route would hold every request, see {@link #noteThirdParty}).
     */
    private void standInForTheNeutralSite() {
        devTools.on("Fetch.requestPaused", event -> {
            JsonObject header = new JsonObject();
            header.addProperty("name", "Content-Type");
            header.addProperty("value", "text/html; charset=utf-8");
            JsonArray headers = new JsonArray();
            headers.add(header);
            JsonObject answer = new JsonObject();
            answer.addProperty("requestId", event.get("requestId").getAsString());
            answer.addProperty("responseCode", 200);
            answer.add("responseHeaders", headers);
            answer.addProperty(
                    "body", Base64.getEncoder().encodeToString(NEUTRAL_PAGE.getBytes(StandardCharsets.UTF_8)));
            devTools.send("Fetch.fulfillRequest", answer);
        });
        JsonObject pattern = new JsonObject();
        pattern.addProperty("urlPattern", NEUTRAL_SITE + "*");
        pattern.addProperty("requestStage", "Request");
        JsonArray patterns = new JsonArray();
        patterns.add(pattern);
        JsonObject enable = new JsonObject();
        enable.add("patterns", patterns);
        devTools.send("Fetch.enable", enable);
    }

    public Page page() {
        return page;
    }

    public BrowserContext context() {
        return context;
    }

    /** The cookies and storage of this phone now, to replay them later from another phone. */
    public String savedState() {
        return context.storageState();
    }

    /**
     * The page she sees now: once it has loaded, a screenshot is kept, axe-core must find no WCAG 2.2 A/AA violation,
     * everything she taps must be at least 44 × 44 px, and nothing may have gone wrong in the browser so far. What is
     * found is collected and fails the journey when it ends (so that one run names the defects of every page she
     * reached); her steps themselves are asserted at once by the journey.
     */
    public Page look(String name) {
        LookCpu.start();
        page.waitForLoadState(LoadState.LOAD);
        LookCpu.step("load");
        screenshot(name);
        LookCpu.step("shot");
        List<String> found = new ArrayList<>(Axe.violations(page, devTools));
        found.addAll(TapTargets.tooSmall(page));
        LookCpu.step("tap");
        if (LookCpu.ON) {
            LookCpu.end(
                    journey,
                    name,
                    page.url(),
                    page.evaluate(
                            "() => document.documentElement.scrollWidth + 'x' + document.documentElement.scrollHeight + 'x' + document.querySelectorAll('*').length"));
        }
        found.addAll(problems());
        problems.clear();
        for (String finding : found) {
            findings.add(name + " (" + page.url() + "): " + finding);
        }
        return page;
    }

    /** Waits until she is on a page whose URL matches; if she never gets there, the page she is stuck on is kept. */
    public void waitForUrl(java.util.function.Predicate<String> where, String what) {
        try {
            page.waitForURL(where);
        } catch (com.microsoft.playwright.PlaywrightException e) {
            screenshot("stuck-instead-of-" + what);
            throw new AssertionError(
                    "She never reached " + what + "; stuck on " + page.url() + " with: "
                            + page.locator("body").innerText().replaceAll("\\s+", " "),
                    e);
        }
    }

    /** Everything found on the pages looked at so far. */
    public List<String> findings() {
        return List.copyOf(findings);
    }

    /**
     * Keeps a screenshot of the page for people to look at: the whole page, or its first {@value #SCREENSHOT_HEIGHT} px
     * when it is longer (the organisers' lists grow with every test's sessions, to 12,000 px), at a desk its first
     * {@value #DESK_SCREENSHOT_HEIGHT} px. Encoding full-length PNGs was half of what a look cost Chromium
     * (docs/benchmarks.md, round 6); what a look checks (axe, tap targets, CSP, console) is unchanged and covers the
     * whole page. The PNG is taken through DevTools with Chromium's faster encoder ({@code optimizeForSpeed}: the same
     * pixels, a larger file), which costs Chromium about 40 % less than Playwright's screenshot (round 11).
     */
    public void screenshot(String name) {
        shots++;
        @SuppressWarnings("unchecked")
        List<Number> size = (List<Number>)
                page.evaluate("() => [document.documentElement.scrollWidth, document.documentElement.scrollHeight]");
        int viewportWidth = page.viewportSize().width;
        int longest = viewportWidth >= 1024 ? DESK_SCREENSHOT_HEIGHT : SCREENSHOT_HEIGHT;
        JsonObject clip = new JsonObject();
        clip.addProperty("x", 0);
        clip.addProperty("y", 0);
        clip.addProperty("width", Math.max(viewportWidth, size.get(0).intValue()));
        clip.addProperty("height", Math.max(1, Math.min(longest, size.get(1).intValue())));
        clip.addProperty("scale", 1);
        JsonObject options = new JsonObject();
        options.addProperty("format", "png");
        options.addProperty("optimizeForSpeed", true);
        options.addProperty("captureBeyondViewport", true);
        options.add("clip", clip);
        byte[] png = Base64.getDecoder()
                .decode(devTools.send("Page.captureScreenshot", options)
                        .get("data")
                        .getAsString());
        Path file = lastScreenshot(name);
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, png);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path lastScreenshot(String name) {
        return SCREENSHOTS.resolve(journey).resolve(String.format("%02d-%s.png", shots, name));
    }

    /**
     * Some console errors are the page's right: Chromium logs a 404 document it was asked to load. Only messages
     * containing this text are forgiven, everything else still fails the journey.
     */
    public void allow(String consoleText) {
        allowedProblems.add(consoleText);
    }

    public List<String> problems() {
        return problems.stream()
                .filter(p -> allowedProblems.stream().noneMatch(p::contains))
                .toList();
    }

    public void assertNothingWentWrong() {
        assertThat(problems())
                .as("CSP violations, console or script errors and third-party requests so far (at %s)", page.url())
                .isEmpty();
    }

    /** Closes the context; then fails if any page looked at had a finding, or if something went wrong since. */
    @Override
    public void close() {
        findings.addAll(
                problems().stream().map(p -> "after the last look: " + p).toList());
        try {
            if (!findings.isEmpty()) {
                writeFindings();
            }
        } finally {
            context.close();
        }
        System.out.println("[phone] " + journey + ": " + Axe.tally());
        assertThat(findings)
                .as(
                        "accessibility, CSP, console and network findings of journey '%s' (screenshots in %s)",
                        journey, SCREENSHOTS.resolve(journey))
                .isEmpty();
    }

    private void forgetEarlierScreenshots() {
        Path folder = SCREENSHOTS.resolve(journey);
        if (!Files.isDirectory(folder)) {
            return;
        }
        try (var files = Files.list(folder)) {
            for (Path file : files.toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void writeFindings() {
        try {
            Path file = SCREENSHOTS.resolve(journey).resolve("findings.txt");
            Files.createDirectories(file.getParent());
            Files.write(file, findings);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
