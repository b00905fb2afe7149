package io.ibasho.gateway.web.staff;

import static org.assertj.core.api.Assertions.assertThat;

import io.ibasho.gateway.web.Language;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A series with more dates than the event service makes ahead says, under its dates, how far they are made and that
 * the later ones come as time passes; one whose dates are all made says nothing more. Plain: no Quarkus.
 */
class SeriesLaterDatesTest {
    private static JsonObject series(String madeThrough, String next) {
        JsonObject s = new JsonObject()
                .put("id", "5e7c2a4e-4f8e-4d55-9d1b-0c6a3b7e9f10")
                .put("titleJa", "ひだまりカフェ")
                .put("venueId", "v1")
                .put("rrule", "FREQ=WEEKLY")
                .put("firstStart", "2026-12-13T10:00:00")
                .put("status", "draft")
                .put(
                        "occurrences",
                        new JsonArray()
                                .add(new JsonObject()
                                        .put("sessionId", "a1")
                                        .put("startsAt", "2026-12-13T10:00:00+09:00")
                                        .put("endsAt", "2026-12-13T12:00:00+09:00")
                                        .put("status", "draft")))
                .put("datesMadeThrough", madeThrough);
        return next == null ? s : s.put("nextDateToMake", next);
    }

    @Test
    void aSeriesLongerThanTheHorizonSaysHowFarItsDatesAreMade() {
        var block = SeriesPages.block(series("2027-03-05", "2027-03-07"), Map.of(), Language.JA);
        assertThat(block.later()).isEqualTo("いまつくってある日程は3月5日(金)までです。次の3月7日(日)からあとの日程は、日が近づくにつれて自動で追加されます。");
        assertThat(SeriesPages.block(series("2027-03-05", "2027-03-07"), Map.of(), Language.EN)
                        .later())
                .isEqualTo("Dates are made up to Fri 5 Mar. The next, Sun 7 Mar, and those after it are added"
                        + " automatically as their day comes nearer.");
    }

    @Test
    void aSeriesWhoseDatesAreAllMadeSaysNothingMore() {
        assertThat(SeriesPages.block(series("2027-03-05", null), Map.of(), Language.JA)
                        .later())
                .isNull();
        // an event service without the fields (an older one) is not guessed at
        assertThat(SeriesPages.later(null, null, Language.JA)).isNull();
    }

    @Test
    void theSeriesPageShowsItUnderTheDates() throws IOException {
        String page = Files.readString(Path.of("src/main/resources/templates/web/staff/series.html"));
        assertThat(page).contains("{#if b.later}").contains("{b.later}");
        assertThat(page.indexOf("{b.later}")).isGreaterThan(page.indexOf("</ol>"));
    }
}
