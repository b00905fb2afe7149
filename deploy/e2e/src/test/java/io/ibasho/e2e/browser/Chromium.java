package io.ibasho.e2e.browser;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Where Debian's (or any) Chromium is: {@code ./ibasho test} finds or installs it and passes it as IBASHO_CHROMIUM
 * (empty when there is none); run another way, the usual names on the PATH are tried. Playwright cannot download
 * browsers here, so without one the browser tests are skipped, except on CI ({@code CI=true}), where they must run.
 *
 * <p>Beside it, Debian's {@code chromium-headless-shell} (the same Chromium, built as the headless shell Playwright
 * itself runs headless tests in) takes the journeys that are not about what the browser keeps of her session: it
 * needs about a quarter of the full browser's CPU per page (docs/adr/0050-journeys-in-the-headless-shell.md).
 */
public final class Chromium {
    private Chromium() {}

    public static Optional<Path> executable() {
        String given = System.getenv("IBASHO_CHROMIUM");
        if (given != null) {
            return given.isBlank() || !Files.isExecutable(Path.of(given))
                    ? Optional.empty()
                    : Optional.of(Path.of(given));
        }
        String path = System.getenv().getOrDefault("PATH", "");
        for (String name : new String[] {"chromium", "chromium-browser", "google-chrome-stable", "google-chrome"}) {
            for (String dir : path.split(java.io.File.pathSeparator)) {
                Path candidate = Path.of(dir, name);
                if (!dir.isEmpty() && Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Debian's headless shell, if installed: IBASHO_CHROMIUM_HEADLESS_SHELL ({@code ./ibasho test} passes it; empty:
     * none), else the package's binary itself (its {@code /usr/bin} wrapper would stand between Playwright and the
     * browser's process), else the name on the PATH.
     */
    public static Optional<Path> headlessShell() {
        String given = System.getenv("IBASHO_CHROMIUM_HEADLESS_SHELL");
        if (given != null) {
            return given.isBlank() || !Files.isExecutable(Path.of(given))
                    ? Optional.empty()
                    : Optional.of(Path.of(given));
        }
        Path packaged = Path.of("/usr/lib/chromium/chromium-headless-shell");
        if (Files.isExecutable(packaged)) {
            return Optional.of(packaged);
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir, "chromium-headless-shell");
            if (!dir.isEmpty() && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** Skips the calling test class when there is no browser, or fails it on CI. */
    public static Path required() {
        Optional<Path> found = executable();
        if (found.isEmpty()) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                Assertions.fail(
                        "No Chromium found and CI=true: the browser tests must run (install chromium or set IBASHO_CHROMIUM)");
            }
            Assumptions.abort(
                    "No Chromium found (install chromium or set IBASHO_CHROMIUM): the browser tests are skipped");
        }
        return found.get();
    }
}
