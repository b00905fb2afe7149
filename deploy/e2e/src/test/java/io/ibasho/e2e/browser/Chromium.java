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
