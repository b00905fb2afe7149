package io.ibasho.gateway.web.staff;

import static org.assertj.core.api.Assertions.assertThat;

import io.ibasho.gateway.web.Language;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/** The staff screens' sentences made from the services' answers. */
class StaffWordsTest {
    private static final JsonArray ROSTER = new JsonArray()
            .add(new JsonObject()
                    .put("registrationId", "r1")
                    .put("nickname", "さくら")
                    .put("status", "confirmed")
                    .put("bookingCode", "K7M3P9QX")
                    .put("attendance", "ATTENDED"))
            .add(new JsonObject()
                    .put("registrationId", "r2")
                    .put("nickname", "もも")
                    .put("status", "waitlisted")
                    .put("bookingCode", "AB12CD34"));

    @Test
    void theDoorFindsOnlyAConfirmedBookingByItsCode() {
        assertThat(DoorPages.byCode(ROSTER, "k7m3p9qx").getString("registrationId"))
                .isEqualTo("r1");
        assertThat(DoorPages.byCode(ROSTER, "AB12CD34"))
                .as("waitlisted: no seat to check in")
                .isNull();
        assertThat(DoorPages.byCode(ROSTER, "ZZZZZZZZ")).isNull();
    }

    @Test
    void theRosterSaysAttendanceInWordsAndCountsTheDoor() {
        var lines = DoorPages.entries(ROSTER, Language.JA);
        assertThat(lines.get(0).attendance()).isEqualTo("出席");
        assertThat(lines.get(1).attendance()).isEqualTo("未受付");
        assertThat(lines.get(1).confirmed()).isFalse();

        var counts = DoorPages.counts(
                new JsonObject()
                        .put("confirmed", 1)
                        .put("capacity", 10)
                        .put("dropIns", 2)
                        .put("entries", ROSTER),
                Language.JA);
        assertThat(counts).extracting(StaffViews.Count::value).containsExactly("1 / 10", "1", "2");
    }

    @Test
    void theVerifiersAnswerIsSaidInWords() {
        assertThat(LotteryPages.verdict(true, null, null, Language.JA)).endsWith("この抽選は正しく行われています。");
        assertThat(LotteryPages.verdict(false, "COMMITMENT", "seed mismatch", Language.EN))
                .isEqualTo("The check failed: The seed does not match the commitment. (seed mismatch)");
    }

    @Test
    void theDashboardSaysSeatsAndChildcareInWordsBesideTheMeter() {
        JsonObject session = new JsonObject()
                .put("id", "s1")
                .put("titleJa", "カフェ")
                .put("startsAt", "2026-12-08T01:00:00Z")
                .put("endsAt", "2026-12-08T03:00:00Z")
                .put("capacity", 10)
                .put("allocation", "FIRST_COME");
        JsonObject care = new JsonObject()
                .put("totalChildren", 3)
                .put("capApplied", 6)
                .put("carers", 1)
                .put("carersNeeded", 2)
                .put(
                        "childrenByBand",
                        new JsonArray().add(new JsonObject().put("ages", "0-2").put("children", 3)));

        StaffViews.CapacityLine line =
                DashboardPages.line(session, new JsonObject().put("seatsLeft", 4), care, Language.JA);

        assertThat(line.seats()).isEqualTo("予約 6 / 定員 10（残り 4）");
        assertThat(line.value()).isEqualTo(6);
        assertThat(line.max()).isEqualTo(10);
        assertThat(line.care()).isEqualTo("託児: 子ども 3人 / 上限 6人、保育者 1人（必要 2人）・0〜2歳: 3人");
    }

    @Test
    void theDashboardSaysWhoWaitsAndTheOffersOutAsCountsInWordsAndAddsThemUpPerVenue() {
        JsonObject session = new JsonObject()
                .put("id", "s1")
                .put("titleJa", "カフェ")
                .put("startsAt", "2026-12-08T01:00:00Z")
                .put("endsAt", "2026-12-08T03:00:00Z")
                .put("capacity", 2)
                .put("allocation", "FIRST_COME");
        JsonObject waits = new JsonObject()
                .put("waiting", 3)
                .put("offersOut", 1)
                .put("firstOfferExpiresAt", "2026-12-05T01:00:00Z");

        StaffViews.CapacityLine line =
                DashboardPages.line(session, new JsonObject().put("seatsLeft", 0), null, waits, Language.JA);

        assertThat(line.waitlist()).startsWith("キャンセル待ち 3人・ご案内中 1件（最も早い回答期限 ").contains("10:00");
        assertThat(DashboardPages.waitlistText(session, waits, Language.EN)).startsWith("3 waiting · 1 offer out");
        assertThat(DashboardPages.waitlistText(session, null, Language.JA)).isEqualTo("キャンセル待ち: 人数を取得できませんでした");
        assertThat(DashboardPages.waitlistText(session.copy().put("allocation", "NONE"), waits, Language.JA))
                .isNull();
        StaffViews.CapacityLine quiet = DashboardPages.line(
                session.copy().put("id", "s2").put("capacity", 10),
                new JsonObject().put("seatsLeft", 9),
                null,
                new JsonObject().put("waiting", 0).put("offersOut", 0),
                Language.JA);
        StaffViews.VenueSummary month =
                DashboardPages.summary(new StaffViews.VenueGroup("ひなた", java.util.List.of(line, quiet)));
        assertThat(month).isEqualTo(new StaffViews.VenueSummary("ひなた", 2, 3, 12, 0, 3, 1));
    }

    @Test
    void theVenueSummaryCountsTheSeatsOfDrawnLotteriesAndKeepsUndrawnApplicationsApart() {
        JsonObject lottery = new JsonObject()
                .put("titleJa", "ワークショップ")
                .put("startsAt", "2026-12-08T01:00:00Z")
                .put("endsAt", "2026-12-08T03:00:00Z")
                .put("capacity", 10)
                .put("allocation", "LOTTERY");
        // drawn: registration answers the seats left of the winners' confirmed bookings
        StaffViews.CapacityLine drawn = DashboardPages.line(
                lottery.copy().put("id", "d1"), new JsonObject().put("seatsLeft", 8), null, Language.JA);
        StaffViews.CapacityLine alsoDrawn = DashboardPages.line(
                lottery.copy().put("id", "d2"), new JsonObject().put("seatsLeft", 7), null, Language.JA);
        // not drawn yet: applications, which are not bookings
        StaffViews.CapacityLine open = DashboardPages.line(
                lottery.copy().put("id", "o1"), new JsonObject().put("applications", 12), null, Language.JA);

        assertThat(DashboardPages.summary(new StaffViews.VenueGroup("ひなた", java.util.List.of(drawn, alsoDrawn, open))))
                .isEqualTo(new StaffViews.VenueSummary("ひなた", 3, 5, 20, 12, 0, 0));
        assertThat(StaffText.japanese().get("seatsBooked")).contains("抽選済み");
    }

    @Test
    void englishCountsOfCarersAndChildrenAreSingularForOne() {
        JsonObject session = new JsonObject()
                .put("id", "s1")
                .put("titleJa", "カフェ")
                .put("startsAt", "2026-12-08T01:00:00Z")
                .put("endsAt", "2026-12-08T03:00:00Z");
        JsonObject one =
                new JsonObject().put("totalChildren", 1).put("carers", 1).put("carersNeeded", 1);
        StaffViews.CareRow row = CarePages.careRow(session, one, Language.EN);
        assertThat(row.carers()).isEqualTo("1 carer (1 needed)");
        assertThat(row.children()).isEqualTo("1 child");
        assertThat(DashboardPages.line(session, null, one, Language.EN).care())
                .isEqualTo("Childcare: 1 child, 1 carer (1 needed)");
        assertThat(DashboardPages.line(
                                session, null, one.copy().put("carers", 2).put("totalChildren", 0), Language.EN)
                        .care())
                .isEqualTo("Childcare: 0 children, 2 carers (1 needed)");
    }

    @Test
    void anOpenLotterysApplicationsComeFromHerOwnCountsNotThePublicFacts() {
        JsonObject open = new JsonObject()
                .put("drawn", false)
                .putNull("applications")
                .put("policy", new JsonObject().put("seats", 10));
        assertThat(LotteryPages.facts(open, null, new JsonObject().put("applications", 2), Language.JA))
                .filteredOn(f -> f.id().equals("applications"))
                .extracting(StaffViews.Count::value)
                .containsExactly("2 / 10");
        // her counts did not come: a dash, never a number from elsewhere
        assertThat(LotteryPages.facts(open.copy().put("applications", 7), null, null, Language.EN))
                .filteredOn(f -> f.id().equals("applications"))
                .extracting(StaffViews.Count::value)
                .containsExactly("— / 10");
        JsonObject course = new JsonObject().put("capacity", 4);
        assertThat(CourseStaffPages.facts(course, open, null, new JsonObject().put("applied", 3), Language.JA))
                .filteredOn(f -> f.id().equals("applications"))
                .extracting(StaffViews.Count::value)
                .containsExactly("3 / 4");
    }

    @Test
    void aDrawnLotteryClaimsItsWinnersNotItsSeats() {
        JsonObject drawn = new JsonObject()
                .put("drawn", true)
                .put("allocation", "DONE")
                .put("policy", new JsonObject().put("seats", 10));
        assertThat(LotteryPages.facts(drawn, null, null, Language.JA))
                .filteredOn(f -> f.id().equals("state"))
                .extracting(StaffViews.Count::value)
                .containsExactly("抽選済み（当選者決定）");
        assertThat(LotteryPages.facts(drawn, null, null, Language.EN))
                .filteredOn(f -> f.id().equals("state"))
                .extracting(StaffViews.Count::value)
                .containsExactly("Drawn; winners decided");
    }

    @Test
    void aDryRunsCountsAndARefusalCrossTheRedirectAsNumbersAndTypesOnly() {
        assertThat(LotteryPages.previewWords("3.2", Language.JA)).startsWith("試しの抽選（本番ではありません）: 当選 3人、補欠 2人。");
        assertThat(LotteryPages.previewWords("3.2", Language.EN))
                .startsWith("Dry run (not the real draw): 3 would win, 2");
        assertThat(LotteryPages.previewWords("<script>", Language.JA)).isNull();
        assertThat(LotteryPages.previewWords(null, Language.JA)).isNull();
        assertThat(StaffProblems.say(StaffProblems.LOTTERY, "applications-still-open", 409, Language.JA))
                .isEqualTo("まだ申込の受付中です。締切の後に抽選できます。");
        assertThat(StaffProblems.say(StaffProblems.LOTTERY, "made-up", 409, Language.EN))
                .isEqualTo("That was not accepted; reload the page and try again.");
    }

    @Test
    void theSessionFormsProgrammeIsATextareaWithItsLabel() {
        assertThat(StaffViews.sessionFields(
                        java.util.Map.of("descriptionJa", "1. 自己紹介\n2. お話"),
                        java.util.Map.of(),
                        new JsonArray(),
                        Language.JA))
                .filteredOn(f -> f.name().equals("descriptionJa"))
                .singleElement()
                .satisfies(f -> {
                    assertThat(f.type()).isEqualTo("textarea");
                    assertThat(f.label()).isEqualTo("内容・プログラム");
                    assertThat(f.value()).isEqualTo("1. 自己紹介\n2. お話");
                });
    }

    @Test
    void aSeriesRuleBrokenByTheServiceLandsBesideTheRepeatFormsField() {
        assertThat(SeriesPages.seriesField("rrule")).isEqualTo("repeat");
        assertThat(SeriesPages.seriesField("occurrences[0].applicationCloses")).isEqualTo("closesHoursBefore");
        assertThat(SeriesPages.seriesField("venueId")).isEqualTo("venues");
        assertThat(SeriesPages.seriesField("somethingNew")).isEqualTo("form");
    }

    @Test
    void theCareSheetSaysTheAgeBandsInYearsAndChildren() {
        JsonObject summary = new JsonObject()
                .put(
                        "childrenByBand",
                        new JsonArray()
                                .add(new JsonObject().put("ages", "0").put("children", 0))
                                .add(new JsonObject().put("ages", "1-2").put("children", 1))
                                .add(new JsonObject().put("ages", "4-17").put("children", 0)));
        assertThat(CarePages.bands(summary, Language.JA))
                .extracting(b -> b.ages() + ": " + b.children())
                .containsExactly("0歳: 0人", "1〜2歳: 1人", "4〜17歳: 0人");
        assertThat(CarePages.bands(summary, Language.EN))
                .extracting(b -> b.ages() + ": " + b.children())
                .containsExactly("age 0: 0", "ages 1–2: 1", "ages 4–17: 0");
    }

    @Test
    void theDoorIsOpenWhenRegistrationSaysSoAndItsClosedNoticeNamesTheSessionsDay() {
        // 10:00-12:00 in Tokyo on 8 December; registration's roster says whether its door is open now
        JsonObject session = new JsonObject()
                .put("status", "PUBLISHED")
                .put("startsAt", "2026-12-08T01:00:00Z")
                .put("endsAt", "2026-12-08T03:00:00Z");
        assertThat(DoorPages.closedBecause(session, new JsonObject().put("doorOpen", true)))
                .isNull();
        JsonObject notTheDay = new JsonObject().put("doorOpen", false).put("doorClosedBecause", "not-door-day");
        assertThat(DoorPages.closedBecause(session, notTheDay)).isEqualTo("not-door-day");
        assertThat(DoorPages.closed("not-door-day", session, Language.JA))
                .isEqualTo("受付と飛び入りは、開催日（12月8日(火)）の当日に記録できます。");
        assertThat(DoorPages.closed("not-door-day", session, Language.EN))
                .startsWith("Check-ins and drop-ins are recorded on the day of the session (");
        assertThat(DoorPages.closed(null, session, Language.JA)).isNull();
        // a reason the page has no words for never goes into its address as it came
        assertThat(DoorPages.closedBecause(
                        session, new JsonObject().put("doorOpen", false).put("doorClosedBecause", "<b>")))
                .isEqualTo("not-door-day");

        // cancelled: said as soon as the event service says it, before registration has heard of it
        session.put("status", "CANCELLED");
        assertThat(DoorPages.closedBecause(session, new JsonObject().put("doorOpen", true)))
                .isEqualTo("session-cancelled");
        assertThat(DoorPages.closed("session-cancelled", session, Language.JA)).isEqualTo("この開催は中止されました。");
    }

    @Test
    void aWebhookDeliverysStateIsSaidInWords() {
        assertThat(PartnerPages.deliveryState("PENDING", Language.JA)).isEqualTo("送信待ち（届くまで送り直します）");
        assertThat(PartnerPages.deliveryState("DELIVERED", Language.JA)).isEqualTo("届きました");
        assertThat(PartnerPages.deliveryState("DEAD", Language.EN)).isEqualTo("Not delivered (retries ended)");
        assertThat(PartnerPages.deliveryType("session.changed", Language.JA)).isEqualTo("開催の変更（session.changed）");
    }

    @Test
    void theCareSheetSaysAgesInWordsAndABandOnlyWhenItIsWider() {
        JsonArray children = new JsonArray()
                .add(new JsonObject().put("family", 1).put("ageYears", 3).put("ageBand", "3"))
                .add(new JsonObject().put("family", 2).put("ageYears", 1).put("ageBand", "1-2"));
        var ja = CarePages.children(children, Language.JA);
        assertThat(ja.get(0).age()).isEqualTo("3歳");
        assertThat(ja.get(0).band()).isNull();
        assertThat(ja.get(1).age()).isEqualTo("1歳");
        assertThat(ja.get(1).band()).isEqualTo("1〜2歳");
        var en = CarePages.children(children, Language.EN);
        assertThat(en.get(1).age()).isEqualTo("1 year");
        assertThat(en.get(1).band()).isEqualTo("ages 1–2");
    }
}
