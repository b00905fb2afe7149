package io.ibasho.e2e.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.PlaywrightException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The phones' network guard without a Playwright route (ADR 0049): a request to a third party, by name or by address,
 * is a finding that fails the journey, and it never leaves the machine (no name or address resolves in Chromium but
 * the loopback's); the quick exit's neutral site is answered by the stand-in page and is no finding. No stack needed.
 */
class PhoneNetworkGuardTest {

    @Test
    void aThirdPartyRequestFailsTheJourneyAndNeverLeavesTheMachine() {
        Phone phone = Phone.open("network-guard");
        Page page = phone.page();
        List<String> thirdParties = List.of("https://example.org/track.js", "http://192.0.2.10/pixel.png");
        for (String url : thirdParties) {
            assertThatThrownBy(() -> page.navigate(url, new Page.NavigateOptions().setTimeout(20_000)))
                    .as("%s is not reached", url)
                    .isInstanceOf(PlaywrightException.class)
                    .hasMessageContaining("ERR_NAME_NOT_RESOLVED");
        }
        assertThat(phone.problems())
                .containsExactly(
                        "third-party request: https://example.org/track.js",
                        "third-party request: http://192.0.2.10/pixel.png");
        assertThatThrownBy(phone::close)
                .as("the journey fails when it ends")
                .hasMessageContaining("third-party request: https://example.org/track.js")
                .hasMessageContaining("third-party request: http://192.0.2.10/pixel.png");
    }

    @Test
    void theNeutralSiteOfTheQuickExitIsAStandInAndNoFinding() {
        try (Phone phone = Phone.open("network-guard-neutral-site")) {
            Page page = phone.page();
            page.navigate(Phone.NEUTRAL_SITE);
            assertThat(page.title()).isEqualTo(Phone.NEUTRAL_TITLE);
            assertThat(phone.problems()).isEmpty();
        }
    }
}
