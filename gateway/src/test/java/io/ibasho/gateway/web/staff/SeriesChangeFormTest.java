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
                .add("capacity", "  ");
        Map<String, String> values = SeriesChangePages.valuesFrom(form);
        assertThat(values)
                .containsEntry("roomId", "")
                .containsEntry("capacity", "")
                .doesNotContainValue(null);

        Map<String, String> errors = SeriesChangePages.check(series(), values, TODAY, Language.JA);
        assertThat(errors).containsOnlyKeys("endTime");
        assertThat(errors.get("endTime")).isEqualTo("終了時刻は開始時刻より後にしてください。");
    }
}
