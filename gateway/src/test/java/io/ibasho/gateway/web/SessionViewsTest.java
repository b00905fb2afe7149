package io.ibasho.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The services leave out, or send null for, what a session does not have: no venue, no childcare, no lottery. */
class SessionViewsTest {
    private static final OffsetDateTime NOW = OffsetDateTime.parse("2026-12-01T10:00:00+09:00");

    private static JsonObject bare() {
        return new JsonObject("""
                {"id":"6f1c1d2e-2b7c-4c39-9d7e-1d2f3a4b5c6d","kind":"workshop","titleJa":"講座","titleEn":null,
                 "startsAt":"2026-12-16T13:30:00+09:00","endsAt":"2026-12-16T15:30:00+09:00","capacity":1,
                 "allocation":"LOTTERY","status":"PUBLISHED","online":false,"venue":null,"parts":null,
                 "targetAudienceJa":null,"applicationClosesAt":"2026-12-11T13:30:00+09:00",
                 "childcare":{"offered":false,"minAgeYears":null,"maxAgeYears":null,"deadline":null},"lottery":null}
                """);
    }

    /**
     * A café that takes no booking, at a venue whose address is not published: no page may promise the address "once
     * your booking is confirmed", since there is no booking. With childcare offered, her reservation is what releases
     * it; the note says so.
     */
    @Test
    void aCafeWithoutBookingNeverPromisesTheAddressForABooking() {
        JsonObject dropIn = bare().put("allocation", "NONE").put("kind", "cafe");
        assertThat(Pages.sessionPage(dropIn, null, null, null, Language.JA, NOW).addressNote())
                .isEqualTo("会場の住所は公開していません。")
                .doesNotContain("予約");
        dropIn.getJsonObject("childcare").put("offered", true);
        assertThat(Pages.sessionPage(dropIn, null, null, null, Language.JA, NOW).addressNote())
                .isEqualTo("会場の住所は公開していません。託児を予約した方には、このページでお知らせします。");
        assertThat(Pages.sessionPage(dropIn, null, null, null, Language.EN, NOW).addressNote())
                .isEqualTo("The address is not published. Once you have reserved childcare, it is shown on this page.");
    }

    @Test
    void aSessionWithoutVenueChildcareOrPartsHasAPageAndACard() {
        Views.SessionPage page = Pages.sessionPage(bare(), null, null, null, Language.JA, NOW);
        assertThat(page.title()).isEqualTo("講座");
        assertThat(page.availability()).startsWith("抽選: 定員 1名");
        assertThat(page.childcare()).isNull();
        assertThat(page.bookable()).isTrue();
        assertThat(page.lottery()).isTrue();
        assertThat(page.addressNote()).contains("予約が確定した方");
        Views.SessionCard card = Pages.card(bare(), null, Language.EN);
        assertThat(card.where()).isEmpty();
        assertThat(card.title()).isEqualTo("講座");
        assertThat(card.titleLang()).isEqualTo("ja");
        assertThat(card.kind()).isEqualTo("Workshop");
    }

    @Test
    void theSeatFiguresReachTheCardAndThePageOfEveryVisitor() {
        JsonObject lottery = new JsonObject()
                .put("sessionId", bare().getString("id"))
                .put("allocation", "LOTTERY")
                .put("capacity", 1)
                .putNull("seats")
                // an older registration service's count is not shown either (docs/adr/0086)
                .put("applications", 4);
        assertThat(Pages.card(bare(), lottery, Language.JA).availability()).isEqualTo("抽選: 定員 1名（締切 12月11日(金) 13:30）");
        assertThat(Pages.sessionPage(bare(), null, lottery, null, Language.EN, NOW)
                        .availability())
                .isEqualTo("Lottery: 1 places (closes Fri 11 Dec, 13:30)");

        JsonObject firstCome = bare().put("allocation", "FIRST_COME").put("capacity", 10);
        JsonObject figures =
                new JsonObject().put("sessionId", firstCome.getString("id")).put("seats", "FEW");
        assertThat(Pages.card(firstCome, figures, Language.JA).availability()).startsWith("要予約（先着順）・定員 10名・残りわずか");
        assertThat(Pages.card(firstCome, figures.copy().put("seatsLeft", 2), Language.JA)
                        .availability())
                .as("a count, should one come, is never shown")
                .isEqualTo(Pages.card(firstCome, figures, Language.JA).availability());
        // no figures (the call failed): the card still renders, with the capacity
        assertThat(Pages.card(firstCome, null, Language.JA).availability()).startsWith("要予約（先着順）・定員 10名");
        assertThat(Pages.figuresById(List.of(new JsonArray().add(figures), new JsonArray())))
                .containsOnlyKeys(firstCome.getString("id"));
        assertThat(Pages.sessionPage(firstCome, null, figures, null, Language.JA, NOW)
                        .bookLabel())
                .isEqualTo("予約へ進む");
        // full: she can still join its waitlist, and the link says that rather than 予約へ進む
        JsonObject full = figures.copy().put("seats", "FULL");
        assertThat(Pages.sessionPage(firstCome, null, full, null, Language.JA, NOW)
                        .bookLabel())
                .isEqualTo("キャンセル待ちに登録する");
    }

    @Test
    void herLotteryApplicationShowsTheReferenceThatNamesItInThePublishedDraw() {
        JsonObject application = new JsonObject()
                .put("id", "6a1f0e52-3c1d-4b7a-9d51-0c2b7e8f4a10")
                .put("sessionId", "s1")
                .put("status", "applied")
                .put("lotteryReference", "e4b2c9d0-7f13-4a8e-b5c6-1d2e3f405162");
        for (Language language : Language.values()) {
            Views.MyBooking booking = Pages.myBooking(application, new JsonObject(), language);
            assertThat(booking.lotteryReference()).isEqualTo("e4b2c9d0-7f13-4a8e-b5c6-1d2e3f405162");
            assertThat(booking.id()).isEqualTo("6a1f0e52-3c1d-4b7a-9d51-0c2b7e8f4a10");
        }
        // a booking that was never in a draw has none
        assertThat(Pages.myBooking(
                                new JsonObject()
                                        .put("id", "r2")
                                        .put("sessionId", "s1")
                                        .put("status", "confirmed"),
                                new JsonObject(),
                                Language.JA)
                        .lotteryReference())
                .isNull();
        assertThat(UiText.of(Language.JA).get("lotteryReference")).isEqualTo("抽選の申込み番号");
        assertThat(UiText.of(Language.JA).get("lotteryReferenceHelp")).contains("知っているのはあなただけです");
        assertThat(UiText.of(Language.EN).get("lotteryReference")).isEqualTo("Your application reference");
        assertThat(UiText.of(Language.EN).get("lotteryReferenceHelp"))
                .contains("Only you know your application reference");
    }

    @Test
    void herBookingAndAMessageWithNullsStillRead() {
        JsonObject registration = new JsonObject()
                .put("id", "r1")
                .put("sessionId", "s1")
                .put("status", "waitlisted")
                .put("position", 2)
                .put("waitlistReason", "LOTTERY_RESERVE")
                .putNull("offerExpiresAt")
                .putNull("childcareStatus");
        Views.MyBooking booking = Pages.myBooking(registration, new JsonObject(), Language.JA);
        assertThat(booking.status()).isEqualTo("抽選の補欠（2番目）");
        assertThat(booking.canCancel()).isTrue();
        assertThat(booking.showQr()).isFalse();
        Views.Message message = Pages.message(
                new JsonObject()
                        .put("kind", "BOOKING_CONFIRMED")
                        .put("sessionId", "s1")
                        .put("text", "ご予約を承りました。")
                        .putNull("read")
                        .putNull("createdAt"),
                Language.JA);
        assertThat(message.link().href()).isEqualTo("/app/bookings/for/s1");
        assertThat(Pages.message(new JsonObject().put("kind", "SESSION_CHANGED").put("sessionId", "s1"), Language.JA)
                        .link()
                        .href())
                .isEqualTo("/s/s1");
        Views.Message aboutHerCourse =
                Pages.message(new JsonObject().put("kind", "COURSE_OFFERED").put("courseId", "c1"), Language.EN);
        assertThat(aboutHerCourse.link().href()).isEqualTo("/app/courses");
        assertThat(aboutHerCourse.link().label()).isEqualTo("My courses");
    }

    private static JsonObject firstComeWithChildcare() {
        return new JsonObject()
                .put("allocation", "FIRST_COME")
                .put("status", "PUBLISHED")
                .put(
                        "childcare",
                        new JsonObject()
                                .put("offered", true)
                                .put("minAgeYears", 0)
                                .put("maxAgeYears", 6));
    }

    private static JsonObject refused(String reason, int age) {
        return new JsonObject()
                .put("id", "r1")
                .put("sessionId", "s1")
                .put("nickname", "あかり")
                .put("status", "childcare_unavailable")
                .put("childrenAges", new JsonArray().add(age))
                .put("childcareStatus", "rejected")
                .put("childcareRejectReason", reason)
                .put("nextSteps", "Childcare could not be arranged for this session, so no seat was kept for you.")
                .put("nextStepsCode", "CHILDCARE_UNAVAILABLE");
    }

    @Test
    void childcareRefusedForAnAgeSaysSoInHerLanguageAndOffersTheSeatWithoutChildcareOnly() {
        Views.MyBooking ja = Pages.myBooking(refused("AGE_OUT_OF_RANGE", 7), firstComeWithChildcare(), Language.JA);
        assertThat(ja.status()).isEqualTo("託児をご用意できなかったため、席は取り消しました");
        assertThat(ja.childcare()).isEqualTo("お子さんの年齢が、この回の託児の対象（0〜6歳）ではありませんでした");
        assertThat(ja.childrenAges()).isEqualTo("7歳");
        // her language, never the service's English text
        assertThat(ja.nextSteps()).isEqualTo("託児なしで、席だけを予約しなおすことができます。");
        assertThat(ja.canRebookWithoutChildcare()).isTrue();
        assertThat(ja.nickname()).isEqualTo("あかり");
        // waiting will not change her child's age
        assertThat(ja.canWaitlistWithChildcare()).isFalse();
        assertThat(ja.canCancel()).isFalse();
        Views.MyBooking en = Pages.myBooking(refused("DEADLINE_PASSED", 3), firstComeWithChildcare(), Language.EN);
        assertThat(en.status()).isEqualTo("Childcare could not be given, so the seat was released");
        assertThat(en.childcare()).isEqualTo("The childcare deadline had passed");
        assertThat(en.nextSteps()).isEqualTo("You can book a seat again, without childcare.");
        assertThat(en.canWaitlistWithChildcare()).isFalse();
    }

    @Test
    void childcareFullOffersTheWaitlistWithChildcareAsWellAndNoAnswerIsNotCalledFull() {
        Views.MyBooking full = Pages.myBooking(refused("RATIO_EXCEEDED", 2), firstComeWithChildcare(), Language.JA);
        assertThat(full.childcare()).isEqualTo("託児の空きがありませんでした");
        assertThat(full.canRebookWithoutChildcare()).isTrue();
        assertThat(full.canWaitlistWithChildcare()).isTrue();
        assertThat(full.ages()).containsExactly(2);
        assertThat(full.nextSteps()).contains("託児つきのキャンセル待ち");
        assertThat(Pages.myBooking(refused("NO_ANSWER", 2), firstComeWithChildcare(), Language.JA)
                        .childcare())
                .isEqualTo("託児の受付から時間内に返事がありませんでした");
        // a session cancelled since: nothing to book again
        Views.MyBooking cancelled = Pages.myBooking(
                refused("CAP_EXCEEDED", 2), firstComeWithChildcare().put("status", "CANCELLED"), Language.JA);
        assertThat(cancelled.canRebookWithoutChildcare()).isFalse();
        assertThat(cancelled.canWaitlistWithChildcare()).isFalse();
    }

    private static JsonObject waitingForChildcare(String reason) {
        return new JsonObject()
                .put("id", "r1")
                .put("sessionId", "s1")
                .put("status", "waitlisted")
                .put("waitlistReason", "CHILDCARE_UNAVAILABLE")
                .put("position", 1)
                .put("childrenAges", new JsonArray().add(3))
                .put("childcareStatus", "rejected")
                .put("childcareRejectReason", reason)
                .put("nextStepsCode", "WAITING_FOR_CHILDCARE");
    }

    @Test
    void aLotteryReserveWaitingForChildcareIsPromisedOnlyWhatCanHappen() {
        JsonObject lottery = firstComeWithChildcare().put("allocation", "LOTTERY");
        // no places: a later offer asks childcare again, judged against the deadline as of her application
        Views.MyBooking full = Pages.myBooking(waitingForChildcare("RATIO_EXCEEDED"), lottery, Language.JA);
        assertThat(full.status()).isEqualTo("託児つきの席のキャンセル待ち（1番目）");
        assertThat(full.nextSteps()).isEqualTo("託児の空きが出たら、席と託児をいっしょにご案内します。補欠の順番はそのままです。");
        assertThat(Pages.myBooking(waitingForChildcare("CAP_EXCEEDED"), lottery, Language.EN)
                        .nextSteps())
                .isEqualTo("When childcare places free up, you are offered a seat together with childcare; you keep"
                        + " your place on the reserve list.");
        // the deadline or the age will not change by waiting, and a drawn lottery takes no new booking
        Views.MyBooking late = Pages.myBooking(waitingForChildcare("DEADLINE_PASSED"), lottery, Language.JA);
        assertThat(late.childcare()).isEqualTo("託児の申込締切を過ぎていました");
        assertThat(late.nextSteps()).isEqualTo("この回では託児をご用意できないため、補欠のままお待ちいただいても、託児つきの席はご案内できません。");
        assertThat(Pages.myBooking(waitingForChildcare("AGE_OUT_OF_RANGE"), lottery, Language.EN)
                        .nextSteps())
                .isEqualTo("Childcare cannot be given for this session, so waiting on the reserve list will not bring"
                        + " you a seat with childcare.");
        // a first-come waitlist keeps its way back to a seat without childcare
        assertThat(Pages.myBooking(waitingForChildcare("DEADLINE_PASSED"), firstComeWithChildcare(), Language.EN)
                        .nextSteps())
                .isEqualTo(
                        "Childcare cannot be given for this session, so waiting on the waitlist will not bring you"
                                + " a seat with childcare. To come without childcare, leave the waitlist and book a seat again.");
        assertThat(Pages.myBooking(waitingForChildcare("RATIO_EXCEEDED"), firstComeWithChildcare(), Language.JA)
                        .nextSteps())
                .isEqualTo("託児の空きが出たら、席と託児をいっしょにご案内します。順番はそのままです。" + "託児なしで参加するときは、キャンセル待ちをやめてから席を予約しなおしてください。");
    }

    @Test
    void cancellingGivesUpASeatAPlaceOnTheWaitlistOrALotteryApplicationAndTheyAreToldApart() {
        JsonObject confirmed = new JsonObject()
                .put("id", "r1")
                .put("sessionId", "s1")
                .put("status", "confirmed")
                .put("childrenAges", new JsonArray().add(2).add(4))
                .put("childcareStatus", "reserved");
        Views.MyBooking seat = Pages.myBooking(confirmed, firstComeWithChildcare(), Language.JA);
        assertThat(seat.cancelKind()).isEqualTo("seat");
        assertThat(seat.leavesWaitlist()).isFalse();
        assertThat(seat.childrenAges()).isEqualTo("2歳、4歳");
        assertThat(seat.nextSteps()).isNull();
        assertThat(Pages.myBooking(confirmed, firstComeWithChildcare(), Language.EN)
                        .childrenAges())
                .isEqualTo("2 years, 4 years");
        Views.MyBooking waiting =
                Pages.myBooking(confirmed.copy().put("status", "waitlisted"), firstComeWithChildcare(), Language.JA);
        assertThat(waiting.leavesWaitlist()).isTrue();
        assertThat(waiting.canCancel()).isTrue();
        assertThat(Pages.myBooking(confirmed.copy().put("status", "cancelled"), new JsonObject(), Language.JA)
                        .canCancel())
                .isFalse();
        assertThat(UiText.of(Language.JA).get("leaveWaitlist")).isEqualTo("キャンセル待ちをやめる");
        // a lottery application holds no seat yet: she withdraws it, in words of its own
        Views.MyBooking applied =
                Pages.myBooking(confirmed.copy().put("status", "applied"), firstComeWithChildcare(), Language.JA);
        assertThat(applied.withdrawsApplication()).isTrue();
        assertThat(applied.leavesWaitlist()).isFalse();
        assertThat(seat.withdrawsApplication()).isFalse();
    }

    @Test
    void theFlyerSaysThemeSpeakerWhatToBringAndTheFeeInHerLanguage() {
        JsonObject session = bare().put("flyer", new JsonObject("""
                {"descriptionJa":"手をほぐします。","descriptionEn":null,
                 "speakers":[{"name":"あおい（仮名）","roleJa":"アロマセラピスト","roleEn":"Aromatherapist"}],
                 "bringJa":"タオル1枚","bringEn":null,"feeYen":1500}
                """));
        Views.Flyer ja =
                Pages.sessionPage(session, null, null, null, Language.JA, NOW).flyer();
        assertThat(ja.description()).isEqualTo("手をほぐします。");
        assertThat(ja.descriptionLang()).isEqualTo("ja");
        assertThat(ja.speakers()).containsExactly("あおい（仮名）（アロマセラピスト）");
        assertThat(ja.bring()).isEqualTo("タオル1枚");
        assertThat(ja.fee()).isEqualTo("1,500円");
        Views.Flyer en =
                Pages.sessionPage(session, null, null, null, Language.EN, NOW).flyer();
        // No English text was given: the Japanese one is shown, marked lang="ja".
        assertThat(en.descriptionLang()).isEqualTo("ja");
        assertThat(en.speakers()).containsExactly("あおい（仮名） (Aromatherapist)");
        assertThat(en.fee()).isEqualTo("¥1,500");
        assertThat(Wording.fee(0, Language.JA)).isEqualTo("無料");
        assertThat(Wording.fee(null, Language.EN)).isNull();
        assertThat(Pages.sessionPage(bare(), null, null, null, Language.JA, NOW).flyer())
                .isNull();
    }

    @Test
    void aPartAtAnotherVenueShowsThatPlaceAndItsAddressOnlyWhenPublicOrReleasedToHer() {
        JsonObject session = bare().put("parts", new JsonArray("""
                        [{"partId":"part-1","label":"1部","startsAt":"2026-12-16T13:30:00+09:00",
                          "endsAt":"2026-12-16T14:30:00+09:00","venue":null},
                         {"partId":"part-2","label":"2部","startsAt":"2026-12-16T14:40:00+09:00",
                          "endsAt":"2026-12-16T15:30:00+09:00",
                          "venue":{"id":"v2","nameJa":"そよかぜ会館","nameEn":"Soyokaze Hall","area":"そよかぜ区",
                                   "address":null}}]
                        """));
        List<Views.Part> parts =
                Pages.sessionPage(session, null, null, null, Language.JA, NOW).parts();
        assertThat(parts.get(0).place()).isNull();
        assertThat(parts.get(1).place()).isEqualTo("そよかぜ会館（そよかぜ区）");
        // confirmed: the attendee details release the attendees-only address of that part
        JsonObject details = new JsonObject("""
                {"parts":[{"partId":"part-2","address":"架空県ひなた市そよかぜ区港7-8-9"}]}
                """);
        assertThat(Pages.sessionPage(session, details, null, null, Language.EN, NOW)
                        .parts()
                        .get(1)
                        .place())
                .isEqualTo("Soyokaze Hall (そよかぜ区), 架空県ひなた市そよかぜ区港7-8-9");
        // with the area in English, English pages name it in English
        session.getJsonArray("parts").getJsonObject(1).getJsonObject("venue").put("areaEn", "Soyokaze Ward");
        assertThat(Pages.sessionPage(session, null, null, null, Language.EN, NOW)
                        .parts()
                        .get(1)
                        .place())
                .isEqualTo("Soyokaze Hall (Soyokaze Ward)");
        // read in English, 1部 and 2部 are Part 1 and Part 2; in Japanese as the organiser wrote them
        assertThat(Pages.sessionPage(session, null, null, null, Language.EN, NOW)
                        .parts())
                .extracting(Views.Part::label)
                .containsExactly("Part 1", "Part 2");
        assertThat(parts).extracting(Views.Part::label).containsExactly("1部", "2部");
    }

    /**
     * English pages name a venue's area in English where the organiser gave one, and the Japanese otherwise: the
     * session's page, the cards of the list and the find page's area filter (which still filters by the Japanese).
     */
    @Test
    void theAreaReadsInEnglishOnEveryEnglishPageThatShowsIt() {
        JsonObject venue = new JsonObject("""
                {"id":"v1","nameJa":"ひなた交流センター","nameEn":"Hinata Community Centre","area":"ひなた区",
                 "areaEn":"Hinata Ward","address":null}
                """);
        JsonObject session = bare().put("venue", venue);

        assertThat(Pages.sessionPage(session, null, null, null, Language.EN, NOW)
                        .venue())
                .isEqualTo("Hinata Community Centre (Hinata Ward)");
        assertThat(Pages.sessionPage(session, null, null, null, Language.JA, NOW)
                        .venue())
                .isEqualTo("ひなた交流センター（ひなた区）");
        assertThat(Pages.card(session, null, Language.EN).where()).isEqualTo("Hinata Community Centre (Hinata Ward)");
        assertThat(Pages.card(session, null, Language.JA).where()).isEqualTo("ひなた交流センター（ひなた区）");

        JsonArray venues = new JsonArray()
                .add(venue)
                .add(new JsonObject().put("id", "v2").put("nameJa", "みどり公民館").put("area", "みどり区"))
                .add(new JsonObject()
                        .put("id", "v3")
                        .put("nameJa", "ひなた第二会館")
                        .put("area", "ひなた区")
                        .put("areaEn", "Hinata Ward"));
        assertThat(Pages.areaOptions(venues, "ひなた区", Language.EN))
                .containsExactly(
                        new Views.Option("ひなた区", "Hinata Ward", true), new Views.Option("みどり区", "みどり区", false));
        assertThat(Pages.areaOptions(venues, null, Language.JA))
                .extracting(Views.Option::label)
                .containsExactly("ひなた区", "みどり区");

        // without an English area, English pages keep the Japanese one, in English brackets
        venue.remove("areaEn");
        assertThat(Pages.sessionPage(session, null, null, null, Language.EN, NOW)
                        .venue())
                .isEqualTo("Hinata Community Centre (ひなた区)");
    }

    /** The booking page's form when the link asked for none: what submitting it will really do. */
    @Test
    void theBookingFormIsTheWaitlistWhenFullAndNoLotteryFormAfterItsDeadline() {
        OffsetDateTime closes = NOW.plusDays(1);
        // a full first-come session: the waitlist (its heading and button), so one submit puts her on it
        assertThat(Pages.formMode(false, false, "FULL", null, NOW)).isEqualTo("waitlist");
        assertThat(Pages.formMode(false, false, "FEW", null, NOW)).isEqualTo("book");
        assertThat(Pages.formMode(false, false, "AVAILABLE", null, NOW)).isEqualTo("book");
        assertThat(Pages.formMode(false, false, null, null, NOW)).isEqualTo("book");
        // a lottery: the application until its deadline, then no form unless the draw left seats for first come
        assertThat(Pages.formMode(true, false, null, closes, NOW)).isEqualTo("apply");
        assertThat(Pages.formMode(true, false, null, closes, closes)).isEqualTo("closed");
        assertThat(Pages.formMode(true, false, null, closes, closes.plusDays(3)))
                .isEqualTo("closed");
        assertThat(Pages.formMode(true, true, null, closes, closes.plusDays(3))).isEqualTo("book");
        assertThat(UiText.of(Language.EN).get("applicationsClosedTitle")).isEqualTo("Lottery applications are closed");
    }

    @Test
    void theSessionPageOffersNoLotteryApplicationAfterItsDeadline() {
        JsonObject lottery = bare(); // applications close 2026-12-11 13:30
        assertThat(Pages.sessionPage(lottery, null, null, null, Language.JA, NOW)
                        .bookLabel())
                .isEqualTo("抽選に申し込む");
        assertThat(Pages.sessionPage(lottery, null, null, null, Language.JA, NOW.plusDays(12))
                        .bookLabel())
                .isEqualTo("抽選のあとの空き席を見る");
        JsonObject full = bare().put("allocation", "FIRST_COME");
        assertThat(Pages.sessionPage(full, null, new JsonObject().put("seats", "FULL"), null, Language.EN, NOW)
                        .bookLabel())
                .isEqualTo("Join the waitlist");
    }

    @Test
    void afterTheCancellationCutOffHerBookingOffersNoCancelButtonAndSaysWhy() {
        // registration's cancellableUntil: the start (13:30) less its cut-off
        OffsetDateTime until = OffsetDateTime.parse("2026-12-16T11:30:00+09:00");
        assertThat(Pages.pastCancellationCutOff(until, until.minusHours(1))).isFalse();
        assertThat(Pages.pastCancellationCutOff(until, until))
                .as("the registration service still takes it at the cut-off itself")
                .isFalse();
        assertThat(Pages.pastCancellationCutOff(until, until.plusMinutes(30))).isTrue();
        assertThat(Pages.pastCancellationCutOff(null, NOW))
                .as("no seat held, or an older registration service")
                .isFalse();
        JsonObject confirmed =
                new JsonObject().put("id", "r1").put("sessionId", "s1").put("status", "confirmed");
        Views.MyBooking seat = Pages.myBooking(confirmed, firstComeWithChildcare(), Language.JA, true);
        assertThat(seat.canCancel()).isFalse();
        assertThat(seat.tooLateToCancel()).isTrue();
        // a place on the waitlist holds no seat: she may still leave it
        Views.MyBooking waiting = Pages.myBooking(
                confirmed.copy().put("status", "waitlisted"), firstComeWithChildcare(), Language.JA, true);
        assertThat(waiting.canCancel()).isTrue();
        assertThat(waiting.tooLateToCancel()).isFalse();
        assertThat(Pages.myBooking(confirmed, firstComeWithChildcare(), Language.JA, false)
                        .canCancel())
                .isTrue();
    }

    @Test
    void herSettingsShowTheLanguageSheChoseAndTheOneSheIsUsingUntilSheChoseOne() {
        // notification answers its default, Japanese, for a woman who never chose, and says she did not
        JsonObject neverChose = new JsonObject().put("language", "ja").put("languageChosen", false);
        assertThat(Pages.shownLanguage(neverChose, Language.EN)).isEqualTo(Language.EN);
        assertThat(Pages.shownLanguage(neverChose, Language.JA)).isEqualTo(Language.JA);
        assertThat(Pages.shownLanguage(new JsonObject(), Language.EN)).isEqualTo(Language.EN);
        // she chose Japanese and reads the English app: her choice, not the page's language
        JsonObject choseJapanese = new JsonObject().put("language", "ja").put("languageChosen", true);
        assertThat(Pages.shownLanguage(choseJapanese, Language.EN)).isEqualTo(Language.JA);
        JsonObject choseEnglish = new JsonObject().put("language", "en").put("languageChosen", true);
        assertThat(Pages.shownLanguage(choseEnglish, Language.JA)).isEqualTo(Language.EN);
    }
}
