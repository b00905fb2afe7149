package io.ibasho.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.ibasho.gateway.herdata.HerDataCollector;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
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
        String shown = HerDataPages.sections(EXPORT, true).toString();
        assertThat(shown).contains("はな", "ひな", "卵アレルギー", "hana@example.invalid", "BOOKING_CONFIRMED", "[2]");
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
                        new HerDataPages.Line("子どもの記録", "1"),
                        new HerDataPages.Line("子どもの呼び名・メモ", "1"),
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
        List<HerDataPages.Consent> consents = HerDataPages.consents(withConsents(), true);
        assertThat(consents)
                .extracting(
                        HerDataPages.Consent::purpose, HerDataPages.Consent::language, HerDataPages.Consent::inForce)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("childcare-notes", "ja", true),
                        org.assertj.core.groups.Tuple.tuple("email-channel", "en", false));
        assertThat(consents.get(0).title()).isEqualTo("お子さんの呼び名と保育者への連絡");
        assertThat(consents.get(1).wording()).startsWith("I agree");
        assertThat(consents.get(1).withdrawnAt()).isEqualTo("2026-12-02T10:00:00Z");
        // every purpose shown can be withdrawn in the service that holds it
        assertThat(HerDataPages.WITHDRAWALS).containsKeys("childcare-notes", "email-channel");
    }

    @Test
    void theConfirmationCountsHerConsentRecords() {
        List<HerDataPages.Line> lines = HerDataPages.counts(HerDataCollector.counts(withConsents()), true);
        assertThat(lines).filteredOn(l -> l.label().equals("同意の記録")).hasSize(2);
    }
}
