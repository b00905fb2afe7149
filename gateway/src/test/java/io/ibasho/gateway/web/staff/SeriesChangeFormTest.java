package io.ibasho.gateway.web.staff;

import static org.assertj.core.api.Assertions.assertThat;

import io.ibasho.gateway.web.Language;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SeriesChangeFormTest {
    private static final LocalDate TODAY = LocalDate.of(2026, 12, 4);

    private static JsonObject series() {
        return new JsonObject()
                .put("venueId", "v1")
                .put(
                        "occurrences",
                        new JsonArray()
                                .add(new JsonObject()
                                        .put("startsAt", "2026-12-24T01:00:00Z")
                                        .put("status", "published"))
                                .add(new JsonObject()
                                        .put("startsAt", "2027-01-28T01:00:00Z")
                                        .put("status", "published")));
    }

    @Test
    void aFieldLeftEmptyIsEmptyNotMissingAndAnEndBeforeTheStartIsSaidBesideIt() {
        // the browser sends an empty room when none is chosen: that was a NullPointerException and a 500 page
        MultiMap form = MultiMap.caseInsensitiveMultiMap()
                .add("from", "2027-01-28")
                .add("titleJa", "ひだまりカフェ")
                .add("startTime", "14:00")
                .add("endTime", "13:00")
                .add("roomId", "")
                .add("capacity", "  ")
                .add("allocation", "FIRST_COME");
        Map<String, String> values = SeriesChangePages.valuesFrom(form);
        assertThat(values)
                .containsEntry("roomId", "")
                .containsEntry("capacity", "")
                .doesNotContainValue(null);

        Map<String, String> errors = SeriesChangePages.check(series(), values, TODAY, Language.JA);
        assertThat(errors).containsOnlyKeys("endTime");
        assertThat(errors.get("endTime")).isEqualTo("終了時刻は開始時刻より後にしてください。");
    }

    @Test
    void theSecondTuesdayBecomesTheThirdThursdayFromTheChosenDateOn() {
        Map<String, String> values = new java.util.HashMap<>();
        SeriesChangePages.ruleValues("FREQ=MONTHLY;BYDAY=2TU", values);
        assertThat(values)
                .containsEntry("repeat", "monthly")
                .containsEntry("week", "2")
                .containsEntry("weekday", "TU");
        // the rule kept: the changed series starts on the chosen date itself
        assertThat(SeriesChangePages.firstDate(LocalDate.of(2027, 1, 12), values))
                .isEqualTo("2027-01-12");

        values.put("week", "3");
        values.put("weekday", "TH");
        JsonObject series = series().put("rrule", "FREQ=MONTHLY;BYDAY=2TU");
        assertThat(SeriesChangePages.rrule(series, values)).isEqualTo("FREQ=MONTHLY;BYDAY=3TH");
        // from Tuesday 12 January: the 3rd Thursday of January is the 21st
        assertThat(SeriesChangePages.firstDate(LocalDate.of(2027, 1, 12), values))
                .isEqualTo("2027-01-21");
        // from Friday 22 January: January's is past, so February's (the 18th)
        assertThat(SeriesChangePages.firstDate(LocalDate.of(2027, 1, 22), values))
                .isEqualTo("2027-02-18");
        values.put("week", "last");
        assertThat(SeriesChangePages.rrule(series, values)).isEqualTo("FREQ=MONTHLY;BYDAY=-1TH");
        assertThat(SeriesChangePages.firstDate(LocalDate.of(2027, 1, 12), values))
                .isEqualTo("2027-01-28");
        values.put("repeat", "weekly");
        assertThat(SeriesChangePages.rrule(series, values)).isEqualTo("FREQ=WEEKLY;BYDAY=TH");
        assertThat(SeriesChangePages.firstDate(LocalDate.of(2027, 1, 12), values))
                .isEqualTo("2027-01-14");

        Map<String, String> odd = new java.util.HashMap<>();
        SeriesChangePages.ruleValues("FREQ=MONTHLY;INTERVAL=2;BYDAY=2TU", odd);
        assertThat(odd).containsEntry("repeat", "keep");
        assertThat(SeriesChangePages.rrule(series.copy().put("rrule", "FREQ=MONTHLY;INTERVAL=2;BYDAY=2TU"), odd))
                .isEqualTo("FREQ=MONTHLY;INTERVAL=2;BYDAY=2TU");
    }

    @Test
    void aLotteryFromADateOnSendsItsDeadlineRuleAndTiersAndAFirstComeSeriesNoLotteryRules() {
        JsonObject series = series().put("rrule", "FREQ=MONTHLY;BYDAY=4TH")
                .put("kind", "workshop")
                .put("titleJa", "講座")
                .put("firstStart", "2026-12-24T10:00")
                .put("durationMinutes", 120)
                .put("allocation", "FIRST_COME")
                .put("applicationOpensDaysBefore", 30)
                .put("applicationClosesHoursBefore", 24);
        Map<String, String> values = SeriesChangePages.valuesOf(series);
        assertThat(values)
                .containsEntry("repeat", "monthly")
                .containsEntry("allocation", "FIRST_COME")
                .containsEntry("closesHoursBefore", "24");
        values.put("from", "2027-01-28");
        values.put("allocation", "LOTTERY");
        values.put("closesHoursBefore", "72");
        values.put("priorityTiers", "はじめての方、市内在住の方");
        values.put("oneWinPerMonth", "1");
        values.put("confirmationRequired", "1");
        values.put("confirmationHours", "0");
        Map<String, String> errors = SeriesChangePages.check(series, values, TODAY, Language.JA);
        assertThat(errors).containsOnlyKeys("confirmationHours");
        values.put("confirmationHours", "48");
        assertThat(SeriesChangePages.check(series, values, TODAY, Language.JA)).isEmpty();

        JsonObject request = SeriesChangePages.request(series, values);
        assertThat(request.getString("allocation")).isEqualTo("LOTTERY");
        assertThat(request.getInteger("applicationClosesHoursBefore")).isEqualTo(72);
        assertThat(request.getInteger("applicationOpensDaysBefore")).isEqualTo(30);
        assertThat(request.getJsonObject("lottery").getJsonArray("priorityTiers"))
                .containsExactly("はじめての方", "市内在住の方");
        assertThat(request.getJsonObject("lottery").getBoolean("oneWinPerMonth"))
                .isTrue();
        assertThat(request.getJsonObject("lottery").getInteger("confirmationHours"))
                .isEqualTo(48);
        assertThat(request.getString("firstStart")).isEqualTo("2027-01-28T10:00");

        values.put("allocation", "FIRST_COME");
        assertThat(SeriesChangePages.request(series, values).getValue("lottery"))
                .isNull();
    }

    @Test
    void theServicesRefusalsLandBesideTheFieldsTheyAreAbout() {
        assertThat(SeriesChangePages.fieldOf("rrule")).isEqualTo("repeat");
        assertThat(SeriesChangePages.fieldOf("applicationClosesHoursBefore")).isEqualTo("closesHoursBefore");
        assertThat(SeriesChangePages.fieldOf("lottery")).isEqualTo("allocation");
        assertThat(SeriesChangePages.fieldOf("lottery.priorityTiers")).isEqualTo("priorityTiers");
        assertThat(SeriesChangePages.fieldOf("occurrences[20270128T100000].applicationClosesAt"))
                .isEqualTo("closesHoursBefore");
        Map<String, String> refused = SeriesChangePages.refusals(
                new JsonObject()
                        .put(
                                "violations",
                                new JsonArray()
                                        .add(new JsonObject()
                                                .put("field", "applicationClosesHoursBefore")
                                                .put("code", "DEADLINE_REQUIRED")
                                                .put("message", "needed"))),
                Language.JA);
        assertThat(refused).containsEntry("closesHoursBefore", "申込締切の日時を入力してください。");
    }

    @Test
    void thePreviewSaysWhatHappensToEachDateInWords() {
        JsonObject preview = new JsonObject()
                .put(
                        "dates",
                        new JsonArray()
                                .add(new JsonObject()
                                        .put("change", "REMOVED")
                                        .put("sessionId", "s1")
                                        .put("startsBefore", "2027-01-12T01:00:00Z")
                                        .put("endsBefore", "2027-01-12T03:00:00Z"))
                                .add(new JsonObject()
                                        .put("change", "ADDED")
                                        .put("startsAfter", "2027-01-21T01:00:00Z")
                                        .put("endsAfter", "2027-01-21T03:00:00Z")));
        var lines = SeriesChangePages.affected(preview, Language.JA);
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0).after()).isEqualTo("—");
        assertThat(lines.get(0).what()).isEqualTo("中止（予約した方にお知らせ）");
        assertThat(lines.get(1).before()).isEqualTo("—");
        assertThat(lines.get(1).after()).contains("10:00");
        assertThat(lines.get(1).what()).isEqualTo("新しい日程");
    }
}
