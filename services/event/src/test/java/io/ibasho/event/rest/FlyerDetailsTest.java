package io.ibasho.event.rest;

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
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.nullValue;

import io.ibasho.contracts.EventTypes;
import io.ibasho.event.schedule.TokyoTime;
import io.ibasho.testsupport.IbashoServers;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the flyers say (theme, 講師, 持ち物, 参加費): stored, public, copied by a series, announced as a change. */
@QuarkusTest
@WithTestResource(value = IbashoServers.class, initArgs = @ResourceArg(name = "database", value = "event"))
class FlyerDetailsTest {
    private static Map<String, Object> flyer(int feeYen) {
        Map<String, Object> flyer = new HashMap<>();
        flyer.put("descriptionJa", "アロマオイルで手をほぐします。");
        flyer.put("descriptionEn", "Ease your hands with aroma oils.");
        flyer.put("speakers", List.of(Map.of("name", "あおい（仮名）", "roleJa", "アロマセラピスト", "roleEn", "Aromatherapist")));
        flyer.put("bringJa", "タオル1枚");
        flyer.put("bringEn", "One towel");
        flyer.put("feeYen", feeYen);
        return flyer;
    }

    @Test
    void theFlyerIsPublicAndAChangeOfItIsAnnouncedAsADescriptionChange() {
        String venueId = createVenue(organiser1(), venue(uniqueArea(), "PUBLIC", false, List.of()));
        Map<String, Object> session = TestData.cafe(venueId, tokyo(30, 10, 0));
        session.put("flyer", flyer(500));
        String id = createPublished(organiser1(), session);

        given().get("/api/events/sessions/" + id)
                .then()
                .statusCode(200)
                .body("flyer.descriptionJa", equalTo("アロマオイルで手をほぐします。"))
                .body("flyer.speakers[0].name", equalTo("あおい（仮名）"))
                .body("flyer.speakers[0].roleJa", equalTo("アロマセラピスト"))
                .body("flyer.bringJa", equalTo("タオル1枚"))
                .body("flyer.feeYen", equalTo(500));

        session.put("flyer", flyer(0));
        given().auth()
                .oauth2(organiser1())
                .contentType(ContentType.JSON)
                .body(session)
                .put("/api/events/sessions/" + id)
                .then()
                .statusCode(200);
        given().get("/api/events/sessions/" + id).then().body("flyer.feeYen", equalTo(0));
        var changed = eventOfType(events(id, 2), EventTypes.EVENT_CHANGED).path("data");
        assertThat(changed.path("changed").toString()).contains("description");
        // Free text stays in the event service: the event says only that the description changed.
        assertThat(changed.toString()).doesNotContain("タオル").doesNotContain("あおい");

        session.remove("flyer");
        given().auth()
                .oauth2(organiser1())
                .contentType(ContentType.JSON)
                .body(session)
                .put("/api/events/sessions/" + id)
                .then()
                .statusCode(200);
        given().get("/api/events/sessions/" + id).then().body("flyer", nullValue());
    }

    @Test
    void badFlyerFieldsAreNamedInOneProblem() {
        String venueId = createVenue(organiser1(), venue(uniqueArea(), "PUBLIC", false, List.of()));
        Map<String, Object> session = TestData.cafe(venueId, tokyo(31, 10, 0));
        Map<String, Object> flyer = flyer(-1);
        flyer.put("bringJa", "あ".repeat(301));
        flyer.put("speakers", List.of(Map.of("name", " ")));
        session.put("flyer", flyer);
        given().auth()
                .oauth2(organiser1())
                .contentType(ContentType.JSON)
                .body(session)
                .post("/api/events/sessions")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body(
                        "violations.message",
                        hasItems(
                                "flyer feeYen cannot be negative (0 means free)",
                                "flyer bringJa is at most 300 characters",
                                "a speaker needs a name"));
    }

    @Test
    void aSeriesGivesEveryOccurrenceItsFlyer() {
        String venueId = createVenue(organiser1(), venue(uniqueArea(), "PUBLIC", true, List.of()));
        Map<String, Object> series = new HashMap<>();
        series.put("rrule", "FREQ=WEEKLY");
        series.put(
                "firstStart",
                LocalDate.now(TokyoTime.ZONE).plusDays(40).atTime(10, 0).toString());
        series.put("durationMinutes", 120);
        series.put("count", 2);
        series.put("kind", "cafe");
        series.put("titleJa", "ひだまりカフェ");
        series.put("venueId", venueId);
        series.put("roomId", "washitsu");
        series.put("capacity", 15);
        series.put("flyer", flyer(0));
        List<String> occurrences = given().auth()
                .oauth2(organiser1())
                .contentType(ContentType.JSON)
                .body(series)
                .post("/api/events/series")
                .then()
                .statusCode(201)
                .extract()
                .path("occurrences.sessionId");
        assertThat(occurrences).hasSize(2);
        for (String occurrence : occurrences) {
            given().auth()
                    .oauth2(organiser1())
                    .get("/api/events/sessions/" + occurrence + "/manage")
                    .then()
                    .statusCode(200)
                    .body("flyer.bringJa", equalTo("タオル1枚"))
                    .body("flyer.feeYen", equalTo(0));
        }
    }
}
