package io.ibasho.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.ibasho.e2e.AppPages.button;
import static io.ibasho.e2e.AppPages.link;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import io.ibasho.e2e.browser.Chromium;
import io.ibasho.e2e.browser.Phone;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two women apply on their phones to a workshop with one seat decided by lottery; the window closes and the draw runs
 * (organiser1 draws through the API, as LotteryChildcareIT does). The winner sees her seat confirmed, the other her
 * place on the reserve list; the winner cancels in the app, and the other accepts the seat it offers her.
 */
class LotteryJourneyIT {
    private static SecurityStack stack;
    private static StackAttendees attendees;

    @BeforeAll
    static void browserAndStack() {
        Chromium.required();
        stack = SecurityStack.get();
        attendees = new StackAttendees(stack);
    }

    @Test
    void theWinnerSeesHerSeatTheOtherHerReservePlaceAndTakesTheSeatTheWinnerGivesBack() {
        // open now, closing in a day; once both have applied the deadline is made to have come (an organiser may only
        // move it later) and organiser1 draws: no waiting on the wall clock
        Map<String, Object> session = oneSeatLottery("ゆるくつながる女子部（抽選）", 16, 13, 30);
        String sessionId = attendees.publishedSession(session);
        List<String> women = attendees.create("lottery-browser", 2);

        try (Phone first = Phone.open("lottery-first");
                Phone second = Phone.open("lottery-second")) {
            String firstBooking = apply(first, women.get(0), sessionId, "あおい");
            String secondBooking = apply(second, women.get(1), sessionId, "ゆき");

            // before the draw she holds an application, not a seat: withdrawing it is worded so, and asked once more
            Page applicant = second.page();
            applicant.navigate(secondBooking);
            link(applicant, "抽選の申込みを取り消す").click();
            assertThat(applicant.locator("h1")).hasText("抽選の申込みを取り消しますか");
            second.look("withdraw-confirm");
            link(applicant, "申込みを続ける").click();
            assertThat(AppPages.status(applicant)).hasAttribute("data-state", "applied");

            attendees.closeApplicationsAndDraw(sessionId);

            // who won is the seed's business: each phone shows what she got
            Page firstPage = first.page();
            Page secondPage = second.page();
            firstPage.navigate(firstBooking);
            secondPage.navigate(secondBooking);
            AppPages.reloadUntil(
                    firstPage,
                    firstPage.locator("dd.status:not([data-state=applied])"),
                    Duration.ofSeconds(90),
                    "the draw's result");
            AppPages.reloadUntil(
                    secondPage,
                    secondPage.locator("dd.status:not([data-state=applied])"),
                    Duration.ofSeconds(90),
                    "the draw's result");
            // her page shows her application reference, which names her in the public file; the registration id in
            // her page's address (kept in the browser's history) is nowhere in it (ADR 0085)
            String published = io.restassured.RestAssured.given()
                    .baseUri(stack.gateway)
                    .get("/api/registrations/sessions/" + sessionId + "/lottery/published")
                    .then()
                    .statusCode(200)
                    .extract()
                    .asString();
            for (Page page : List.of(firstPage, secondPage)) {
                assertThat(page.locator("#lottery-reference"))
                        .hasText(java.util.regex.Pattern.compile("^[0-9a-f-]{36}$"));
                String reference = page.locator("#lottery-reference").textContent();
                String registrationId = page.url().replaceAll("^.*/app/bookings/([0-9a-f-]{36}).*$", "$1");
                assertThat(published).contains(reference).doesNotContain(registrationId);
                assertThat(page.url()).doesNotContain(reference);
            }
            boolean firstWon = "confirmed".equals(AppPages.status(firstPage).getAttribute("data-state"));
            Phone winner = firstWon ? first : second;
            Phone other = firstWon ? second : first;

            assertThat(AppPages.status(winner.page())).hasText("予約確定");
            assertThat(winner.page().locator("#booking-code")).not().isEmpty();
            winner.look("won");
            assertThat(AppPages.status(other.page())).hasText("抽選の補欠（1番目）");
            other.look("reserve-list");

            link(winner.page(), "この予約をキャンセルする").click();
            assertThat(winner.page().locator("h1")).hasText("この予約をキャンセルしますか");
            button(winner.page(), "キャンセルする").click();
            winner.waitForUrl(url -> url.contains("done=cancelled"), "the cancelled booking");
            assertThat(AppPages.status(winner.page())).hasText("キャンセル済み");
            winner.look("winner-cancelled");

            // the freed seat is offered to the first on the reserve list, with a time to answer
            Page page = other.page();
            AppPages.reloadUntil(page, button(page, "席を受け取る"), Duration.ofSeconds(60), "the seat offer");
            assertThat(AppPages.status(page)).hasText("席が空きました。期限までにお返事ください");
            other.look("offered");
            button(page, "席を受け取る").click();
            other.waitForUrl(url -> url.contains("done=accepted"), "the accepted offer");
            assertThat(page.getByText("予約が確定しました。")).isVisible();
            assertThat(AppPages.status(page)).hasText("予約確定");
            assertThat(page.locator("#booking-code")).not().isEmpty();
            other.look("accepted");
        }
    }

    @Test
    void aWinnerWhoMustConfirmIsToldSheWonAndConfirmsHerPlace() {
        Map<String, Object> session = oneSeatLottery("はじめての手帳づくり（抽選）", 17, 10, 0);
        // the organiser asks winners to confirm within two days (参加確認)
        session.put("lottery", Map.of("confirmationRequired", true, "confirmationHours", 48));
        String sessionId = attendees.publishedSession(session);
        String woman = attendees.create("lottery-confirm", 1).get(0);

        try (Phone phone = Phone.open("lottery-confirm")) {
            String booking = apply(phone, woman, sessionId, "みどり");
            attendees.closeApplicationsAndDraw(sessionId);

            // the only applicant wins; she is told so, not that "a seat is free", and confirms her place
            Page page = phone.page();
            page.navigate(booking);
            AppPages.reloadUntil(page, button(page, "参加を確定する"), Duration.ofSeconds(90), "her win to confirm");
            assertThat(AppPages.status(page)).hasText("当選しました。期限までに参加を確定してください");
            assertThat(button(page, "席を受け取る")).hasCount(0);
            assertThat(page.getByText("参加確定の期限")).isVisible();
            phone.look("won-to-confirm");
            button(page, "参加を確定する").click();
            phone.waitForUrl(url -> url.contains("done=accepted"), "her confirmed place");
            assertThat(page.getByText("予約が確定しました。")).isVisible();
            assertThat(AppPages.status(page)).hasText("予約確定");
            assertThat(page.locator("#booking-code")).not().isEmpty();
            phone.look("confirmed");
        }
    }

    /**
     * A workshop of one seat by lottery, {@code days} from now at {@code hour}:{@code minute} Japan time, for an hour:
     * applications open since an hour ago and closing in a day (the test closes them early).
     */
    private static Map<String, Object> oneSeatLottery(String titleJa, int days, int hour, int minute) {
        OffsetDateTime start = OffsetDateTime.now(ZoneOffset.ofHours(9))
                .plusDays(days)
                .withHour(hour)
                .withMinute(minute)
                .withSecond(0)
                .withNano(0);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS);
        return new java.util.LinkedHashMap<>(Map.of(
                "kind",
                "workshop",
                "titleJa",
                titleJa,
                "venueId",
                attendees.venue("市民交流センター", false),
                "startsAt",
                start.toString(),
                "endsAt",
                start.plusHours(1).toString(),
                "capacity",
                1,
                "allocation",
                "LOTTERY",
                "applicationOpensAt",
                now.minusHours(1).toString(),
                "applicationClosesAt",
                now.plusDays(1).toString()));
    }

    /** She signs in, applies on the session's page, and gets the URL of her booking's page. */
    private static String apply(Phone phone, String username, String sessionId, String nickname) {
        Page page = phone.page();
        page.navigate(stack.gateway + "/s/" + sessionId);
        AppPages.reloadUntil(page, link(page, "抽選に申し込む"), Duration.ofSeconds(60), "the lottery's apply link");
        phone.look("session");
        link(page, "抽選に申し込む").click();
        link(page, "ログインして予約する").click();
        KeycloakPages.signInHere(phone, stack, username, username + "-ibasho");
        phone.waitForUrl(url -> url.startsWith(stack.gateway + "/s/" + sessionId + "/book"), "the application form");
        phone.look("apply-form");
        page.getByLabel("ニックネーム").fill(nickname);
        button(page, "抽選に申し込む").click();
        assertThat(page.locator("h1")).hasText("抽選に申し込みました");
        phone.look("applied");
        link(page, "わたしの予約を見る").click();
        phone.waitForUrl(url -> url.startsWith(stack.gateway + "/app/bookings/"), "her application's page");
        assertThat(AppPages.status(page)).hasText("抽選に申込済み（結果を待っています）");
        phone.look("application");
        return page.url();
    }
}
