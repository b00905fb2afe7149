package io.ibasho.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.ibasho.gateway.herdata.HerDataCollector;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Her data page's plain parts: the export made readable, and the confirmation that lists counts, never content. */
class HerDataViewsTest {
    static final JsonObject EXPORT = new JsonObject()
            .put(
                    "registration",
                    new JsonObject()
                            .put(
                                    "registrations",
                                    new JsonArray()
                                            .add(new JsonObject()
                                                    .put("nickname", "はな")
                                                    .put("status", "confirmed")
                                                    .put("childrenAges", new JsonArray().add(2))
                                                    .put("sessionStartsAt", "2026-12-08T13:30:00+09:00"))))
            .put(
                    "childcareBooking",
                    new JsonObject()
                            .put(
                                    "childcareBookings",
                                    new JsonArray()
                                            .add(new JsonObject()
                                                    .put("status", "RESERVED")
                                                    .put(
                                                            "children",
                                                            new JsonArray()
                                                                    .add(new JsonObject()
                                                                            .put("position", 1)
                                                                            .put("ageYears", 2)
                                                                            .put("nickname", "ひな")
                                                                            .put("careNotes", "卵アレルギー"))))))
            .put(
                    "notification",
                    new JsonObject()
                            .put(
                                    "settings",
                                    new JsonObject().put("language", "ja").put("emailAddress", "hana@example.invalid"))
                            .put("messages", new JsonArray().add(new JsonObject().put("kind", "BOOKING_CONFIRMED"))))
            .put("event", new JsonObject().put("attendeeConfirmations", new JsonArray().add(new JsonObject())));

    @Test
    void everythingSheGaveIsShownToHer() {
        String shown =
                HerDataPages.sections(EXPORT, Map.of(), Map.of(), Language.JA).toString();
        assertThat(shown).contains("はな", "ひな", "卵アレルギー", "hana@example.invalid");
    }

    @Test
    void whetherSheChoseHerLanguageIsShownBesideIt() {
        JsonObject export = EXPORT.copy();
        export.getJsonObject("notification").getJsonObject("settings").put("languageChosen", false);
        assertThat(HerDataPages.sections(export, Map.of(), Map.of(), Language.JA)
                        .toString())
                .contains("label=言語, value=日本語", "label=言語を自分で選んだ, value=いいえ");
        assertThat(HerDataPages.sections(export, Map.of(), Map.of(), Language.EN)
                        .toString())
                .contains("label=Language chosen by you, value=No");
    }

    /** The exploratory test's page: UTC instants, wire codes, "[1]", "false" and no titles. */
    static JsonObject asTheServicesExportIt() {
        JsonObject export = EXPORT.copy();
        export.getJsonObject("registration")
                .put(
                        "registrations",
                        new JsonArray()
                                .add(new JsonObject()
                                        .put("sessionId", "s-public")
                                        .put("status", "applied")
                                        .put("childrenAges", new JsonArray().add(1))
                                        .put("childcareStatus", "rejected")
                                        .put("sessionStartsAt", "2026-12-18T04:30:00Z")
                                        .put("createdAt", "2026-12-01T01:00:00Z"))
                                .add(new JsonObject()
                                        .put("sessionId", "s-gone")
                                        .put("status", "childcare_unavailable")
                                        .put("attendance", "ATTENDED")
                                        .put("sessionStartsAt", "2026-11-02T05:00:00Z")));
        export.getJsonObject("childcareBooking")
                .getJsonArray("childcareBookings")
                .getJsonObject(0)
                .put("status", "RELEASED")
                .put("sessionId", "s-public");
        export.getJsonObject("notification")
                .getJsonObject("settings")
                .put("emailEnabled", false)
                .put("quietStart", "22:00:00");
        export.getJsonObject("notification")
                .put(
                        "messages",
                        new JsonArray()
                                .add(new JsonObject()
                                        .put("kind", "CHILDCARE_REJECTED")
                                        .put("createdAt", "2026-12-02T00:15:00Z")));
        return export;
    }

    @Test
    void herDataIsReadableTimesInTokyoStatesInWordsEachBookingUnderItsTitle() {
        Map<String, JsonObject> sessions = Map.of(
                "s-public",
                new JsonObject()
                        .put("titleJa", "ひだまりカフェ")
                        .put("titleEn", "Hidamari Café")
                        .put("startsAt", "2026-12-18T04:30:00Z"),
                "s-gone",
                new JsonObject());
        String shown = HerDataPages.sections(asTheServicesExportIt(), sessions, Map.of(), Language.JA)
                .toString();
        assertThat(shown)
                .contains(
                        "ひだまりカフェ ・ 12月18日(金) 13:30",
                        "（公開が終わった回） ・ 11月2日(月) 14:00",
                        "抽選に申込済み（結果を待っています）",
                        "託児の空きがありませんでした",
                        "value=1歳",
                        "value=空きがありませんでした",
                        "value=取り消しました",
                        "value=参加しました",
                        "label=メールで受け取る, value=いいえ",
                        "value=22:00",
                        "label=12月2日(水) 09:15, value=託児の空きがありませんでした",
                        "label=申し込んだ日時, value=12月1日(火) 10:00")
                .doesNotContain(
                        "2026-12-18T",
                        "applied",
                        "childcare_unavailable",
                        "RELEASED",
                        "CHILDCARE_REJECTED",
                        "[1]",
                        "false",
                        "ATTENDED",
                        "回の日時");
        assertThat(HerDataPages.sections(asTheServicesExportIt(), sessions, Map.of(), Language.EN)
                        .toString())
                .contains("Hidamari Café · Fri 18 Dec, 13:30", "value=1 year", "value=No")
                .doesNotContain(" ・ ");
    }

    /** Her requests to talk as notification exports them: the organisation by its id only. */
    static JsonObject withRequestsToTalk() {
        JsonObject export = EXPORT.copy();
        export.getJsonObject("notification")
                .put(
                        "talkRequests",
                        new JsonArray()
                                .add(new JsonObject()
                                        .put("organisationId", "hinata")
                                        .put("channel", "in-app")
                                        .put("timeWindow", "weekday-daytime")
                                        .put("status", "OPEN")
                                        .put("createdAt", "2026-12-01T01:00:00Z"))
                                .add(new JsonObject()
                                        .put("organisationId", "gone-org")
                                        .put("channel", "in-app")
                                        .put("timeWindow", "weekend")
                                        .put("status", "CLOSED")
                                        .put("createdAt", "2026-12-02T01:00:00Z")));
        return export;
    }

    @Test
    void herRequestsToTalkNameTheOrganisationAsTheTalkPageDoesNeverByItsId() {
        Map<String, String> listed = Map.of("hinata", "ひなたの会");
        String shown = HerDataPages.sections(withRequestsToTalk(), Map.of(), listed, Language.JA)
                .toString();
        assertThat(shown)
                .contains("value=ひなたの会 / このアプリのお知らせで / 平日の昼間", "value=選んだ団体 / このアプリのお知らせで / 土日")
                .doesNotContain("hinata", "gone-org");
        // the list of organisations could not be read: still no id
        assertThat(HerDataPages.sections(withRequestsToTalk(), Map.of(), Map.of(), Language.EN)
                        .toString())
                .contains("value=The organisation you chose / Through this app's messages")
                .doesNotContain("hinata", "gone-org");
    }

    @Test
    void theConfirmationCountsKindsAndNeverShowsContent() {
        JsonObject erased = HerDataCollector.counts(EXPORT)
                .put("registration", new JsonObject().put("bookings", 1).put("childcareRequests", 1));
        List<HerDataPages.Line> lines = HerDataPages.counts(erased, true);
        assertThat(lines.toString()).doesNotContain("はな", "ひな", "卵アレルギー", "hana@example.invalid");
        assertThat(lines)
                .contains(
                        new HerDataPages.Line("予約", "1"),
                        new HerDataPages.Line("お子さんの記録", "1"),
                        new HerDataPages.Line("お子さんの呼び名・メモ", "1"),
                        new HerDataPages.Line("メールアドレス", "1"),
                        new HerDataPages.Line("お知らせ", "1"),
                        new HerDataPages.Line("会場案内の記録", "1"),
                        new HerDataPages.Line("アカウント", "1"));
    }

    /** Her consents as the services export them (issue #18): one still in force, one withdrawn. */
    static JsonObject withConsents() {
        JsonObject export = EXPORT.copy();
        export.getJsonObject("childcareBooking")
                .put(
                        "consents",
                        new JsonArray()
                                .add(new JsonObject()
                                        .put("purpose", "childcare-notes")
                                        .put("language", "ja")
                                        .put("wordingVersion", "2026-12")
                                        .put("wording", "お子さんの呼び名と保育へのメモは")
                                        .put("givenAt", "2026-12-01T10:00:00Z")));
        export.getJsonObject("notification")
                .put(
                        "consents",
                        new JsonArray()
                                .add(new JsonObject()
                                        .put("purpose", "email-channel")
                                        .put("language", "en")
                                        .put("wordingVersion", "2026-12")
                                        .put("wording", "I agree that discreet messages")
                                        .put("givenAt", "2026-12-01T10:00:00Z")
                                        .put("withdrawnAt", "2026-12-02T10:00:00Z")));
        return export;
    }

    @Test
    void herConsentsAreShownWithTheirWordsLanguageAndTimeAndOnlyThoseInForceCanBeWithdrawn() {
        List<HerDataPages.Consent> consents = HerDataPages.consents(withConsents(), Language.JA);
        assertThat(consents)
                .extracting(
                        HerDataPages.Consent::purpose, HerDataPages.Consent::language, HerDataPages.Consent::inForce)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("childcare-notes", "ja", true),
                        org.assertj.core.groups.Tuple.tuple("email-channel", "en", false));
        assertThat(consents.get(0).title()).isEqualTo("お子さんの呼び名と保育者への連絡");
        assertThat(consents.get(1).wording()).startsWith("I agree");
        assertThat(consents.get(1).withdrawnAt()).isEqualTo("12月2日(水) 19:00");
        // every purpose shown can be withdrawn in the service that holds it
        assertThat(HerDataPages.WITHDRAWALS).containsKeys("childcare-notes", "email-channel");
    }

    @Test
    void theConfirmationCountsHerConsentRecords() {
        List<HerDataPages.Line> lines = HerDataPages.counts(HerDataCollector.counts(withConsents()), true);
        // childcare's and notification's records are one line, their sum
        assertThat(lines)
                .filteredOn(l -> l.label().equals("同意の記録"))
                .containsExactly(new HerDataPages.Line("同意の記録", "2"));
        assertThat(HerDataPages.counts(
                                new JsonObject()
                                        .put("registration", new JsonObject().put("storedAnswers", 1))
                                        .put("childcare-booking", new JsonObject().put("released", 1)),
                                true)
                        .toString())
                .doesNotContain("一時保存された応答", "released")
                .contains("託児");
        assertThat(HerDataPages.counts(HerDataCollector.counts(withConsents()), false))
                .contains(new HerDataPages.Line("Consent records", "2"));
    }
}
