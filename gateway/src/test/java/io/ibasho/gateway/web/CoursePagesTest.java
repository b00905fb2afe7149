package io.ibasho.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/** わたしのコース: her applications, places and offers in words, and what she may do with each (plain, no Quarkus). */
class CoursePagesTest {
    private static final PageFlow.Visit JA = new PageFlow.Visit(null, Language.JA, null, null);
    private static final PageFlow.Visit EN = new PageFlow.Visit(null, Language.EN, null, null);

    private static JsonObject request(String kind, String status, Integer position, String offerExpiresAt) {
        return new JsonObject()
                .put("id", "r-1")
                .put("courseId", "c-1")
                .put("titleJa", "全3回 女子部")
                .put("titleEn", "Women's circle, 3 dates")
                .put("kind", kind)
                .put("status", status)
                .put("position", position)
                .put("offerExpiresAt", offerExpiresAt);
    }

    @Test
    void aLotteryApplicationSaysWhetherItWasDrawnAndHerReserveNumber() {
        CoursePages.RequestLine applied = CoursePages.requestLine(JA, request("lottery", "applied", null, null));
        assertThat(applied.status()).isEqualTo("抽選に応募済み（結果を待っています）");
        assertThat(applied.canWithdraw()).isTrue();
        assertThat(applied.offered()).isFalse();
        assertThat(CoursePages.requestLine(JA, request("lottery", "waiting", 2, null))
                        .status())
                .isEqualTo("抽選の結果: 補欠（2番目）");
        CoursePages.RequestLine won = CoursePages.requestLine(JA, request("lottery", "booked", null, null));
        assertThat(won.status()).isEqualTo("抽選の結果: 当選（全部の回を予約しました）");
        assertThat(won.canWithdraw()).isFalse();
        assertThat(CoursePages.requestLine(EN, request("lottery", "waiting", 1, null))
                        .status())
                .isEqualTo("Not drawn: on the reserve list (number 1)");
    }

    @Test
    void aLotteryApplicationShowsTheReferenceThatNamesItInThePublishedDraw() {
        JsonObject application = request("lottery", "applied", null, null)
                .put("lotteryReference", "e4b2c9d0-7f13-4a8e-b5c6-1d2e3f405162");
        assertThat(CoursePages.requestLine(JA, application).lotteryReference())
                .isEqualTo("e4b2c9d0-7f13-4a8e-b5c6-1d2e3f405162");
        assertThat(CoursePages.requestLine(EN, request("waitlist", "waiting", 3, null))
                        .lotteryReference())
                .isNull();
    }

    @Test
    void anOfferCarriesItsDeadlineAndIsAnsweredNotWithdrawn() {
        CoursePages.RequestLine offer =
                CoursePages.requestLine(JA, request("waitlist", "offered", null, "2026-12-10T03:00:00Z"));
        assertThat(offer.offered()).isTrue();
        assertThat(offer.canWithdraw()).isFalse();
        assertThat(offer.offerUntil()).contains("12月10日").contains("12:00");
        assertThat(offer.title()).isEqualTo("全3回 女子部");
        CoursePages.RequestLine waiting = CoursePages.requestLine(EN, request("waitlist", "waiting", 3, null));
        assertThat(waiting.status()).isEqualTo("Waiting for the whole course (number 3)");
        assertThat(waiting.title()).isEqualTo("Women's circle, 3 dates");
        assertThat(waiting.offerUntil()).isEmpty();
    }
}
