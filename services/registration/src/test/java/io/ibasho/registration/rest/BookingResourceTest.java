package io.ibasho.registration.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ibasho.contracts.EventTypes;
import io.ibasho.contracts.Topics;
import io.ibasho.testsupport.IbashoServers;
import io.ibasho.testsupport.KafkaTopicReader;
import io.ibasho.testsupport.KafkaTopicWriter;
import io.ibasho.testsupport.Tokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Against real PostgreSQL, Kafka and Keycloak: sessions arrive over Kafka, bookings leave over Kafka. */
@QuarkusTest
@WithTestResource(value = IbashoServers.class, initArgs = @ResourceArg(name = "database", value = "registration"))
class BookingResourceTest {
    private final ObjectMapper json = new ObjectMapper();

    static String eventPublished(String eventId, UUID sessionId, int capacity, int sequence) {
        OffsetDateTime start = OffsetDateTime.now(ZoneOffset.UTC).plusDays(7);
        return """
                {"specversion":"1.0","id":"%s","source":"/ibasho/event","type":"%s","time":"%s","subject":"%s",
                 "datacontenttype":"application/json","data":{"sessionId":"%s","organisationId":"hinata","kind":"workshop",
                 "allocation":"FIRST_COME","status":"PUBLISHED","startsAt":"%s","endsAt":"%s","capacity":%d,
                 "bookingRequired":true,"sequence":%d}}
                """.formatted(
                        eventId,
                        EventTypes.EVENT_PUBLISHED,
                        OffsetDateTime.now(ZoneOffset.UTC),
                        sessionId,
                        sessionId,
                        start,
                        start.plusHours(2),
                        capacity,
                        sequence);
    }

    static UUID publishedSession(int capacity) {
        UUID sessionId = UUID.randomUUID();
        KafkaTopicWriter.send(
                Topics.EVENT_LIFECYCLE,
                sessionId.toString(),
                eventPublished(UUID.randomUUID().toString(), sessionId, capacity, 0));
        return sessionId;
    }

    /** hana books a seat (once registration has the session), then a second booking of hers is 409 already-registered. */
    private static void hanaBooksAndHerSecondBookingIsRefused(UUID sessionId) {
        await().atMost(Duration.ofSeconds(30))
                .until(() -> book("hana", sessionId, Map.of("nickname", "hana")).statusCode() == 201);
        book("hana", sessionId, Map.of("nickname", "hana again"))
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("type", containsString("already-registered"));
    }

    static io.restassured.response.Response book(String user, UUID sessionId, Object body) {
        return given().auth()
                .oauth2(Tokens.accessToken(user))
                .contentType(ContentType.JSON)
                .body(body)
                .post("/api/registrations/sessions/" + sessionId + "/bookings");
    }

    @Test
    void aBookingIsConfirmedAndAnnouncedWithoutHerNickname() throws Exception {
        UUID sessionId = publishedSession(10);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> book("hana", sessionId, Map.of("nickname", "はな")).statusCode() == 201);

        given().auth()
                .oauth2(Tokens.accessToken("hana"))
                .get("/api/registrations/mine")
                .then()
                .statusCode(200)
                .body("sessionId", hasItem(sessionId.toString()));
        given().auth()
                .oauth2(Tokens.accessToken("mei"))
                .get("/api/registrations/mine")
                .then()
                .statusCode(200)
                .body("sessionId.flatten()", org.hamcrest.Matchers.not(hasItem(sessionId.toString())));

        var records = KafkaTopicReader.awaitRecords(
                Topics.REGISTRATION_LIFECYCLE, r -> sessionId.toString().equals(r.key()), 1, Duration.ofSeconds(30));
        assertThat(records).hasSize(1);
        JsonNode event = json.readTree(records.get(0).value());
        assertThat(event.path("type").asText()).isEqualTo(EventTypes.REGISTRATION_CONFIRMED);
        assertThat(records.get(0).value()).doesNotContain("はな");
    }

    @Test
    void oneBookingPerPersonAndNeverMoreThanTheCapacity() {
        UUID sessionId = publishedSession(1);
        hanaBooksAndHerSecondBookingIsRefused(sessionId);
        book("mei", sessionId, Map.of("nickname", "mei"))
                .then()
                .statusCode(409)
                .body("type", containsString("session-full"));
    }

    /**
     * A refused attempt is one statement that says why (ADR 0056), and nothing remembers "full": a seat freed by a
     * cancellation is bookable by the very next request, and the refusals keep their order (her own second booking is
     * already-registered, not session-full, even when the session is full).
     */
    @Test
    void aSeatFreedInAFullSessionIsBookableAtOnce() {
        UUID sessionId = publishedSession(1);
        hanaBooksAndHerSecondBookingIsRefused(sessionId); // full now: her second is still already-registered
        for (int attempt = 0; attempt < 3; attempt++) {
            book("mei", sessionId, Map.of("nickname", "mei"))
                    .then()
                    .statusCode(409)
                    .contentType("application/problem+json")
                    .body("type", containsString("session-full"));
        }
        String hanas = given().auth()
                .oauth2(Tokens.accessToken("hana"))
                .get("/api/registrations/mine")
                .then()
                .statusCode(200)
                .extract()
                .path("find { it.sessionId == '" + sessionId + "' }.id");
        given().auth()
                .oauth2(Tokens.accessToken("hana"))
                .post("/api/registrations/mine/" + hanas + "/cancel")
                .then()
                .statusCode(200);
        // no wait: the very next attempt gets the freed seat, and the one after it is full again
        book("mei", sessionId, Map.of("nickname", "mei")).then().statusCode(201);
        book("hana", sessionId, Map.of("nickname", "hana"))
                .then()
                .statusCode(409)
                .body("type", containsString("session-full"));
        book("mei", sessionId, Map.of("nickname", "mei"))
                .then()
                .statusCode(409)
                .body("type", containsString("already-registered"));
    }

    /**
     * Her second booking while seats are free: the seat statement takes one before the unique index refuses her row
     * (ADR 0047). The seat goes back with the rollback (mei gets the last one) and no event of the refused booking is
     * written.
     */
    @Test
    void aSecondBookingWhileSeatsAreFreeTakesNoSeatAndSendsNoEvent() {
        UUID sessionId = publishedSession(2);
        hanaBooksAndHerSecondBookingIsRefused(sessionId);
        String meis = book("mei", sessionId, Map.of("nickname", "mei"))
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        book("mei", sessionId, Map.of("nickname", "mei again"))
                .then()
                .statusCode(409)
                .body("type", containsString("already-registered"));
        // a marker after the refusals: her cancellation's event comes after anything they could have written
        given().auth()
                .oauth2(Tokens.accessToken("mei"))
                .post("/api/registrations/mine/" + meis + "/cancel")
                .then()
                .statusCode(200);

        var types = KafkaTopicReader.recordsUntil(
                        Topics.REGISTRATION_LIFECYCLE,
                        r -> sessionId.toString().equals(r.key()),
                        // her cancellation in this session: another test's cancellation can come earlier in the topic
                        r -> sessionId.toString().equals(r.key())
                                && EventTypes.REGISTRATION_CANCELLED.equals(type(r.value())),
                        Duration.ofSeconds(30))
                .stream()
                .map(r -> type(r.value()))
                .toList();
        assertThat(types)
                .containsExactly(
                        EventTypes.REGISTRATION_CONFIRMED,
                        EventTypes.REGISTRATION_CONFIRMED,
                        EventTypes.REGISTRATION_CANCELLED);
    }

    private String type(String event) {
        try {
            return json.readTree(event).path("type").asText();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aDuplicateKafkaDeliveryChangesNothing() {
        UUID sessionId = UUID.randomUUID();
        String eventId = UUID.randomUUID().toString();
        KafkaTopicWriter.send(Topics.EVENT_LIFECYCLE, sessionId.toString(), eventPublished(eventId, sessionId, 1, 0));
        // the same event id again, with other content: must be ignored
        KafkaTopicWriter.send(Topics.EVENT_LIFECYCLE, sessionId.toString(), eventPublished(eventId, sessionId, 5, 0));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> book("hana", sessionId, Map.of("nickname", "h")).statusCode() == 201);
        book("mei", sessionId, Map.of("nickname", "m"))
                .then()
                .statusCode(409)
                .body("type", containsString("session-full"));
    }

    @Test
    void badInputGetsAProblemNeverA500() {
        UUID sessionId = publishedSession(3);
        book("hana", sessionId, Map.of("nickname", ""))
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", hasItem("nickname"));
        book("hana", sessionId, "{not json").then().statusCode(400).contentType("application/problem+json");
        book("hana", UUID.randomUUID(), Map.of("nickname", "x"))
                .then()
                .statusCode(404)
                .body("status", equalTo(404));
        given().contentType(ContentType.JSON)
                .body(Map.of("nickname", "x"))
                .post("/api/registrations/sessions/" + sessionId + "/bookings")
                .then()
                .statusCode(401);
    }
}
