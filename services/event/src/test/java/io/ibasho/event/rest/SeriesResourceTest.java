package io.ibasho.event.rest;

import static io.ibasho.event.rest.TestData.createVenue;
import static io.ibasho.event.rest.TestData.eventOfType;
import static io.ibasho.event.rest.TestData.events;
import static io.ibasho.event.rest.TestData.organiser1;
import static io.ibasho.event.rest.TestData.organiser2;
import static io.ibasho.event.rest.TestData.uniqueArea;
import static io.ibasho.event.rest.TestData.venue;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.ibasho.contracts.EventTypes;
import io.ibasho.event.schedule.TokyoTime;
import io.ibasho.testsupport.IbashoServers;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** Series expansion and single-occurrence edits that survive series edits, against real PostgreSQL and Kafka. */
@QuarkusTest
@WithTestResource(value = IbashoServers.class, initArgs = @ResourceArg(name = "database", value = "event"))
class SeriesResourceTest {

    private static Map<String, Object> weeklyCafe(String venueId, LocalDateTime firstStart) {
        Map<String, Object> series = new HashMap<>();
        series.put("rrule", "FREQ=WEEKLY");
        series.put("firstStart", firstStart.toString());
        series.put("durationMinutes", 120);
        series.put("count", 4);
        series.put("kind", "cafe");
        series.put("titleJa", "ひだまりカフェ");
        series.put("titleEn", "Hidamari Café");
        series.put("venueId", venueId);
        series.put("roomId", "washitsu");
        series.put("capacity", 15);
        return series;
    }

    private static OffsetDateTime start(JsonPath series, int index) {
        return OffsetDateTime.parse(series.getString("occurrences[" + index + "].startsAt"));
    }

    @Test
    void aSeriesExpandsAndOneOccurrencesOwnEditsSurviveASeriesEdit() {
        String venueId = createVenue(organiser1(), venue(uniqueArea(), "PUBLIC", true, List.of()));
        LocalDate firstDay = LocalDate.now(TokyoTime.ZONE).plusDays(7);
        Map<String, Object> request = weeklyCafe(venueId, firstDay.atTime(10, 0));

        JsonPath created = given().auth().oauth2(organiser1()).contentType(ContentType.JSON).body(request).post("/api/events/series")
                .then().log().ifValidationFails().statusCode(201).body("status", equalTo("draft")).extract().jsonPath();
        String seriesId = created.getString("id");
        assertThat(created.getList("occurrences")).hasSize(4);
        for (int i = 0; i < 4; i++) {
            assertThat(start(created, i)).isEqualTo(firstDay.plusWeeks(i).atTime(10, 0).atZone(TokyoTime.ZONE).toOffsetDateTime());
            assertThat(created.getString("occurrences[" + i + "].status")).isEqualTo("draft");
        }
        assertThat(created.getString("occurrences[0].recurrenceId")).isEqualTo(firstDay.toString().replace("-", "") + "T100000");

        JsonPath published = given().auth().oauth2(organiser1()).post("/api/events/series/" + seriesId + "/publish")
                .then().statusCode(200).extract().jsonPath();
        assertThat(published.getList("occurrences.status")).containsOnly("published");
        List<String> ids = published.getList("occurrences.sessionId");
        given().get("/api/events/sessions/" + ids.get(0)).then().statusCode(200).body("seriesId", equalTo(seriesId));

        // occurrence 2 moves an hour later with fewer places; occurrence 3 is cancelled
        OffsetDateTime second = start(published, 1);
        Map<String, Object> moved = TestData.cafe(venueId, second.plusHours(1));
        moved.put("capacity", 5);
        given().auth().oauth2(organiser1()).contentType(ContentType.JSON).body(moved).put("/api/events/sessions/" + ids.get(1))
                .then().statusCode(200).body("occurrenceOverride", equalTo("CHANGED"));
        given().auth().oauth2(organiser1()).post("/api/events/sessions/" + ids.get(2) + "/cancel")
                .then().statusCode(200).body("occurrenceOverride", equalTo("CANCELLED"));

        // the series moves to 10:30, grows to 20 places and is renamed
        request.put("firstStart", firstDay.atTime(10, 30).toString());
        request.put("capacity", 20);
        request.put("titleJa", "ひだまりカフェ（冬）");
        JsonPath edited = given().auth().oauth2(organiser1()).contentType(ContentType.JSON).body(request)
                .put("/api/events/series/" + seriesId).then().log().ifValidationFails().statusCode(200).extract().jsonPath();

        Map<String, Map<String, Object>> byId = new HashMap<>();
        List<Map<String, Object>> occurrences = edited.getList("occurrences");
        occurrences.forEach(o -> byId.put((String) o.get("sessionId"), o));
        assertThat(occurrences).hasSize(4);

        for (int i : new int[] { 0, 3 }) {
            Map<String, Object> followed = byId.get(ids.get(i));
            assertThat(OffsetDateTime.parse((String) followed.get("startsAt")).toLocalTime()).isEqualTo(LocalTime.of(10, 30));
            assertThat(followed.get("capacity")).isEqualTo(20);
            assertThat(followed.get("titleJa")).isEqualTo("ひだまりカフェ（冬）");
            assertThat(followed.get("status")).isEqualTo("published");
            assertThat(followed.get("sequence")).isEqualTo(1);
            assertThat((String) followed.get("recurrenceId")).endsWith("T103000");
        }
        Map<String, Object> keptChange = byId.get(ids.get(1));
        assertThat(OffsetDateTime.parse((String) keptChange.get("startsAt")).isEqual(second.plusHours(1))).isTrue();
        assertThat(keptChange.get("capacity")).isEqualTo(5);
        assertThat(keptChange.get("titleJa")).isEqualTo("ウィメンズカフェ");
        assertThat(keptChange.get("override")).isEqualTo("CHANGED");
        assertThat(byId.get(ids.get(2)).get("status")).isEqualTo("cancelled");

        JsonNode changed = eventOfType(events(ids.get(0), 2), EventTypes.EVENT_CHANGED).path("data");
        assertThat(changed.path("changed")).extracting(JsonNode::asText).contains("time", "capacity", "title");
        assertThat(changed.path("seriesId").asText()).isEqualTo(seriesId);
        // the individually changed occurrence got only its own change, nothing from the series edit
        assertThat(events(ids.get(1), 3, java.time.Duration.ofSeconds(5))).hasSize(2);
    }

    @Test
    void aSeriesShorterThanBeforeCancelsTheOccurrencesItNoLongerHas() {
        String venueId = createVenue(organiser1(), venue(uniqueArea(), "PUBLIC", true, List.of()));
        Map<String, Object> request = weeklyCafe(venueId, LocalDate.now(TokyoTime.ZONE).plusDays(3).atTime(14, 0));
        request.put("roomId", "hall");
        String seriesId = given().auth().oauth2(organiser1()).contentType(ContentType.JSON).body(request).post("/api/events/series")
                .then().statusCode(201).extract().path("id");
        List<String> ids = given().auth().oauth2(organiser1()).post("/api/events/series/" + seriesId + "/publish")
                .then().statusCode(200).extract().path("occurrences.sessionId");

        request.put("count", 2);
        JsonPath edited = given().auth().oauth2(organiser1()).contentType(ContentType.JSON).body(request)
                .put("/api/events/series/" + seriesId).then().statusCode(200).extract().jsonPath();
        assertThat(edited.getList("occurrences.status")).containsExactly("published", "published", "cancelled", "cancelled");
        assertThat(eventOfType(events(ids.get(3), 2), EventTypes.EVENT_CANCELLED).path("data").path("sessionId").asText())
                .isEqualTo(ids.get(3));
    }

    @Test
    void badSeriesAreProblemsAndOtherOrganisationsSeriesAreNotFound() {
        String venueId = createVenue(organiser1(), venue(uniqueArea(), "PUBLIC", true, List.of()));
        Map<String, Object> request = weeklyCafe(venueId, LocalDate.now(TokyoTime.ZONE).plusDays(5).atTime(10, 0));

        Map<String, Object> hourly = new HashMap<>(request);
        hourly.put("rrule", "FREQ=HOURLY");
        given().auth().oauth2(organiser1()).contentType(ContentType.JSON).body(hourly).post("/api/events/series")
                .then().statusCode(422).body("type", containsString("/invalid-schedule"))
                .body("violations.code", hasItem("RRULE_UNSUPPORTED_FREQUENCY"));

        Map<String, Object> garbage = new HashMap<>(request);
        garbage.put("rrule", "EVERY SECOND TUESDAY");
        given().auth().oauth2(organiser1()).contentType(ContentType.JSON).body(garbage).post("/api/events/series")
                .then().statusCode(422).body("violations.field", hasItem("rrule"));

        Map<String, Object> workshop = new HashMap<>(request);
        workshop.put("kind", "workshop");
        given().auth().oauth2(organiser1()).contentType(ContentType.JSON).body(workshop).post("/api/events/series")
                .then().statusCode(400).body("violations.field", hasItem("kind"));

        String seriesId = given().auth().oauth2(organiser1()).contentType(ContentType.JSON).body(request).post("/api/events/series")
                .then().statusCode(201).extract().path("id");
        given().auth().oauth2(organiser2()).get("/api/events/series/" + seriesId).then().statusCode(404);
        given().auth().oauth2(organiser2()).post("/api/events/series/" + seriesId + "/publish").then().statusCode(404);
        // a second series in the same room at the same times is a double booking
        given().auth().oauth2(organiser1()).contentType(ContentType.JSON).body(request).post("/api/events/series")
                .then().statusCode(422).body("violations.code", hasItem("ROOM_DOUBLE_BOOKED"));
    }
}
