package io.ibasho.registration.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ibasho.contracts.EventTypes;
import io.ibasho.contracts.Topics;
import io.ibasho.registration.support.Api;
import io.ibasho.registration.support.MovableClock;
import io.ibasho.registration.support.Sessions;
import io.ibasho.registration.support.TestAttendees;
import io.ibasho.testsupport.IbashoServers;
import io.ibasho.testsupport.KafkaTopicReader;
import io.ibasho.testsupport.Tokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The waitlist: order, offers on a freed seat, accept, decline, expiry, raised capacity. */
@QuarkusTest
@WithTestResource(value = IbashoServers.class, initArgs = @ResourceArg(name = "database", value = "registration"))
class WaitlistTest {
    static String a, b, c;
    private final ObjectMapper json = new ObjectMapper();

    @Inject
    MovableClock clock;

    @AfterEach
    void clockBack() {
        clock.reset(); // the other test classes share the application and its clock
    }

    @BeforeAll
    static void people() {
        List<String> people = TestAttendees.create("waitlist", 3);
        a = people.get(0);
        b = people.get(1);
        c = people.get(2);
    }

    static UUID id(Map<String, Object> registration) {
        return UUID.fromString((String) registration.get("id"));
    }

    @Test
    void theWaitlistIsInOrderAndAFreedSeatGoesDownItAsOffers() throws Exception {
        UUID sessionId = Sessions.published(1);
        UUID aBooking = UUID.fromString(
                Api.bookOnceKnown(a, sessionId).then().statusCode(201).extract().path("id"));
        Api.joinWaitlist(b, sessionId)
                .then()
                .statusCode(201)
                .body("status", equalTo("waitlisted"))
                .body("position", equalTo(1))
                .body("waitlistReason", equalTo("FULL"));
        Api.joinWaitlist(c, sessionId).then().statusCode(201).body("position", equalTo(2));
        Api.joinWaitlist(c, sessionId).then().statusCode(409).body("type", containsString("already-registered"));
        Api.book("hana", sessionId, "hana").then().statusCode(409).body("type", containsString("session-full"));

        Api.mine(a, aBooking, "cancel")
                .then()
                .statusCode(200)
                .body("status", equalTo("cancelled"))
                .body("cancelledBy", equalTo("ATTENDEE"));
        Map<String, Object> offerToB = Api.myRegistration(b, sessionId);
        assertThat(offerToB.get("status")).isEqualTo("offered");
        assertThat(offerToB.get("offerReason"))
                .as("a seat freed for her, not a lottery win")
                .isEqualTo("SEAT_FREED");
        OffsetDateTime expires = OffsetDateTime.parse((String) offerToB.get("offerExpiresAt"));
        assertThat(expires)
                .isBetween(
                        OffsetDateTime.now(ZoneOffset.UTC).plusHours(23),
                        OffsetDateTime.now(ZoneOffset.UTC).plusHours(25));
        assertThat(Api.myRegistration(c, sessionId).get("position")).isEqualTo(1);
        // the held seat is not up for grabs
        Api.book(a, sessionId, a).then().statusCode(409).body("type", containsString("session-full"));

        Api.mine(b, id(offerToB), "decline")
                .then()
                .statusCode(200)
                .body("status", equalTo("expired"))
                .body("cancelledBy", equalTo("ATTENDEE"));
        Map<String, Object> offerToC = Api.myRegistration(c, sessionId);
        assertThat(offerToC.get("status")).isEqualTo("offered");
        Api.mine(c, id(offerToC), "accept")
                .then()
                .statusCode(200)
                .body("status", equalTo("confirmed"))
                .body("bookingCode", org.hamcrest.Matchers.matchesPattern("[23456789ABCDEFGHJKMNPQRSTWXYZ]{8}"));
        Api.mine(c, id(offerToC), "accept").then().statusCode(409).body("type", containsString("no-open-offer"));
        Api.roster("organiser1", sessionId)
                .then()
                .statusCode(200)
                .body("confirmed", equalTo(1))
                .body("seatsTaken", equalTo(1));

        var records = KafkaTopicReader.awaitRecords(
                Topics.REGISTRATION_LIFECYCLE, r -> sessionId.toString().equals(r.key()), 8, Duration.ofSeconds(30));
        List<String> types =
                records.stream().map(r -> read(r.value()).path("type").asText()).toList();
        assertThat(types)
                .containsExactly(
                        EventTypes.REGISTRATION_CONFIRMED,
                        EventTypes.WAITLISTED,
                        EventTypes.WAITLISTED,
                        EventTypes.REGISTRATION_CANCELLED,
                        EventTypes.SEAT_OFFERED,
                        EventTypes.OFFER_EXPIRED,
                        EventTypes.SEAT_OFFERED,
                        EventTypes.REGISTRATION_CONFIRMED);
        JsonNode secondWaitlisted = read(records.get(2).value()).path("data");
        assertThat(secondWaitlisted.path("position").asInt()).isEqualTo(2);
        assertThat(secondWaitlisted.path("reason").asText()).isEqualTo("FULL");
        assertThat(read(records.get(4).value())
                        .path("data")
                        .path("offerExpiresAt")
                        .asText())
                .isNotEmpty();
        assertThat(read(records.get(5).value()).path("data").path("declined").asBoolean())
                .isTrue();
        records.forEach(r -> assertThat(r.value())
                .doesNotContain("\"nickname\"")
                .doesNotContain(a)
                .doesNotContain(c));
    }

    /**
     * The organiser's dashboard and session pages: how many wait, the offers out and the confirmed seats, counts only,
     * her organisation only.
     */
    @Test
    void theOrganiserSeesHowManyWaitAndTheOffersOutAsCountsOnly() {
        UUID sessionId = Sessions.published(1);
        UUID aBooking = UUID.fromString(
                Api.bookOnceKnown(a, sessionId).then().statusCode(201).extract().path("id"));
        Api.joinWaitlist(b, sessionId).then().statusCode(201);
        Api.joinWaitlist(c, sessionId).then().statusCode(201);
        UUID quiet = Sessions.published(5);
        UUID unknown = UUID.randomUUID();
        await().atMost(Duration.ofSeconds(30))
                .until(() -> waitlistCounts("organiser1", quiet)
                                .jsonPath()
                                .getList("$")
                                .size()
                        == 1);
        waitlistCounts("organiser1", sessionId, quiet, unknown)
                .then()
                .statusCode(200)
                .body("$", org.hamcrest.Matchers.hasSize(2)) // in the order asked; the unknown id is left out
                .body("[0].sessionId", equalTo(sessionId.toString()))
                .body("[0].waiting", equalTo(2))
                .body("[0].offersOut", equalTo(0))
                .body("[0].firstOfferExpiresAt", org.hamcrest.Matchers.nullValue())
                .body("[0].confirmed", equalTo(1))
                .body("[0].applied", equalTo(0))
                .body("[1].sessionId", equalTo(quiet.toString()))
                .body("[1].waiting", equalTo(0))
                .body("[1].offersOut", equalTo(0))
                .body("[1].confirmed", equalTo(0));

        Api.mine(a, aBooking, "cancel").then().statusCode(200);
        String counts = waitlistCounts("organiser1", sessionId)
                .then()
                .statusCode(200)
                .body("[0].waiting", equalTo(1))
                .body("[0].offersOut", equalTo(1))
                .body("[0].firstOfferExpiresAt", org.hamcrest.Matchers.notNullValue())
                .body("[0].confirmed", equalTo(0))
                .extract()
                .asString();
        assertThat(counts).doesNotContain(a).doesNotContain(b).doesNotContain(c).doesNotContain("nickname");
        // another organisation's organiser learns nothing, not even that the session exists
        waitlistCounts("organiser2", sessionId).then().statusCode(200).body("$", org.hamcrest.Matchers.hasSize(0));
        given().auth()
                .oauth2(Tokens.accessToken(a))
                .queryParam("sessionId", sessionId)
                .get("/api/registrations/waitlist-counts")
                .then()
                .statusCode(403);
        given().auth()
                .oauth2(Tokens.accessToken("organiser1"))
                .queryParam("sessionId", "not-an-id")
                .get("/api/registrations/waitlist-counts")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
    }

    private static io.restassured.response.Response waitlistCounts(String organiser, Object... sessionIds) {
        return given().auth()
                .oauth2(Tokens.accessToken(organiser))
                .queryParam("sessionId", List.of(sessionIds))
                .get("/api/registrations/waitlist-counts");
    }

    @Test
    void joiningTheWaitlistOfASessionWithFreeSeatsIsRefused() {
        UUID sessionId = Sessions.published(2);
        Api.bookOnceKnown(a, sessionId).then().statusCode(201);
        Api.joinWaitlist(b, sessionId)
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("type", containsString("seats-available"));
    }

    @Test
    void aRaisedCapacityOffersTheNewSeatToTheNextInLine() {
        OffsetDateTime start = OffsetDateTime.now(ZoneOffset.UTC).plusDays(3);
        UUID sessionId = Sessions.published(1, start);
        Api.bookOnceKnown(a, sessionId).then().statusCode(201);
        Api.joinWaitlist(b, sessionId).then().statusCode(201);
        Sessions.capacityChanged(sessionId, 2, 1, start);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> "offered".equals(Api.myRegistration(b, sessionId).get("status")));
    }

    @Test
    void anUnansweredOfferLapsesAndPassesOnAndCloseToTheStartTheHoldIsShort() {
        // starts in 40 s: the hold is at most half the time left (about 20 s), not 24 h
        UUID sessionId =
                Sessions.published(1, OffsetDateTime.now(ZoneOffset.UTC).plusSeconds(40));
        UUID aBooking = UUID.fromString(
                Api.bookOnceKnown(a, sessionId).then().statusCode(201).extract().path("id"));
        Api.joinWaitlist(b, sessionId).then().statusCode(201);
        Api.joinWaitlist(c, sessionId).then().statusCode(201);
        given().auth()
                .oauth2(Tokens.accessToken("organiser1"))
                .contentType(ContentType.JSON)
                .body(Map.of("reason", "OTHER"))
                .post("/api/registrations/sessions/" + sessionId + "/registrations/" + aBooking + "/cancel")
                .then()
                .statusCode(200)
                .body("cancelledBy", equalTo("ORGANISER"));
        Map<String, Object> offer = Api.myRegistration(b, sessionId);
        assertThat(offer.get("status")).isEqualTo("offered");
        assertThat(OffsetDateTime.parse((String) offer.get("offerExpiresAt")))
                .isBefore(OffsetDateTime.now(ZoneOffset.UTC).plusSeconds(21));

        // her hold passes on the service's clock, not the wall's: the expiry job (every second in tests) then finds it
        clock.moveTo(OffsetDateTime.parse((String) offer.get("offerExpiresAt")).plusSeconds(1));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> "offered".equals(Api.myRegistration(c, sessionId).get("status")));
        assertThat(Api.myRegistration(b, sessionId).get("status")).isEqualTo("expired");
        Api.mine(b, id(offer), "accept").then().statusCode(409).body("type", containsString("no-open-offer"));
        Api.mine(c, id(Api.myRegistration(c, sessionId)), "accept")
                .then()
                .statusCode(200)
                .body("status", equalTo("confirmed"));
        Api.roster("organiser1", sessionId).then().body("confirmed", equalTo(1)).body("seatsTaken", equalTo(1));
    }

    private JsonNode read(String value) {
        try {
            return json.readTree(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
