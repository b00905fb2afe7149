package io.ibasho.event.rest;

import static io.ibasho.event.rest.TestData.cafe;
import static io.ibasho.event.rest.TestData.createPublished;
import static io.ibasho.event.rest.TestData.createVenue;
import static io.ibasho.event.rest.TestData.eventOfType;
import static io.ibasho.event.rest.TestData.events;
import static io.ibasho.event.rest.TestData.organiser1;
import static io.ibasho.event.rest.TestData.tokyo;
import static io.ibasho.event.rest.TestData.uniqueArea;
import static io.ibasho.event.rest.TestData.venue;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;

import com.fasterxml.jackson.databind.JsonNode;
import io.ibasho.contracts.EventTypes;
import io.ibasho.event.schedule.TokyoTime;
import io.ibasho.testsupport.IbashoServers;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A session moved with its childcare deadline left as it was: the deadline keeps its distance before the start, and
 * EventChanged carries it to childcare-booking (which closes requests by it); a deadline changed in the same edit is
 * hers; a series changed from a date on counts each date's deadline back from its new start. Against real PostgreSQL,
 * Kafka and Keycloak; the rule itself is MovedChildcareDeadline's known-answer test.
 */
@QuarkusTest
@WithTestResource(value = IbashoServers.class, initArgs = @ResourceArg(name = "database", value = "event"))
class MovedSessionChildcareDeadlineTest {

    /** A published café with childcare (ages 0-6, two carers), requests until {@code daysBefore} days before. */
    private static Map<String, Object> cafeWithChildcare(String venueId, OffsetDateTime start, int daysBefore) {
        Map<String, Object> cafe = cafe(venueId, start);
        cafe.put(
                "childcare",
                Map.of(
                        "offered",
                        true,
                        "minAgeYears",
                        0,
                        "maxAgeYears",
                        6,
                        "carers",
                        2,
                        "deadline",
                        start.minusDays(daysBefore).withHour(17).toString()));
        return cafe;
    }

    private static JsonPath put(String id, Map<String, Object> request, int status) {
        return given().auth()
                .oauth2(organiser1())
                .contentType(ContentType.JSON)
                .body(request)
                .put("/api/events/sessions/" + id)
                .then()
                .log()
                .ifValidationFails()
                .statusCode(status)
                .extract()
                .jsonPath();
    }

    @Test
    void movedAWeekLaterItsChildcareDeadlineMovesAWeekLaterAndEventChangedSaysSo() {
        String venueId = createVenue(organiser1(), venue(uniqueArea(), "PUBLIC", true, List.of()));
        OffsetDateTime start = tokyo(20, 13, 30);
        Map<String, Object> cafe = cafeWithChildcare(venueId, start, 2);
        String id = createPublished(organiser1(), cafe);

        // the form sends the deadline back as it showed it; only the date moves
        Map<String, Object> moved = new HashMap<>(cafe);
        moved.put("startsAt", start.plusDays(7).toString());
        moved.put("endsAt", start.plusDays(7).plusHours(2).toString());
        JsonPath saved = put(id, moved, 200);

        OffsetDateTime expected = start.plusDays(5).withHour(17);
        assertThat(OffsetDateTime.parse(saved.getString("childcare.deadline"))).isEqualTo(expected);
        JsonNode changed = eventOfType(events(id, 2), EventTypes.EVENT_CHANGED).path("data");
        assertThat(changed.path("changed")).extracting(JsonNode::asText).contains("time", "childcare");
        assertThat(OffsetDateTime.parse(
                        changed.path("childcare").path("deadline").asText()))
                .isEqualTo(expected);
    }

    @Test
    void aDeadlineSheChangesWithTheMoveIsHersAndWithoutAMoveNothingFollows() {
        String venueId = createVenue(organiser1(), venue(uniqueArea(), "PUBLIC", true, List.of()));
        OffsetDateTime start = tokyo(20, 13, 30);
        Map<String, Object> cafe = cafeWithChildcare(venueId, start, 2);
        String id = createPublished(organiser1(), cafe);

        Map<String, Object> moved = new HashMap<>(cafe);
        moved.put("startsAt", start.plusDays(7).toString());
        moved.put("endsAt", start.plusDays(7).plusHours(2).toString());
        OffsetDateTime hers = start.plusDays(6).withHour(12);
        Map<String, Object> childcare = new HashMap<>(castMap(cafe.get("childcare")));
        childcare.put("deadline", hers.toString());
        moved.put("childcare", childcare);
        assertThat(OffsetDateTime.parse(put(id, moved, 200).getString("childcare.deadline")))
                .isEqualTo(hers);

        // a text changed, the time kept: the deadline stays where she put it
        moved.put("titleJa", "ウィメンズカフェ（お茶つき）");
        assertThat(OffsetDateTime.parse(put(id, moved, 200).getString("childcare.deadline")))
                .isEqualTo(hers);
    }

    @Test
    void movedSoNearThatTheDeadlineWouldHavePassedSheIsAskedForOneBesideIt() {
        String venueId = createVenue(organiser1(), venue(uniqueArea(), "PUBLIC", true, List.of()));
        OffsetDateTime start = tokyo(20, 13, 30);
        Map<String, Object> cafe = cafeWithChildcare(venueId, start, 5);
        String id = createPublished(organiser1(), cafe);

        Map<String, Object> nearer = new HashMap<>(cafe);
        nearer.put("startsAt", tokyo(2, 13, 30).toString());
        nearer.put("endsAt", tokyo(2, 15, 30).toString());
        given().auth()
                .oauth2(organiser1())
                .contentType(ContentType.JSON)
                .body(nearer)
                .put("/api/events/sessions/" + id)
                .then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("violations.field", hasItem("childcare.deadline"))
                .body("violations.code", hasItem("CHILDCARE_DEADLINE_PASSED_BY_MOVE"));
        String stillAt = given().auth()
                .oauth2(organiser1())
                .get("/api/events/sessions/" + id + "/manage")
                .then()
                .statusCode(200)
                .extract()
                .path("startsAt");
        assertThat(OffsetDateTime.parse(stillAt)).isEqualTo(start);
        // with a deadline of her own for the new date it moves
        Map<String, Object> childcare = new HashMap<>(castMap(cafe.get("childcare")));
        childcare.put("deadline", tokyo(1, 17, 0).toString());
        nearer.put("childcare", childcare);
        put(id, nearer, 200);
    }

    @Test
    void aSeriesChangedFromADateOnToAnotherTimeCountsEachDatesDeadlineBackFromItsNewStart() {
        String venueId = createVenue(organiser1(), venue(uniqueArea(), "PUBLIC", true, List.of()));
        LocalDate first = LocalDate.now(TokyoTime.ZONE).plusDays(7);
        Map<String, Object> series = new HashMap<>();
        series.put("rrule", "FREQ=WEEKLY");
        series.put("firstStart", first.atTime(10, 0).toString());
        series.put("durationMinutes", 120);
        series.put("count", 3);
        series.put("kind", "cafe");
        series.put("titleJa", "ひだまりカフェ");
        series.put("venueId", venueId);
        series.put("capacity", 15);
        series.put("childcare", Map.of("minAgeYears", 0, "maxAgeYears", 6, "carers", 2, "deadlineHoursBefore", 48));
        String seriesId = given().auth()
                .oauth2(organiser1())
                .contentType(ContentType.JSON)
                .body(series)
                .post("/api/events/series")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        List<String> ids = given().auth()
                .oauth2(organiser1())
                .post("/api/events/series/" + seriesId + "/publish")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("occurrences.sessionId");

        // from the second date on at 14:00
        LocalDate from = first.plusWeeks(1);
        Map<String, Object> later = new HashMap<>(series);
        later.put("firstStart", from.atTime(14, 0).toString());
        later.put("count", 2);
        given().auth()
                .oauth2(organiser1())
                .contentType(ContentType.JSON)
                .body(later)
                .post("/api/events/series/" + seriesId + "/from/" + from)
                .then()
                .log()
                .ifValidationFails()
                .statusCode(201);

        for (int i = 1; i <= 2; i++) {
            OffsetDateTime newStart =
                    from.plusWeeks(i - 1).atTime(14, 0).atZone(TokyoTime.ZONE).toOffsetDateTime();
            JsonPath date = given().auth()
                    .oauth2(organiser1())
                    .get("/api/events/sessions/" + ids.get(i) + "/manage")
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            assertThat(OffsetDateTime.parse(date.getString("startsAt"))).isEqualTo(newStart);
            assertThat(OffsetDateTime.parse(date.getString("childcare.deadline")))
                    .isEqualTo(newStart.minusHours(48));
            JsonNode changed =
                    eventOfType(events(ids.get(i), 2), EventTypes.EVENT_CHANGED).path("data");
            assertThat(OffsetDateTime.parse(
                            changed.path("childcare").path("deadline").asText()))
                    .isEqualTo(newStart.minusHours(48));
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Object map) {
        return (Map<String, Object>) map;
    }
}
