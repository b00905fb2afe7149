package io.ibasho.gateway.web.staff;

import static org.assertj.core.api.Assertions.assertThat;

import io.ibasho.gateway.web.Language;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The session, series and series-change forms show every mistake on the first submit, as the venue form does: the
 * form's own checks and the event service's check (its field syntax with its rules, asked in the same submit) are
 * merged by {@link EveryMistake}, hers first, each beside its field in Japanese and English.
 */
class EveryMistakeTest {
    private static final LocalDate TODAY = LocalDate.of(2026, 12, 4);

    private static JsonObject violation(String field, String code) {
        return new JsonObject().put("field", field).put("code", code).put("message", "the service's English");
    }

    private static JsonObject problem(String type, JsonObject... violations) {
        return new JsonObject()
                .put("type", "https://ibasho.example/problems/" + type)
                .put("detail", "the service's English")
                .put("violations", new JsonArray(java.util.List.of((Object[]) violations)));
    }

    @Test
    void herOwnMistakesComeFirstAndTheServicesAreAddedBesideTheOtherFields() {
        Map<String, String> own = new LinkedHashMap<>();
        own.put("endTime", "終了時刻は開始時刻より後にしてください。");
        Map<String, String> service = new LinkedHashMap<>();
        service.put("endTime", "about the value she is fixing anyway");
        service.put("titleJa", "タイトルは200文字までにしてください。");

        assertThat(EveryMistake.of(own, service))
                .containsExactly(
                        Map.entry("endTime", "終了時刻は開始時刻より後にしてください。"), Map.entry("titleJa", "タイトルは200文字までにしてください。"));
        assertThat(EveryMistake.of(Map.of(), Map.of())).isEmpty();
    }

    @Test
    void theSeriesChangeShowsATooLongTitleTogetherWithAnEndBeforeTheStart() {
        JsonObject series = new JsonObject()
                .put("venueId", "v1")
                .put("rrule", "FREQ=MONTHLY;BYDAY=4TH")
                .put("kind", "cafe")
                .put("titleJa", "ひだまりカフェ")
                .put("firstStart", "2026-12-24T10:00")
                .put("durationMinutes", 120)
                .put("allocation", "FIRST_COME")
                .put(
                        "occurrences",
                        new JsonArray()
                                .add(new JsonObject()
                                        .put("startsAt", "2026-12-24T01:00:00Z")
                                        .put("status", "published"))
                                .add(new JsonObject()
                                        .put("startsAt", "2027-01-28T01:00:00Z")
                                        .put("status", "published")));
        Map<String, String> values = SeriesChangePages.valuesOf(series);
        values.put("from", "2027-01-28");
        values.put("titleJa", "あ".repeat(201)); // the gateway does not count it: the event service's syntax does
        values.put("startTime", "14:00");
        values.put("endTime", "13:00");

        Map<String, String> own = SeriesChangePages.check(series, values, TODAY, Language.JA);
        assertThat(own).containsOnlyKeys("endTime");

        // the preview is still asked: her wrong times go as the series has them, her title as she typed it
        Map<String, String> asked = SeriesChangePages.standIns(series, values, own, TODAY);
        JsonObject request = SeriesChangePages.request(series, asked, new HashMap<>(), Language.JA);
        assertThat(request.getString("firstStart")).isEqualTo("2027-01-28T10:00");
        assertThat(request.getInteger("durationMinutes")).isEqualTo(120);
        assertThat(request.getString("titleJa")).hasSize(201);

        JsonObject answer = problem("validation", violation("titleJa", "TITLE_JA_TOO_LONG"));
        Map<String, String> every = EveryMistake.of(own, SeriesChangePages.refusals(answer, Language.JA));
        assertThat(every)
                .containsEntry("endTime", "終了時刻は開始時刻より後にしてください。")
                .containsEntry("titleJa", "タイトルは200文字までにしてください。");
        Map<String, String> inEnglish = EveryMistake.of(
                SeriesChangePages.check(series, values, TODAY, Language.EN),
                SeriesChangePages.refusals(answer, Language.EN));
        assertThat(inEnglish)
                .containsEntry("endTime", "The end must be after the start.")
                .containsEntry("titleJa", "The title is at most 200 characters.");
    }

    @Test
    void aFromDateOrRuleSheGotWrongIsAskedAsTheSeriesHasIt() {
        JsonObject series = new JsonObject()
                .put("venueId", "v1")
                .put("rrule", "FREQ=MONTHLY;BYDAY=4TH")
                .put("firstStart", "2026-12-24T10:00")
                .put("durationMinutes", 120)
                .put(
                        "occurrences",
                        new JsonArray()
                                .add(new JsonObject()
                                        .put("startsAt", "2027-01-28T01:00:00Z")
                                        .put("status", "published")));
        Map<String, String> values = SeriesChangePages.valuesOf(series);
        values.put("from", "2031-01-01");
        values.put("repeat", "weekly");
        values.put("weekday", "");
        Map<String, String> own = SeriesChangePages.check(series, values, TODAY, Language.JA);
        assertThat(own).containsKeys("from", "weekday");

        Map<String, String> asked = SeriesChangePages.standIns(series, values, own, TODAY);
        assertThat(asked).containsEntry("from", "2027-01-28").containsEntry("repeat", "keep");
        assertThat(SeriesChangePages.request(series, asked, new HashMap<>(), Language.JA)
                        .getString("rrule"))
                .isEqualTo("FREQ=MONTHLY;BYDAY=4TH");
    }

    @Test
    void theSessionFormsCheckAnswerIsSaidBesideItsFieldsWithAProblemsOwnWords() {
        JsonObject rules = problem(
                "session-rules",
                violation("titleJa", "TITLE_JA_TOO_LONG"),
                violation("applicationCloses", "DEADLINE_REQUIRED"),
                violation("childcare.deadline", "CHILDCARE_DEADLINE_PASSED_BY_MOVE"));
        assertThat(SessionForm.refusalOf(rules, "session-rules", Language.JA))
                .containsEntry("titleJa", "タイトルは200文字までにしてください。")
                .containsEntry("closes", "申込締切の日時を入力してください。")
                .containsKey("childcareDeadline")
                .doesNotContainKey("form");
        assertThat(SessionForm.refusalOf(rules, "session-rules", Language.EN).get("childcareDeadline"))
                .startsWith("Moved with the session, the childcare deadline would already have passed");

        // a published session's kind, said with the syntax's mistakes the same check found
        JsonObject kind = problem("kind-fixed-after-publish", violation("titleJa", "TITLE_JA_REQUIRED"));
        assertThat(SessionForm.refusalOf(kind, "kind-fixed-after-publish", Language.JA))
                .containsEntry("titleJa", "日本語のタイトルを入力してください。")
                .containsEntry("kind", "公開した開催の種類は変えられません。種類を変えるときは、この開催を中止して新しくつくってください。");
    }

    @Test
    void aNewSeriesRefusalLandsBesideTheRepeatFormsFieldsByCodeOrByTheDateItConcerns() {
        JsonObject answer = problem(
                "session-rules",
                violation("feeYen", "FLYER_FEE_YEN_OUT_OF_RANGE"),
                violation("occurrences[20270128T100000].capacity", "CAPACITY_ABOVE_VENUE_CEILING"),
                violation("occurrences[20270128T100000].childcare.deadline", "CHILDCARE_DEADLINE_AFTER_START"),
                violation("deadlineHoursBefore", "CHILDCARE_DEADLINE_HOURS_BEFORE_OUT_OF_RANGE"));
        Map<String, String> refused = SeriesPages.refusals(answer, Language.JA);
        assertThat(refused)
                .containsEntry("feeYen", "参加費は0から100000までの数字で入力してください（無料は0）。")
                .containsEntry("capacity", "定員が会場の収容人数を超えています。")
                .containsKey("childcareHoursBefore")
                .doesNotContainKey("form");
    }

    @Test
    void aMovedSessionWhoseDeadlineMovedWithItIsToldSoAndTheFormSaysItBeforehand() {
        JsonObject sent = new JsonObject().put("childcare", new JsonObject().put("deadline", "2026-12-06T17:00+09:00"));
        assertThat(OrganiserSessionPages.deadlineFollowed(
                        sent,
                        new JsonObject()
                                .put("childcare", new JsonObject().put("deadline", "2026-12-13T17:00:00+09:00"))))
                .isTrue();
        assertThat(OrganiserSessionPages.deadlineFollowed(
                        sent,
                        new JsonObject().put("childcare", new JsonObject().put("deadline", "2026-12-06T08:00:00Z"))))
                .isFalse();
        assertThat(OrganiserSessionPages.deadlineFollowed(new JsonObject(), new JsonObject()))
                .isFalse();
        assertThat(StaffText.of(Language.JA).get("deadlineMoved")).contains("託児の申込締切");
        assertThat(StaffText.of(Language.EN).get("childcareDeadlineHelp")).contains("moves with the session");

        JsonObject series = new JsonObject().put("childcare", new JsonObject().put("deadlineHoursBefore", 48));
        assertThat(SeriesChangePages.childcareNote(series, Language.JA))
                .isEqualTo("託児の申込締切は、各回の開始の48時間前です。時刻や曜日を変えると、締切も各回の新しい開始に合わせて動きます。");
        assertThat(SeriesChangePages.childcareNote(series, Language.EN)).contains("48 hours before each date");
        assertThat(SeriesChangePages.childcareNote(new JsonObject(), Language.JA))
                .isNull();
    }
}
