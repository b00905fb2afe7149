package io.ibasho.registration.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.ibasho.contracts.EventTypes;
import io.ibasho.contracts.Topics;
import io.ibasho.registration.support.Api;
import io.ibasho.registration.support.Sessions;
import io.ibasho.registration.support.TestAttendees;
import io.ibasho.testsupport.IbashoServers;
import io.ibasho.testsupport.KafkaTopicReader;
import io.ibasho.testsupport.Tokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Cancellation by her, by the organiser, by the session; a lowered capacity removes nobody. */
@QuarkusTest
@WithTestResource(value = IbashoServers.class, initArgs = @ResourceArg(name = "database", value = "registration"))
class CancellationTest {
    static List<String> people;

    @BeforeAll
    static void people() {
        people = TestAttendees.create("cancel", 3);
    }

    static Response organiserCancels(String organiser, UUID sessionId, UUID registrationId, Object body) {
        return given().auth()
                .oauth2(Tokens.accessToken(organiser))
                .contentType(ContentType.JSON)
                .body(body)
                .post("/api/registrations/sessions/" + sessionId + "/registrations/" + registrationId + "/cancel");
    }

    static UUID booked(String user, UUID sessionId) {
        return UUID.fromString(Api.bookOnceKnown(user, sessionId)
                .then()
                .statusCode(201)
                .extract()
                .path("id"));
    }

    @Test
    void sheCancelsUntilTheCutOffAndTheOrganiserAfterIt() {
        OffsetDateTime soonStarts =
                OffsetDateTime.now(ZoneOffset.UTC).plusMinutes(90).withNano(0);
        UUID soon = Sessions.published(5, soonStarts); // cut-off is 2 h
        UUID booking = booked("hana", soon);
        // her app is told until when she may give the seat up, so it offers no button that can only be refused
        assertThat(OffsetDateTime.parse(
                        (String) Api.myRegistration("hana", soon).get("cancellableUntil")))
                .isAtSameInstantAs(soonStarts.minusHours(2));
        Api.mine("hana", booking, "cancel")
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("type", containsString("cancellation-closed"));
        Api.mine("mei", booking, "cancel").then().statusCode(404); // not hers: not even its existence

        organiserCancels("organiser2", soon, booking, Map.of("reason", "VENUE"))
                .then()
                .statusCode(404); // another organisation
        organiserCancels("organiser1", soon, booking, Map.of("reason", ""))
                .then()
                .statusCode(400)
                .body("violations.field", org.hamcrest.Matchers.hasItem("reason"));
        // issue #14: free text would travel in registration-lifecycle; the reason is a code from the list
        organiserCancels("organiser1", soon, booking, Map.of("reason", "会場の都合 (the room is closed for repairs)"))
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", org.hamcrest.Matchers.hasItem("reason"))
                .body("violations.message", org.hamcrest.Matchers.hasItem(containsString("VENUE")));
        organiserCancels("organiser1", soon, booking, Map.of("reason", "VENUE"))
                .then()
                .statusCode(200)
                .body("status", equalTo("cancelled"))
                .body("cancelledBy", equalTo("ORGANISER"));
        Map<String, Object> mine = Api.myRegistration("hana", soon);
        assertThat(mine.get("cancelReason")).isEqualTo("VENUE");
        var cancelled = KafkaTopicReader.awaitRecords(
                Topics.REGISTRATION_LIFECYCLE,
                r -> r.value().contains(booking.toString()) && r.value().contains(EventTypes.REGISTRATION_CANCELLED),
                1,
                Duration.ofSeconds(30));
        assertThat(cancelled.get(0).value()).contains("\"reason\":\"VENUE\"").doesNotContain("repairs");
        organiserCancels("organiser1", soon, booking, Map.of("reason", "OTHER"))
                .then()
                .statusCode(409)
                .body("type", containsString("not-active"));
        // the freed seat can be booked again, by her too
        Api.book("hana", soon, "hana").then().statusCode(201);

        UUID later = Sessions.published(5);
        UUID laterBooking = booked("hana", later);
        assertThat(OffsetDateTime.parse(
                        (String) Api.myRegistration("hana", later).get("cancellableUntil")))
                .isAfter(OffsetDateTime.now(ZoneOffset.UTC));
        Api.mine("hana", laterBooking, "cancel").then().statusCode(200).body("cancelledBy", equalTo("ATTENDEE"));
        Api.roster("organiser1", later).then().body("seatsTaken", equalTo(0));
    }

    /**
     * Issue #14, order across replicas: an EventChanged written before the cancellation but read after it (two
     * relays, or a redelivery) must not reopen the cancelled session.
     */
    @Test
    void anOlderChangeReadAfterTheCancellationDoesNotReopenTheSession() {
        OffsetDateTime startsAt = OffsetDateTime.now(ZoneOffset.UTC).plusDays(7);
        UUID sessionId = Sessions.published(5, startsAt);
        booked(people.get(0), sessionId);
        Sessions.capacityChanged(sessionId, 6, 1, startsAt);
        Sessions.cancelled(sessionId, 2);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> "cancelled"
                        .equals(Api.myRegistration(people.get(0), sessionId).get("status")));
        // the stale one, read late
        String stale = Sessions.event(EventTypes.EVENT_CHANGED, sessionId, "hinata", "PUBLISHED", 6, 1, startsAt);
        String staleId = stale.substring(stale.indexOf("\"id\":\"") + 6, stale.indexOf("\"id\":\"") + 42);
        io.ibasho.testsupport.KafkaTopicWriter.send(Topics.EVENT_LIFECYCLE, sessionId.toString(), stale);
        await().atMost(Duration.ofSeconds(30)).until(() -> processed(staleId));
        Api.book(people.get(1), sessionId, "x").then().statusCode(409).body("type", containsString("session-not-open"));
    }

    private static boolean processed(String eventId) {
        try (var db = java.sql.DriverManager.getConnection(
                        io.ibasho.testsupport.TestServers.get().postgres().jdbcUrl("registration"), "postgres", "");
                var query = db.prepareStatement("select count(*) from processed_message where event_id = ?")) {
            query.setString(1, eventId);
            var rows = query.executeQuery();
            rows.next();
            return rows.getLong(1) > 0;
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aCancelledSessionCancelsAllItsBookings() {
        UUID sessionId = Sessions.published(1);
        booked(people.get(0), sessionId);
        Api.joinWaitlist(people.get(1), sessionId).then().statusCode(201);
        Sessions.cancelled(sessionId);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> "cancelled"
                        .equals(Api.myRegistration(people.get(0), sessionId).get("status")));
        Map<String, Object> waiting = Api.myRegistration(people.get(1), sessionId);
        assertThat(waiting.get("status")).isEqualTo("cancelled");
        assertThat(waiting.get("cancelledBy")).isEqualTo("SESSION_CANCELLED");
        Api.book(people.get(2), sessionId, "x").then().statusCode(409).body("type", containsString("session-not-open"));

        var records = KafkaTopicReader.awaitRecords(
                Topics.REGISTRATION_LIFECYCLE,
                r -> sessionId.toString().equals(r.key()) && r.value().contains(EventTypes.REGISTRATION_CANCELLED),
                2,
                Duration.ofSeconds(30));
        assertThat(records)
                .hasSize(2)
                .allSatisfy(r -> assertThat(r.value()).contains("\"cancelledBy\":\"SESSION_CANCELLED\""));
    }

    @Test
    void aLoweredCapacityRemovesNobodyAndTheOrganiserSeesTheExcess() {
        OffsetDateTime start = OffsetDateTime.now(ZoneOffset.UTC).plusDays(5);
        UUID sessionId = Sessions.published(3, start);
        people.forEach(person -> booked(person, sessionId));
        Sessions.capacityChanged(sessionId, 1, 1, start);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> Boolean.TRUE.equals(
                        Api.roster("organiser1", sessionId).then().extract().path("overCapacity")));
        Api.roster("organiser1", sessionId).then().body("confirmed", equalTo(3)).body("capacity", equalTo(1));
        Api.book("hana", sessionId, "hana").then().statusCode(409).body("type", containsString("session-full"));
        // cancelling one of three does not free a seat while still above the new capacity
        UUID first = UUID.fromString(
                (String) Api.myRegistration(people.get(0), sessionId).get("id"));
        Api.mine(people.get(0), first, "cancel").then().statusCode(200);
        Api.book("hana", sessionId, "hana").then().statusCode(409).body("type", containsString("session-full"));
    }
}
