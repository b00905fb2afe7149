package io.ibasho.event.rest;

import static io.ibasho.event.rest.TestData.cafe;
import static io.ibasho.event.rest.TestData.createPublished;
import static io.ibasho.event.rest.TestData.createVenue;
import static io.ibasho.event.rest.TestData.organiser1;
import static io.ibasho.event.rest.TestData.tokyo;
import static io.ibasho.event.rest.TestData.uniqueArea;
import static io.ibasho.event.rest.TestData.venue;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.lessThan;

import io.ibasho.event.schedule.TokyoTime;
import io.ibasho.testsupport.IbashoServers;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The check endpoints answer every mistake of a request at once, its syntax (Bean Validation's codes) with the rules
 * on what reads, and store nothing: a form sends what she typed once and shows all of it (ADR 0080 for the codes).
 */
@QuarkusTest
@WithTestResource(value = IbashoServers.class, initArgs = @ResourceArg(name = "database", value = "event"))
class RequestChecksTest {

    private static ValidatableResponse check(String path, Object body) {
        return given().auth()
                .oauth2(organiser1())
                .contentType(ContentType.JSON)
                .body(body)
                .post(path)
                .then()
                .log()
                .ifValidationFails();
    }

    @Test
    void aNewSessionWithATooLongTitleAndNoApplicationWindowIsToldBothAtOnce() {
        String venueId = createVenue(organiser1(), venue(uniqueArea(), "PUBLIC", false, List.of()));
        Map<String, Object> workshop = cafe(venueId, tokyo(20, 13, 30));
        workshop.put("kind", "workshop");
        workshop.put("allocation", "FIRST_COME");
        workshop.put("titleJa", "あ".repeat(201));
        // a capacity above the venue's 30 and childcare where the venue cannot host it: the rules', not the syntax's
        workshop.put("capacity", 40);

        check("/api/events/sessions/check", workshop)
                .statusCode(422)
                .contentType("application/problem+json")
                .body("type", equalTo("https://ibasho.example/problems/session-rules"))
                .body(
                        "violations.code",
                        hasItems(
                                "TITLE_JA_TOO_LONG",
                                "APPLICATION_OPENS_REQUIRED",
                                "DEADLINE_REQUIRED",
                                "CAPACITY_ABOVE_VENUE_CEILING"));
        // the saving endpoint stops at the syntax, as it always did
        given().auth()
                .oauth2(organiser1())
                .contentType(ContentType.JSON)
                .body(workshop)
                .post("/api/events/sessions")
                .then()
                .statusCode(400)
                .body("violations.code", equalTo(List.of("TITLE_JA_TOO_LONG")));
    }

    @Test
    void whatHerFormLeftOutIsSaidWithTheRulesOnTheRestAndNothingIsStored() {
        String venueId = createVenue(organiser1(), venue(uniqueArea(), "PUBLIC", false, List.of()));
        Map<String, Object> partial = new HashMap<>();
        partial.put("kind", "workshop");
        partial.put("venueId", venueId);
        partial.put("capacity", 40);
        partial.put("childcare", Map.of("offered", true)); // its ages and carers missing: its own syntax's mistake

        check("/api/events/sessions/check", partial)
                .statusCode(422)
                .body(
                        "violations.code",
                        hasItems(
                                "TITLE_JA_REQUIRED",
                                "STARTS_AT_REQUIRED",
                                "ENDS_AT_REQUIRED",
                                "CHILDCARE_AGES_AND_CARERS_REQUIRED",
                                "CAPACITY_ABOVE_VENUE_CEILING",
                                "DEADLINE_REQUIRED"));
        assertThat(atVenue(venueId)).isEmpty();
        // a kind and an allocation no form offers are said by their syntax, never a 500
        check("/api/events/sessions/check", Map.of("kind", "party", "allocation", "RAFFLE", "parts", List.of(Map.of())))
                .statusCode(lessThan(500))
                .body("violations.code", hasItems("KIND_INVALID", "ALLOCATION_INVALID", "PARTS_STARTS_AT_REQUIRED"));
        check("/api/events/sessions/check", Map.of())
                .statusCode(422)
                .body("violations.code", hasItems("KIND_REQUIRED", "TITLE_JA_REQUIRED", "STARTS_AT_REQUIRED"));
        // nothing to refuse: 204, and still nothing stored
        check("/api/events/sessions/check", cafe(venueId, tokyo(20, 13, 30))).statusCode(204);
        assertThat(atVenue(venueId)).isEmpty();
    }

    @Test
    void aChangeIsCheckedAgainstTheStoredSessionAndLeavesItAsItWas() {
        String venueId = createVenue(organiser1(), venue(uniqueArea(), "PUBLIC", false, List.of()));
        OffsetDateTime start = tokyo(20, 13, 30);
        String id = createPublished(organiser1(), cafe(venueId, start));
        Map<String, Object> change = cafe(venueId, start);
        change.put("titleJa", "");
        change.put("kind", "workshop"); // a published session keeps its kind
        change.put("capacity", 40);

        check("/api/events/sessions/" + id + "/check", change)
                .statusCode(422)
                .body("type", equalTo("https://ibasho.example/problems/kind-fixed-after-publish"))
                .body("violations.code", hasItems("TITLE_JA_REQUIRED"));
        change.put("kind", "cafe");
        check("/api/events/sessions/" + id + "/check", change)
                .statusCode(422)
                .body("type", equalTo("https://ibasho.example/problems/session-rules"))
                .body("violations.code", hasItems("TITLE_JA_REQUIRED", "CAPACITY_ABOVE_VENUE_CEILING"));
        given().auth()
                .oauth2(organiser1())
                .get("/api/events/sessions/" + id + "/manage")
                .then()
                .statusCode(200)
                .body("titleJa", equalTo("ウィメンズカフェ"))
                .body("capacity", equalTo(15))
                .body("sequence", equalTo(0));
    }

    @Test
    void aNewSeriesIsCheckedOnItsTemplateAndEveryDateItWouldMake() {
        String venueId = createVenue(organiser1(), venue(uniqueArea(), "PUBLIC", false, List.of()));
        LocalDate first = LocalDate.now(TokyoTime.ZONE).plusDays(10);
        Map<String, Object> series = new HashMap<>();
        series.put("rrule", "FREQ=WEEKLY");
        series.put("firstStart", first.atTime(10, 0).toString());
        series.put("durationMinutes", 120);
        series.put("count", 3);
        series.put("kind", "cafe");
        series.put("titleJa", "あ".repeat(201));
        series.put("venueId", venueId);
        series.put("capacity", 40);
        series.put("childcare", Map.of("minAgeYears", 0, "maxAgeYears", 6, "carers", 2, "deadlineHoursBefore", 48));

        check("/api/events/series/check", series)
                .statusCode(422)
                .body(
                        "violations.code",
                        hasItems("TITLE_JA_TOO_LONG", "CAPACITY_ABOVE_VENUE_CEILING", "CHILDCARE_VENUE_UNSUITABLE"));
        // a count or a rule its syntax refuses is said by it, never planned (and never a 500)
        Map<String, Object> noCount = new HashMap<>(series);
        noCount.put("count", 0);
        check("/api/events/series/check", noCount)
                .statusCode(lessThan(500))
                .body("violations.code", hasItems("COUNT_OUT_OF_RANGE", "TITLE_JA_TOO_LONG"));
        // nothing at all, as an empty repeat form sends it: every field's syntax, never a 500
        check("/api/events/series/check", Map.of())
                .statusCode(400)
                .body("violations.code", hasItems("RRULE_REQUIRED", "DURATION_MINUTES_REQUIRED", "KIND_REQUIRED"));
        // a schedule that does not read: the template's rules still come with the syntax
        series.remove("firstStart");
        series.put("kind", "workshop");
        check("/api/events/series/check", series)
                .statusCode(422)
                .body("violations.code", hasItems("FIRST_START_REQUIRED", "TITLE_JA_TOO_LONG"));
        given().auth()
                .oauth2(organiser1())
                .get("/api/events/series")
                .then()
                .statusCode(200)
                .body("findAll { it.venueId == '" + venueId + "' }.size()", equalTo(0));
    }

    /** Her sessions (drafts too) at the venue, from today on. */
    private static List<Object> atVenue(String venueId) {
        return given().auth()
                .oauth2(organiser1())
                .queryParam("size", 200)
                .queryParam("startsFrom", tokyo(0, 0, 0).toString())
                .get("/api/events/sessions/mine")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("findAll { it.venue?.id == '" + venueId + "' }.id");
    }
}
