package io.ibasho.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The sentences a woman reads, without a server. */
class WordingTest {
    private static final OffsetDateTime SAT_1330 = OffsetDateTime.parse("2026-12-05T13:30:00+09:00");
    private static final OffsetDateTime SAT_1530 = OffsetDateTime.parse("2026-12-05T15:30:00+09:00");

    @Test
    void kindsArePlainWordsNeverWireNames() {
        assertThat(Wording.kind("cafe", Language.JA)).isEqualTo("カフェ");
        assertThat(Wording.kind("workshop", Language.JA)).isEqualTo("講座");
        assertThat(Wording.kind("online", Language.JA)).isEqualTo("オンライン");
        assertThat(Wording.kind("free-space", Language.JA)).isEqualTo("フリースペース");
        assertThat(Wording.kind("free-space", Language.EN)).isEqualTo("Free space");
        assertThat(Wording.kind("something-new", Language.JA)).isEqualTo("その他").doesNotContain("-");
    }

    @Test
    void aPartNumberedN部ReadsPartNInEnglishAndAnyOtherLabelStaysAsItsOrganiserWroteIt() {
        assertThat(Wording.partLabel("1部", Language.EN)).isEqualTo("Part 1");
        assertThat(Wording.partLabel("２部", Language.EN)).isEqualTo("Part 2");
        assertThat(Wording.partLabel("10部", Language.EN)).isEqualTo("Part 10");
        assertThat(Wording.partLabel("第3部", Language.EN)).isEqualTo("Part 3");
        assertThat(Wording.partLabel("第二部", Language.EN)).isEqualTo("Part 2");
        assertThat(Wording.partLabel("十部", Language.EN)).isEqualTo("Part 10");
        assertThat(Wording.partLabel("1部", Language.JA)).isEqualTo("1部");
        assertThat(Wording.partLabel("第3部", Language.JA)).isEqualTo("第3部");
        // anything else is the organiser's own words, in English too
        assertThat(Wording.partLabel("1部（交流会）", Language.EN)).isEqualTo("1部（交流会）");
        assertThat(Wording.partLabel("部", Language.EN)).isEqualTo("部");
        assertThat(Wording.partLabel("第百部", Language.EN)).isEqualTo("第百部");
        assertThat(Wording.partLabel("", Language.EN)).isEmpty();
    }

    /**
     * Parts named by the time of day (Kumamoto's dialogue met in the morning and at night) or by half read well in
     * English; in Japanese they stay as written.
     */
    @Test
    void aPartNamedByItsTimeOfDayOrHalfReadsInEnglish() {
        assertThat(Wording.partLabel("午前の部", Language.EN)).isEqualTo("Morning");
        assertThat(Wording.partLabel("午後の部", Language.EN)).isEqualTo("Afternoon");
        assertThat(Wording.partLabel("朝の部", Language.EN)).isEqualTo("Morning");
        assertThat(Wording.partLabel("昼の部", Language.EN)).isEqualTo("Midday");
        assertThat(Wording.partLabel("夕方の部", Language.EN)).isEqualTo("Early evening");
        assertThat(Wording.partLabel(" 夜の部 ", Language.EN)).isEqualTo("Evening");
        assertThat(Wording.partLabel("午後", Language.EN)).isEqualTo("Afternoon");
        assertThat(Wording.partLabel("前半", Language.EN)).isEqualTo("First half");
        assertThat(Wording.partLabel("後半の部", Language.EN)).isEqualTo("Second half");
        assertThat(Wording.partLabel("午前の部", Language.JA)).isEqualTo("午前の部");
        assertThat(Wording.partLabel("午前の部（ヨガ）", Language.EN)).isEqualTo("午前の部（ヨガ）");
        assertThat(Wording.partLabel("の部", Language.EN)).isEqualTo("の部");
    }

    /** A venue's area in English where the organiser gave one, the Japanese otherwise, in each language's brackets. */
    @Test
    void theAreaIsInHerLanguageWhereItWasGivenAndBracketedAsHerLanguageWritesIt() {
        assertThat(Wording.area("ひなた区", "Hinata Ward", Language.EN)).isEqualTo("Hinata Ward");
        assertThat(Wording.area("ひなた区", "Hinata Ward", Language.JA)).isEqualTo("ひなた区");
        assertThat(Wording.area("ひなた区", null, Language.EN)).isEqualTo("ひなた区");
        assertThat(Wording.area("ひなた区", " ", Language.EN)).isEqualTo("ひなた区");
        assertThat(Wording.area(null, null, Language.EN)).isNull();
        assertThat(Wording.place("Hinata Hall", "Hinata Ward", Language.EN)).isEqualTo("Hinata Hall (Hinata Ward)");
        assertThat(Wording.place("ひなた会館", "ひなた区", Language.JA)).isEqualTo("ひなた会館（ひなた区）");
        assertThat(Wording.place(null, "ひなた区", Language.EN)).isEqualTo("ひなた区");
        assertThat(Wording.place("Hinata Hall", null, Language.EN)).isEqualTo("Hinata Hall");
        assertThat(Wording.place(null, null, Language.EN)).isEmpty();
    }

    @Test
    void timesAreTokyoTimeWithTheWeekday() {
        assertThat(Wording.when(SAT_1330, SAT_1530, Language.JA)).isEqualTo("12月5日(土) 13:30〜15:30");
        assertThat(Wording.when(SAT_1330, SAT_1530, Language.EN)).isEqualTo("Sat 5 Dec, 13:30–15:30");
        // the same instant given in UTC is still shown in Tokyo
        assertThat(Wording.when(OffsetDateTime.parse("2026-12-05T04:30:00Z"), null, Language.JA))
                .isEqualTo("12月5日(土) 13:30");
        assertThat(Wording.until(OffsetDateTime.parse("2026-12-01T23:59:00+09:00"), Language.JA))
                .isEqualTo("12月1日(火) 23:59まで");
    }

    @Test
    void availabilitySaysDropInFirstComeOrLotteryWithItsCapacityAndDeadlineNeverACount() {
        OffsetDateTime closes = OffsetDateTime.parse("2026-12-01T23:59:00+09:00");
        assertThat(Wording.availability("NONE", null, null, Language.JA)).isEqualTo("予約不要（出入り自由）");
        assertThat(Wording.availability("FIRST_COME", 20, null, Language.JA)).isEqualTo("要予約（先着順）・定員 20名");
        // a lottery: its capacity (public with the session) and deadline, never how many applied (docs/adr/0086)
        assertThat(Wording.availability("LOTTERY", 10, closes, Language.JA)).isEqualTo("抽選: 定員 10名（締切 12月1日(火) 23:59）");
        assertThat(Wording.availability("LOTTERY", 10, closes, Language.EN))
                .isEqualTo("Lottery: 10 places (closes Tue 1 Dec, 23:59)");
    }

    @Test
    void firstComeSaysABandOfItsSeatsInBothLanguagesNeverANumberLeft() {
        assertThat(Wording.availability("FIRST_COME", 12, "AVAILABLE", null, Language.JA))
                .isEqualTo("要予約（先着順）・定員 12名・空きあり");
        assertThat(Wording.availability("FIRST_COME", 12, "FEW", null, Language.JA))
                .isEqualTo("要予約（先着順）・定員 12名・残りわずか");
        assertThat(Wording.availability("FIRST_COME", 12, "FULL", null, Language.JA))
                .isEqualTo("要予約（先着順）・定員 12名・満席（キャンセル待ち可）");
        assertThat(Wording.availability("FIRST_COME", 12, "AVAILABLE", null, Language.EN))
                .isEqualTo("Booking needed, first come, 12 places, seats available");
        assertThat(Wording.availability("FIRST_COME", 12, "FEW", null, Language.EN))
                .isEqualTo("Booking needed, first come, 12 places, few seats left");
        assertThat(Wording.availability("FIRST_COME", 12, "FULL", null, Language.EN))
                .isEqualTo("Booking needed, first come, 12 places, full (waitlist open)");
        for (String band : new String[] {"AVAILABLE", "FEW", "FULL"}) {
            for (Language language : Language.values()) {
                assertThat(Wording.availability("FIRST_COME", 12, band, null, language))
                        .as("nothing but the capacity is a number")
                        .doesNotContainPattern("(?<![0-9])(?!12)[0-9]+")
                        .doesNotContain("残り 1")
                        .doesNotContain("left (");
            }
        }
        // unknown (the registration service did not answer, or an unknown band): the capacity, as before
        assertThat(Wording.availability("FIRST_COME", 20, null, null, Language.JA))
                .isEqualTo("要予約（先着順）・定員 20名");
        assertThat(Wording.availability("FIRST_COME", 20, "SOMETHING", null, Language.EN))
                .isEqualTo("Booking needed, first come, 20 places");
    }

    @Test
    void childcareNamesAgesAndItsOwnDeadline() {
        assertThat(Wording.childcare(true, 1, 6, OffsetDateTime.parse("2026-12-01T17:00:00+09:00"), Language.JA))
                .isEqualTo("託児あり（1〜6歳、12月1日(火) 17:00までに申込）");
        assertThat(Wording.childcare(false, null, null, null, Language.JA)).isNull();
    }

    @Test
    void statusesAreSentencesWithTheReservePosition() {
        assertThat(Wording.status("confirmed", null, null, Language.JA)).isEqualTo("予約確定");
        assertThat(Wording.status("waitlisted", "LOTTERY_RESERVE", 2, Language.JA))
                .isEqualTo("抽選の補欠（2番目）");
        assertThat(Wording.status("waitlisted", "FULL", 1, Language.EN)).isEqualTo("On the waitlist (number 1)");
        assertThat(Wording.status("offered", "SEAT_FREED", null, Language.JA)).isEqualTo("席が空きました。期限までにお返事ください");
        assertThat(Wording.status("offered", "LOTTERY_WIN", null, Language.JA)).isEqualTo("当選しました。期限までに参加を確定してください");
        assertThat(Wording.status("offered", "LOTTERY_WIN", null, Language.EN))
                .isEqualTo("You were drawn: please confirm by the deadline");
    }

    @Test
    void aDeclinedOfferIsSaidAsDeclinedNotAsAMissedDeadline() {
        // registration answers EXPIRED for both; cancelledBy ATTENDEE says she declined it herself
        assertThat(Wording.status("expired", null, null, "ATTENDEE", Language.JA))
                .isEqualTo("お席のご案内をお断りしました")
                .doesNotContain("期限");
        assertThat(Wording.status("expired", null, null, "ATTENDEE", Language.EN))
                .isEqualTo("You declined the offered seat");
        assertThat(Wording.status("expired", null, null, null, Language.JA)).isEqualTo("お返事の期限が過ぎました");
        assertThat(Wording.status("expired", null, null, null, Language.EN)).isEqualTo("The offer has expired");
    }

    @Test
    void everyStatusRegistrationCanAnswerIsASentenceInBothLanguagesWithNothingLeftOpen() {
        // every Registration.Status in its wire form, with the reasons and positions that travel with it
        List<String> statuses = List.of(
                "confirmed",
                "applied",
                "waitlisted",
                "offered",
                "cancelled",
                "expired",
                "pending_childcare",
                "childcare_unavailable");
        List<String> reasons = Arrays.asList(null, "FULL", "LOTTERY_RESERVE", "CHILDCARE_UNAVAILABLE");
        List<String> cancelledBy = Arrays.asList(null, "ATTENDEE", "ORGANISER", "SESSION_CANCELLED");
        for (Language language : Language.values()) {
            for (String status : statuses) {
                for (String reason : reasons) {
                    for (String by : cancelledBy) {
                        String said = Wording.status(status, reason, 3, by, language);
                        assertThat(said)
                                .as("%s %s %s %s", status, reason, by, language)
                                .isNotBlank()
                                .isNotEqualTo(status)
                                .doesNotContain("{", "}", "null", "_", "未定", "announced");
                        if (language == Language.JA) {
                            assertThat(said.codePoints().anyMatch(c -> c > 0x3000))
                                    .as(said)
                                    .isTrue();
                        }
                    }
                }
            }
        }
    }

    @Test
    void onlyOwnPathsAreReturnTargets() {
        assertThat(Wording.isLocalPath("/s/123/book")).isTrue();
        assertThat(Wording.isLocalPath("//evil.example/")).isFalse();
        assertThat(Wording.isLocalPath("/\\evil.example")).isFalse();
        assertThat(Wording.isLocalPath("https://evil.example/")).isFalse();
        assertThat(Wording.isLocalPath("/a\r\nSet-Cookie:x")).isFalse();
        assertThat(Wording.isLocalPath(null)).isFalse();
    }

    @Test
    void agesAreWordedInOnePlaceWithOneYearInTheSingular() {
        assertThat(Wording.age(0, Language.EN)).isEqualTo("0 years");
        assertThat(Wording.age(1, Language.EN)).isEqualTo("1 year");
        assertThat(Wording.age(2, Language.EN)).isEqualTo("2 years");
        assertThat(Wording.age(1, Language.JA)).isEqualTo("1歳");
        assertThat(Wording.childrenAges(List.of(1, 3), Language.EN)).isEqualTo("1 year, 3 years");
        // the forms' age choices use it too: no fixed suffix that says "1 years"
        assertThat(UiText.english()).doesNotContainKey("ageSuffix");
    }
}
