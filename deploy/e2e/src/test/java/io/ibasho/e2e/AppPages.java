package io.ibasho.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.ibasho.e2e.KeycloakPages.named;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.time.Duration;
import java.util.regex.Pattern;

/** Her steps on the web app's pages (words and URLs from docs/webapp.md, the webapp branch's contract). */
final class AppPages {
    private AppPages() {}

    /** Her booking's status as the page words it (e.g. 予約確定, 抽選の補欠（1番目）). */
    static Locator status(Page page) {
        return page.locator("dd.status");
    }

    /**
     * Registration, childcare-booking and notification answer over Kafka: she reloads her page (as she would) until it
     * shows the state, for at most {@code timeout}. Playwright's assertion waits between her reloads.
     */
    static void reloadUntil(Page page, Locator what, Duration timeout, String why) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                assertThat(what)
                        .isVisible(new com.microsoft.playwright.assertions.LocatorAssertions.IsVisibleOptions()
                                .setTimeout(2_000));
                return;
            } catch (AssertionError e) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError(
                            "Waited " + timeout.toSeconds() + " s for " + why + " on " + page.url()
                                    + "; the page says: "
                                    + page.locator("main").innerText().replaceAll("\\s+", " "),
                            e);
                }
                page.reload();
            }
        }
    }

    static Locator button(Page page, String name) {
        return page.getByRole(AriaRole.BUTTON, named(name));
    }

    static Locator link(Page page, String name) {
        return page.getByRole(AriaRole.LINK, named(name));
    }

    static Locator link(Page page, Pattern name) {
        return page.getByRole(AriaRole.LINK, named(name));
    }
}
