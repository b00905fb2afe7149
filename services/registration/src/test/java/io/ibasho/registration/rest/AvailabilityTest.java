package io.ibasho.registration.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.ibasho.registration.support.Api;
import io.ibasho.registration.support.LotterySessions;
import io.ibasho.registration.support.Sessions;
import io.ibasho.registration.support.TestAttendees;
import io.ibasho.testsupport.IbashoServers;
import io.ibasho.testsupport.Tokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The seat figures of the session cards (docs/adr/0086): a band for anybody, signed in or not, never a count; the
 * counts themselves for the organiser of the session's organisation only.
 */
@QuarkusTest
@WithTestResource(value = IbashoServers.class, initArgs = @ResourceArg(name = "database", value = "registration"))
class AvailabilityTest {
    static List<String> people;

    @BeforeAll
    static void people() {
        people = TestAttendees.create("availability", 3);
    }

    static Response availability(Object... sessionIds) {
        return given().queryParam("sessionId", List.of(sessionIds)).get("/api/registrations/availability");
    }

    static Response availabilityAs(String user, Object... sessionIds) {
        return given().auth()
                .oauth2(Tokens.accessToken(user))
                .queryParam("sessionId", List.of(sessionIds))
                .get("/api/registrations/availability");
    }

    static Response seatCounts(String user, Object... sessionIds) {
        return given().auth()
                .oauth2(Tokens.accessToken(user))
                .queryParam("sessionId", List.of(sessionIds))
                .get("/api/registrations/seat-counts");
    }

    static void known(UUID session) {
        await().atMost(Duration.ofSeconds(30))
                .until(() -> availability(session).jsonPath().getList("$").size() == 1);
    }

    @Test
    void oneBookingOnAnEmptySessionChangesNothingAnybodyButHerOrganiserSees() {
        UUID workshop = Sessions.published(12);
        UUID unknown = UUID.randomUUID();
        known(workshop);
        String anonymousBefore = availability(workshop, unknown).asString();
        String attendeeBefore = availabilityAs(people.get(1), workshop).asString();

        Api.bookOnceKnown(people.get(0), workshop).then().statusCode(201);

        availability(workshop, unknown)
                .then()
                .statusCode(200)
                .header("Cache-Control", containsString("max-age=10"))
                .body("$", hasSize(1))
                .body("[0].sessionId", equalTo(workshop.toString()))
                .body("[0].allocation", equalTo("FIRST_COME"))
                .body("[0].capacity", equalTo(12))
                .body("[0].seats", equalTo("AVAILABLE"))
                .body(
                        "[0].keySet()",
                        equalTo(Set.of("sessionId", "allocation", "capacity", "seats", "applicationClosesAt")));
        assertThat(availability(workshop, unknown).asString())
                .as("anybody's answer is byte for byte the one before her booking")
                .isEqualTo(anonymousBefore)
                // no count of the 11 seats left as a JSON value (the session's random id may hold the digits "11")
                .doesNotContainPattern(":\\s*11\\s*[,}\\]]")
                .doesNotContain("seatsLeft")
                .doesNotContain("applications");
        assertThat(availabilityAs(people.get(1), workshop).asString())
                .as("another attendee's answer too")
                .isEqualTo(attendeeBefore);
        assertThat(availabilityAs(people.get(0), workshop).asString())
                .as("and her own: the band, not a number")
                .isEqualTo(attendeeBefore);

        // her organiser, and only hers, sees the count
        seatCounts("organiser1", workshop, unknown)
                .then()
                .statusCode(200)
                .body("$", hasSize(1))
                .body("[0].sessionId", equalTo(workshop.toString()))
                .body("[0].capacity", equalTo(12))
                .body("[0].seatsLeft", equalTo(11))
                .body("[0].applications", nullValue());
        seatCounts("organiser2", workshop).then().statusCode(200).body("$", hasSize(0));
        seatCounts(people.get(0), workshop).then().statusCode(403);
        given().queryParam("sessionId", workshop)
                .get("/api/registrations/seat-counts")
                .then()
                .statusCode(401);
        seatCounts("organiser1", "not-a-session")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("type", containsString("invalid-session-ids"));
    }

    @Test
    void theBandsAreAvailableThenFewThenFullWithTheWaitlistOpen() {
        UUID small = Sessions.published(4); // few at 2 left or fewer (docs/adr/0086)
        known(small);
        availability(small).then().body("[0].seats", equalTo("AVAILABLE"));
        Api.bookOnceKnown(people.get(0), small).then().statusCode(201);
        availability(small).then().body("[0].seats", equalTo("AVAILABLE"));
        Api.bookOnceKnown(people.get(1), small).then().statusCode(201);
        availability(small).then().body("[0].seats", equalTo("FEW"));
        seatCounts("organiser1", small).then().body("[0].seatsLeft", equalTo(2));
        Api.bookOnceKnown(people.get(2), small).then().statusCode(201);
        availability(small).then().body("[0].seats", equalTo("FEW"));

        UUID single = Sessions.published(1);
        Api.bookOnceKnown(people.get(0), single).then().statusCode(201);
        availability(single).then().body("[0].seats", equalTo("FULL"));
        // what the band shows never changes who gets a seat: a full session still takes her on its waitlist
        Api.book(people.get(1), single, "next").then().statusCode(409).body("type", containsString("session-full"));
    }

    @Test
    void aLotteryShowsNoApplicationCountBeforeTheDrawExceptToItsOrganiser() {
        UUID lottery =
                LotterySessions.lottery(2, OffsetDateTime.now(ZoneOffset.UTC).plusDays(1), "{\"priority\":[]}");
        known(lottery);
        String before = availability(lottery).asString();
        String infoBefore = given().get("/api/registrations/sessions/" + lottery + "/lottery")
                .then()
                .statusCode(200)
                .body("applications", nullValue())
                .extract()
                .asString();
        for (String person : people.subList(0, 2)) {
            given().auth()
                    .oauth2(Tokens.accessToken(person))
                    .contentType(ContentType.JSON)
                    .body(Map.of("nickname", person))
                    .post("/api/registrations/sessions/" + lottery + "/applications")
                    .then()
                    .statusCode(201);
        }

        availability(lottery)
                .then()
                .statusCode(200)
                .body("[0].allocation", equalTo("LOTTERY"))
                .body("[0].capacity", equalTo(2))
                .body("[0].seats", nullValue())
                .body("[0].applicationClosesAt", notNullValue());
        assertThat(availability(lottery).asString()).isEqualTo(before);
        assertThat(given().get("/api/registrations/sessions/" + lottery + "/lottery")
                        .asString())
                .as("the public lottery facts do not move with an application")
                .isEqualTo(infoBefore);
        assertThat(given().auth()
                        .oauth2(Tokens.accessToken(people.get(0)))
                        .get("/api/registrations/sessions/" + lottery + "/lottery")
                        .asString())
                .as("nor for a woman who applied")
                .isEqualTo(infoBefore);
        seatCounts("organiser1", lottery)
                .then()
                .statusCode(200)
                .body("[0].applications", equalTo(2))
                .body("[0].seatsLeft", nullValue());
        seatCounts("organiser2", lottery).then().statusCode(200).body("$", hasSize(0));
    }

    @Test
    void idsThatAreNotSessionIdsOrTooManyAreRefused() {
        availability("not-a-session")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("type", containsString("invalid-session-ids"));
        availability(Collections.nCopies(51, UUID.randomUUID()).toArray())
                .then()
                .statusCode(400)
                .body("type", containsString("invalid-session-ids"));
        given().get("/api/registrations/availability").then().statusCode(200).body("$", hasSize(0));
    }
}
