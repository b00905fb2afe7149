package io.ibasho.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.restassured.RestAssured.given;

import com.microsoft.playwright.Page;
import io.ibasho.e2e.browser.Chromium;
import io.ibasho.e2e.browser.Phone;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Pages anyone may open without an account, in a real Chromium with CSP enforced: the places to turn to (相談窓口), and a
 * session described as its flyer is (theme, 講師, 持ち物, 参加費), in Japanese and in English.
 */
class PublicPagesIT {
    private static SecurityStack stack;
    private static StackAttendees attendees;

    @BeforeAll
    static void browserAndStack() {
        Chromium.required();
        stack = SecurityStack.get();
        attendees = new StackAttendees(stack);
    }

    @Test
    @org.junit.jupiter.api.parallel.ResourceLock(SharedState.MINATO_SUPPORT_LINES) // saved here, then read on /help
    void thePlacesToTurnToAreThereWithoutSigningInWithACallButtonAndTheQuickExit() {
        given().baseUri(stack.gateway)
                .auth()
                .oauth2(attendees.token("organiser2"))
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "lines",
                        List.of(Map.of(
                                "nameJa", "DV相談＋（プラス）",
                                "nameEn", "DV Soudan Plus",
                                "phone", "0120-279-889",
                                "hoursJa", "電話は24時間",
                                "hoursEn", "Phone 24 hours",
                                "helpsWithJa", "DVの相談",
                                "helpsWithEn", "Advice on domestic violence"))))
                .put("/api/events/support-lines/mine")
                .then()
                .statusCode(200);
        try (Phone phone = Phone.open("help")) {
            Page page = phone.page();
            page.navigate(stack.gateway + "/safety");
            page.locator("#help-link").click();
            assertThat(page.locator("h1")).hasText("相談できるところ");
            assertThat(page.locator("a[href='tel:0120-279-889']")).isVisible();
            assertThat(page.locator("#quick-exit")).isVisible();
            phone.look("help-ja");
            page.navigate(stack.gateway + "/help?lang=en");
            assertThat(page.locator("h3[lang=en]", new Page.LocatorOptions().setHasText("DV Soudan Plus")))
                    .isVisible();
            assertThat(page.getByText("Phone 24 hours")).isVisible();
            phone.look("help-en");
            phone.assertNothingWentWrong();
        }
    }

    @Test
    void aSessionPageSaysWhatItsFlyerSays() {
        OffsetDateTime start = OffsetDateTime.now(ZoneOffset.ofHours(9))
                .plusDays(21)
                .withHour(13)
                .withMinute(30)
                .withSecond(0)
                .withNano(0);
        Map<String, Object> workshop = SessionBody.workshop("はじめての家計ノート", start, Duration.ofHours(2), 8, "FIRST_COME")
                .titleEn("First steps with a household budget")
                .applicationsOpenUntil(start.minusDays(1))
                .build();
        workshop.put(
                "flyer",
                Map.of(
                        "descriptionJa", "レシートを分けるところから始めます。",
                        "speakers",
                                List.of(Map.of(
                                        "name", "ゆい（仮名）", "roleJa", "ファイナンシャルプランナー", "roleEn", "Financial planner")),
                        "bringJa", "筆記用具",
                        "bringEn", "Something to write with",
                        "feeYen", 500));
        String sessionId = attendees.publishedSession(workshop);
        try (Phone phone = Phone.open("flyer")) {
            Page page = phone.page();
            page.navigate(stack.gateway + "/s/" + sessionId);
            assertThat(page.locator("p.description")).hasText("レシートを分けるところから始めます。");
            assertThat(page.locator("dl.facts")).containsText("ゆい（仮名）（ファイナンシャルプランナー）");
            assertThat(page.locator("dl.facts")).containsText("筆記用具");
            assertThat(page.locator("dl.facts")).containsText("500円");
            phone.look("flyer-ja");
            page.navigate(stack.gateway + "/s/" + sessionId + "?lang=en");
            // no English description was given: the Japanese one is shown and marked as Japanese
            assertThat(page.locator("p.description[lang=ja]")).isVisible();
            assertThat(page.locator("dl.facts")).containsText("Something to write with");
            assertThat(page.locator("dl.facts")).containsText("¥500");
            phone.look("flyer-en");
            phone.assertNothingWentWrong();
        }
    }

    /**
     * At 200 % zoom (640x400 CSS pixels) and 320 px wide, every link of the header that a keyboard reaches, going back
     * up from the bottom of a page, is scrolled to below the fixed quick-exit button, never under it.
     */
    @Test
    void aFocusedHeaderLinkIsNeverHiddenUnderTheQuickExit() {
        try (Phone phone = Phone.open("focus-under-quick-exit")) {
            Page page = phone.page();
            for (int[] size : new int[][] {{640, 400}, {320, 640}}) {
                page.setViewportSize(size[0], size[1]);
                page.navigate(stack.gateway + "/safety?lang=en");
                page.evaluate("window.scrollTo(0, document.body.scrollHeight)");
                org.assertj.core.api.Assertions.assertThat(((Number) page.evaluate("window.scrollY")).doubleValue())
                        .as("the page scrolls at %dx%d", size[0], size[1])
                        .isPositive();
                // from the content's first link, back through the header as Shift+Tab goes
                page.evaluate("document.querySelector('main a, main button').focus({preventScroll: true})");
                List<String> seen = new java.util.ArrayList<>();
                for (int step = 0; step < 30; step++) {
                    page.keyboard().press("Shift+Tab");
                    if (!(Boolean) page.evaluate("!!document.activeElement.closest('.site-header')")) {
                        break;
                    }
                    var link = page.locator(":focus").boundingBox();
                    var exit = page.locator("#quick-exit").boundingBox();
                    boolean under = link.x < exit.x + exit.width
                            && exit.x < link.x + link.width
                            && link.y < exit.y + exit.height
                            && exit.y < link.y + link.height;
                    String name = (String) page.evaluate("document.activeElement.textContent.trim()");
                    seen.add(name);
                    org.assertj.core.api.Assertions.assertThat(under)
                            .as("%s at %dx%d lies under the quick exit", name, size[0], size[1])
                            .isFalse();
                }
                org.assertj.core.api.Assertions.assertThat(seen)
                        .as("the header's links were reached")
                        .contains("日本語");
                phone.look("focus-under-quick-exit-" + size[0]);
            }
            phone.assertNothingWentWrong();
        }
    }
}
