package io.ibasho.event.rest;

import static io.ibasho.event.rest.TestData.SHELTER_ADDRESS;
import static io.ibasho.event.rest.TestData.createPublished;
import static io.ibasho.event.rest.TestData.createVenue;
import static io.ibasho.event.rest.TestData.organiser1;
import static io.ibasho.event.rest.TestData.organiser2;
import static io.ibasho.event.rest.TestData.tokyo;
import static io.ibasho.event.rest.TestData.uniqueArea;
import static io.ibasho.event.rest.TestData.venue;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.ibasho.testsupport.IbashoServers;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Parts of a session at different venues (Nagaoka's 第3部 met at another place): each part names a venue of the same
 * organisation, and the public page and the feeds show each part's place with that venue's address only when it is
 * public. Anything but a venue of her own organisation is a bad request.
 */
@QuarkusTest
@WithTestResource(value = IbashoServers.class, initArgs = @ResourceArg(name = "database", value = "event"))
class PartVenuesTest {
    private static final String PUBLIC_ADDRESS = "架空県ひなた市ひかり町1-1-1";

    private static Map<String, Object> part(String label, OffsetDateTime start, int from, int to, String venueId) {
        Map<String, Object> part = new HashMap<>();
        part.put("label", label);
        part.put("startsAt", start.plusMinutes(from).toString());
        part.put("endsAt", start.plusMinutes(to).toString());
        if (venueId != null) {
            part.put("venueId", venueId);
        }
        return part;
    }

    @Test
    void eachPartShowsItsOwnPlaceAndAHiddenAddressStaysHidden() {
        String hall = createVenue(organiser1(), venue(uniqueArea(), "PUBLIC", false, List.of()));
        String park = createVenue(organiser1(), venue(uniqueArea(), "PUBLIC", false, List.of()));
        String shelter = createVenue(organiser1(), venue(uniqueArea(), "NEVER", false, List.of()));
        String parkName =
                given().get("/api/events/venues/" + park).then().extract().path("nameJa");
        OffsetDateTime start = tokyo(33, 13, 0);
        Map<String, Object> session = TestData.cafe(hall, start);
        session.put(
                "parts",
                List.of(
                        part("1部", start, 0, 40, null),
                        part("2部", start, 45, 80, park),
                        part("3部", start, 85, 120, shelter)));
        String id = createPublished(organiser1(), session);

        given().get("/api/events/sessions/" + id)
                .then()
                .statusCode(200)
                .body("venue.id", equalTo(hall))
                .body("parts[0].venue", nullValue())
                .body("parts[1].venue.id", equalTo(park))
                .body("parts[1].venue.nameJa", equalTo(parkName))
                .body("parts[1].venue.address", equalTo(PUBLIC_ADDRESS))
                .body("parts[2].venue.id", equalTo(shelter))
                .body("parts[2].venue.address", nullValue());
        // the organiser reads back what she sent, so the staff screens can edit it
        given().auth()
                .oauth2(organiser1())
                .get("/api/events/sessions/" + id + "/manage")
                .then()
                .statusCode(200)
                .body("parts[1].venue.id", equalTo(park));

        // the park's calendar lists the session for its part there; the session's own venue names both other places
        String parkIcs = unfolded(given().get("/api/events/feeds/venues/" + park + ".ics")
                .then()
                .statusCode(200)
                .extract()
                .asString());
        assertThat(parkIcs).contains(id + "@ibasho").contains("2部").contains(parkName);
        String hallIcs = unfolded(given().get("/api/events/feeds/venues/" + hall + ".ics")
                .then()
                .statusCode(200)
                .extract()
                .asString());
        assertThat(hallIcs)
                .contains("2部 13:45-14:20 会場 / Venue: " + parkName + "\\, " + PUBLIC_ADDRESS)
                .contains("3部 14:25-15:00 会場 / Venue: ")
                .doesNotContain(SHELTER_ADDRESS);
        assertThat(unfolded(given().get("/api/events/feeds/venues/" + shelter + ".ics")
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString()))
                .contains(id + "@ibasho")
                .doesNotContain(SHELTER_ADDRESS);
    }

    @Test
    void aPartAtAVenueOfAnotherOrganisationOrNoneIsABadRequest() {
        String hall = createVenue(organiser1(), venue(uniqueArea(), "PUBLIC", false, List.of()));
        String theirs = createVenue(organiser2(), venue(uniqueArea(), "PUBLIC", false, List.of()));
        OffsetDateTime start = tokyo(34, 13, 0);
        for (String wrong : List.of(theirs, UUID.randomUUID().toString())) {
            Map<String, Object> session = TestData.cafe(hall, start);
            session.put("parts", List.of(part("1部", start, 0, 40, null), part("2部", start, 45, 80, wrong)));
            given().auth()
                    .oauth2(organiser1())
                    .contentType(ContentType.JSON)
                    .body(session)
                    .post("/api/events/sessions")
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("type", endsWith("/validation"))
                    .body("violations[0].field", equalTo("parts[1].venueId"))
                    .body("violations[0].code", equalTo("VENUE_UNKNOWN"));
        }
        // and on a change of a session she already has
        Map<String, Object> session = TestData.cafe(hall, start);
        String id = createPublished(organiser1(), session);
        session.put("parts", List.of(part("1部", start, 0, 120, theirs)));
        given().auth()
                .oauth2(organiser1())
                .contentType(ContentType.JSON)
                .body(session)
                .put("/api/events/sessions/" + id)
                .then()
                .statusCode(400)
                .body("violations[0].field", equalTo("parts[0].venueId"));
        given().get("/api/events/sessions/" + id).then().body("parts.size()", equalTo(0));
    }

    /** RFC 5545 folds long lines; the assertions read the text as a calendar app does. */
    private static String unfolded(String ics) {
        return ics.replace("\r\n ", "");
    }
}
