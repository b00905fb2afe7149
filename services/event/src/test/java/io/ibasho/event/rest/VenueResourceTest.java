package io.ibasho.event.rest;

import static io.ibasho.event.rest.TestData.ATTENDEES_ADDRESS;
import static io.ibasho.event.rest.TestData.SHELTER_ADDRESS;
import static io.ibasho.event.rest.TestData.createVenue;
import static io.ibasho.event.rest.TestData.organiser1;
import static io.ibasho.event.rest.TestData.organiser2;
import static io.ibasho.event.rest.TestData.uniqueArea;
import static io.ibasho.event.rest.TestData.venue;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.JsonNode;
import io.ibasho.contracts.EventTypes;
import io.ibasho.testsupport.IbashoServers;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Venues against real PostgreSQL and Keycloak: CRUD in one's own organisation, and addresses only where allowed. */
@QuarkusTest
@WithTestResource(value = IbashoServers.class, initArgs = @ResourceArg(name = "database", value = "event"))
class VenueResourceTest {

    @Test
    void anOrganiserCreatesReadsUpdatesAndDeletesAVenue() {
        String area = uniqueArea();
        String id = createVenue(organiser1(), venue(area, "PUBLIC", true, List.of("tsubomi")));

        given().auth()
                .oauth2(organiser1())
                .get("/api/events/venues/" + id + "/manage")
                .then()
                .statusCode(200)
                .body("organisationId", equalTo("hinata"))
                .body("addressVisibility", equalTo("PUBLIC"))
                .body("rooms.id", hasItem("washitsu"))
                .body("partnerGroups", equalTo(List.of("tsubomi")));
        given().auth()
                .oauth2(organiser1())
                .get("/api/events/venues/mine")
                .then()
                .statusCode(200)
                .body("id", hasItem(id));

        Map<String, Object> changed = venue(area, "ATTENDEES_ONLY", false, List.of());
        changed.put("nameJa", "ひだまりホール（新館）");
        given().auth()
                .oauth2(organiser1())
                .contentType(ContentType.JSON)
                .body(changed)
                .put("/api/events/venues/" + id)
                .then()
                .statusCode(200)
                .body("nameJa", equalTo("ひだまりホール（新館）"))
                .body("addressVisibility", equalTo("ATTENDEES_ONLY"))
                .body("canHostChildcare", equalTo(false));

        given().auth()
                .oauth2(organiser1())
                .delete("/api/events/venues/" + id)
                .then()
                .statusCode(204);
        given().get("/api/events/venues/" + id).then().statusCode(404).contentType("application/problem+json");
    }

    /**
     * Notification learns which partner groups may follow a venue (and hear about it) from VenueChanged, written with
     * every save and the deletion: a group linked to a new venue may follow it before any session is published there,
     * and a group unlinked hears nothing more. Ids and states only: never the address or the names.
     */
    @Test
    void everySaveAndTheDeletionAnnounceTheVenuesPartnerGroups() {
        String id = createVenue(organiser1(), venue(uniqueArea(), "ATTENDEES_ONLY", true, List.of("tsubomi")));
        given().auth()
                .oauth2(organiser1())
                .contentType(ContentType.JSON)
                .body(venue(uniqueArea(), "ATTENDEES_ONLY", true, List.of("himawari")))
                .put("/api/events/venues/" + id)
                .then()
                .statusCode(200);
        given().auth()
                .oauth2(organiser1())
                .delete("/api/events/venues/" + id)
                .then()
                .statusCode(204);

        List<JsonNode> events = TestData.events(id, 3);
        assertThat(events).allSatisfy(event -> {
            assertThat(event.path("type").asText()).isEqualTo(EventTypes.VENUE_CHANGED);
            assertThat(event.path("subject").asText()).isEqualTo(id);
            assertThat(event.path("dataschema").asText()).isEqualTo(EventTypes.schemaOf(EventTypes.VENUE_CHANGED));
            assertThat(event.path("data").path("venueId").asText()).isEqualTo(id);
            assertThat(event.path("data").path("organisationId").asText()).isEqualTo("hinata");
            assertThat(event.path("data").fieldNames())
                    .toIterable()
                    .containsExactlyInAnyOrder("venueId", "organisationId", "partnerGroups", "deleted");
            assertThat(event.toString()).doesNotContain(ATTENDEES_ADDRESS);
        });
        assertThat(events.stream().map(e -> e.path("data").path("partnerGroups").toString()))
                .containsExactly("[\"tsubomi\"]", "[\"himawari\"]", "[]");
        assertThat(events.stream().map(e -> e.path("data").path("deleted").asBoolean()))
                .containsExactly(false, false, true);
    }

    /**
     * A venue's area in English is optional and shown wherever the area is: the venue, the organiser's view, and the
     * sessions held there (the public list and a session's page), so English pages need not show the Japanese one.
     */
    @Test
    void aVenuesAreaInEnglishIsKeptAndShownWithItsSessions() {
        String area = uniqueArea();
        Map<String, Object> hall = venue(area, "PUBLIC", false, List.of());
        hall.put("areaEn", "  Hinata Ward ");
        String id = createVenue(organiser1(), hall);
        String session = TestData.createPublished(organiser1(), TestData.cafe(id, TestData.tokyo(12, 10, 0)));

        given().get("/api/events/venues/" + id)
                .then()
                .statusCode(200)
                .body("area", equalTo(area))
                .body("areaEn", equalTo("Hinata Ward"));
        given().auth()
                .oauth2(organiser1())
                .get("/api/events/venues/" + id + "/manage")
                .then()
                .statusCode(200)
                .body("areaEn", equalTo("Hinata Ward"));
        given().get("/api/events/sessions/" + session)
                .then()
                .statusCode(200)
                .body("venue.area", equalTo(area))
                .body("venue.areaEn", equalTo("Hinata Ward"));
        // the public list's filter is the Japanese area, the one every venue has
        given().queryParam("area", area)
                .get("/api/events/sessions")
                .then()
                .statusCode(200)
                .body("id", hasItem(session))
                .body("venue.areaEn", hasItem("Hinata Ward"));

        // left blank, there is none: pages show the Japanese area
        hall.put("areaEn", " ");
        given().auth()
                .oauth2(organiser1())
                .contentType(ContentType.JSON)
                .body(hall)
                .put("/api/events/venues/" + id)
                .then()
                .statusCode(200)
                .body("areaEn", nullValue());

        // too long: a validation problem whose violation names the field and carries its derived code
        hall.put("areaEn", "x".repeat(101));
        given().auth()
                .oauth2(organiser1())
                .contentType(ContentType.JSON)
                .body(hall)
                .put("/api/events/venues/" + id)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", equalTo(List.of("areaEn")))
                .body("violations.code", equalTo(List.of("AREA_EN_TOO_LONG")));
    }

    @Test
    void anotherOrganisationsVenueIsNotFound() {
        String id = createVenue(organiser1(), venue(uniqueArea(), "NEVER", true, List.of()));
        given().auth()
                .oauth2(organiser2())
                .get("/api/events/venues/" + id + "/manage")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        given().auth()
                .oauth2(organiser2())
                .contentType(ContentType.JSON)
                .body(venue("x", "PUBLIC", false, List.of()))
                .put("/api/events/venues/" + id)
                .then()
                .statusCode(404);
        given().auth()
                .oauth2(organiser2())
                .delete("/api/events/venues/" + id)
                .then()
                .statusCode(404);
        given().auth()
                .oauth2(organiser2())
                .get("/api/events/venues/mine")
                .then()
                .statusCode(200)
                .body("id", not(hasItem(id)));
        // still there for its own organisation
        given().auth()
                .oauth2(organiser1())
                .get("/api/events/venues/" + id + "/manage")
                .then()
                .statusCode(200)
                .body("address", equalTo(SHELTER_ADDRESS));
    }

    @Test
    void thePublicNeverSeesAnAddressThatIsNotPublic() {
        String area = uniqueArea();
        String shelter = createVenue(organiser1(), venue(area, "NEVER", true, List.of()));
        String attendeesOnly = createVenue(organiser1(), venue(area, "ATTENDEES_ONLY", true, List.of()));
        String open = createVenue(organiser1(), venue(area, "PUBLIC", true, List.of()));

        given().get("/api/events/venues/" + shelter)
                .then()
                .statusCode(200)
                .body("address", nullValue())
                .body("area", equalTo(area));
        given().get("/api/events/venues/" + attendeesOnly)
                .then()
                .statusCode(200)
                .body("address", nullValue());
        given().get("/api/events/venues/" + open).then().statusCode(200).body("address", equalTo("架空県ひなた市ひかり町1-1-1"));

        String list = given().queryParam("area", area)
                .get("/api/events/venues")
                .then()
                .statusCode(200)
                .body("id", hasItem(shelter))
                .extract()
                .asString();
        assertThat(list)
                .doesNotContain(SHELTER_ADDRESS)
                .doesNotContain(ATTENDEES_ADDRESS)
                .doesNotContain("partnerGroups")
                .doesNotContain("addressVisibility");
    }

    @Test
    void aVenueInUseCannotBeDeleted() {
        String id = createVenue(organiser1(), venue(uniqueArea(), "PUBLIC", false, List.of()));
        TestData.createSession(organiser1(), TestData.cafe(id, TestData.tokyo(20, 10, 0)));
        given().auth()
                .oauth2(organiser1())
                .delete("/api/events/venues/" + id)
                .then()
                .statusCode(409)
                .body("type", containsString("venue-in-use"));
    }

    @Test
    void badVenuesAreProblemsWithWhatToFix() {
        Map<String, Object> bad = venue(uniqueArea(), "SOMETIMES", false, List.of("Not A Group"));
        bad.put("capacityCeiling", 0);
        bad.put("rooms", List.of(Map.of("id", "a", "nameJa", "A"), Map.of("id", "a", "nameJa", "B")));
        given().auth()
                .oauth2(organiser1())
                .contentType(ContentType.JSON)
                .body(bad)
                .post("/api/events/venues")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", hasItem("addressVisibility"))
                .body("violations.field", hasItem("capacityCeiling"))
                .body("violations.field", hasItem("roomIdsUnique"));
        given().contentType(ContentType.JSON)
                .body(venue("x", "PUBLIC", false, List.of()))
                .post("/api/events/venues")
                .then()
                .statusCode(401);
        given().auth()
                .oauth2(io.ibasho.testsupport.Tokens.accessToken("hana"))
                .contentType(ContentType.JSON)
                .body(venue("x", "PUBLIC", false, List.of()))
                .post("/api/events/venues")
                .then()
                .statusCode(403);
    }
}
