package io.ibasho.registration.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.JsonNode;
import io.ibasho.contracts.EventTypes;
import io.ibasho.contracts.Topics;
import io.ibasho.registration.support.Api;
import io.ibasho.registration.support.ChildcareService;
import io.ibasho.registration.support.MovableClock;
import io.ibasho.registration.support.Sessions;
import io.ibasho.registration.support.TestAttendees;
import io.ibasho.testsupport.IbashoServers;
import io.ibasho.testsupport.JsonBody;
import io.ibasho.testsupport.KafkaTopicReader;
import io.ibasho.testsupport.KafkaTopicWriter;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The seat-and-childcare saga for first-come bookings and waitlist offers, end to end: real HTTP in, real Kafka out
 * and back. The test plays childcare-booking ({@link ChildcareService}): it answers the ChildcareRequested the
 * service wrote with ChildcareReserved / ChildcareRejected / ChildcareReleased CloudEvents on childcare-lifecycle.
 */
@QuarkusTest
@WithTestResource(value = IbashoServers.class, initArgs = @ResourceArg(name = "database", value = "registration"))
class ChildcareSagaTest {
    static List<String> people;

    @TestHTTPResource("/api/registrations/sessions/")
    URI sessionsUrl;

    @Inject
    MovableClock clock;

    @AfterEach
    void clockBack() {
        clock.reset(); // the other test classes share the application and its clock
    }

    @BeforeAll
    static void people() {
        people = TestAttendees.create("saga", 24);
    }

    static String person(int i) {
        return people.get(i);
    }

    static UUID id(Response response) {
        return UUID.fromString(JsonBody.text(response, "id"));
    }

    static UUID id(Map<String, Object> registration) {
        return UUID.fromString((String) registration.get("id"));
    }

    /** Books with children as soon as the session has arrived over Kafka. */
    static Response bookWithChildrenOnceKnown(String user, UUID sessionId, List<Integer> ages) {
        Response[] last = new Response[1];
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            last[0] = ChildcareService.book(user, sessionId, ages);
            return last[0].statusCode() != 404;
        });
        return last[0];
    }

    static int seatsTaken(UUID sessionId) {
        return JsonBody.integer(
                Api.roster("organiser1", sessionId)
                        .then()
                        .statusCode(200)
                        .extract()
                        .response(),
                "seatsTaken");
    }

    static String statusOf(String user, UUID sessionId) {
        return (String) Api.myRegistration(user, sessionId).get("status");
    }

    @Test
    void childcareReservedConfirmsTheHeldSeatWithItsCode() {
        String hana = person(0);
        UUID sessionId = Sessions.published(3);
        Response booked = bookWithChildrenOnceKnown(hana, sessionId, List.of(0, 3));
        booked.then()
                .statusCode(202)
                .body("status", equalTo("pending_childcare"))
                .body("bookingCode", nullValue())
                .body("childcareStatus", equalTo("pending"))
                .body("nextSteps", containsString("held"))
                .header("Location", containsString("/api/registrations/mine/" + id(booked)));
        assertThat(seatsTaken(sessionId)).isEqualTo(1);
        // the hold is active: a second booking of hers is refused
        ChildcareService.book(hana, sessionId, List.of(3))
                .then()
                .statusCode(409)
                .body("type", containsString("already-registered"));
        // nobody else sees or touches her hold; without a token nobody books
        Api.mine("mei", id(booked), "cancel").then().statusCode(404);
        assertThat(Api.myRegistration("mei", sessionId)).isEmpty();
        given().contentType(ContentType.JSON)
                .body(Map.of("nickname", "x", "childrenAges", List.of(1)))
                .post("/api/registrations/sessions/" + sessionId + "/bookings")
                .then()
                .statusCode(401);
        // bad ages are a clear 400 problem, never a 500
        ChildcareService.book(person(8), sessionId, List.of(18))
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("0 to 17"));

        JsonNode request = ChildcareService.awaitRequest(id(booked), 1);
        assertThat(request.path("data").path("purpose").asText()).isEqualTo("BOOKING");
        assertThat(request.path("data").path("childrenAges").toString()).isEqualTo("[0,3]");
        assertThat(request.toString()).doesNotContain("nickname").doesNotContain(hana);
        ChildcareService.reserve(request);

        await().atMost(Duration.ofSeconds(30)).until(() -> "confirmed".equals(statusOf(hana, sessionId)));
        Map<String, Object> confirmed = Api.myRegistration(hana, sessionId);
        assertThat((String) confirmed.get("bookingCode")).matches("[23456789ABCDEFGHJKMNPQRSTWXYZ]{8}");
        assertThat(confirmed.get("childcareStatus")).isEqualTo("reserved");
        assertThat(confirmed.get("childrenAges")).isEqualTo(List.of(0, 3));
        assertThat(seatsTaken(sessionId)).isEqualTo(1);

        List<JsonNode> events = ChildcareService.awaitEvents(sessionId, 2);
        assertThat(events)
                .extracting(e -> e.path("type").asText())
                .containsExactly(EventTypes.CHILDCARE_REQUESTED, EventTypes.REGISTRATION_CONFIRMED);
        assertThat(events.get(1).path("data").path("childcareRequested").asBoolean())
                .isTrue();
        assertThat(events.get(1).toString()).doesNotContain((String) confirmed.get("bookingCode"));
    }

    @Test
    void childcareRejectedReleasesTheSeatAndSheCanBookWithoutChildcare() {
        String hana = person(1);
        String other = person(2);
        UUID sessionId = Sessions.published(1);
        Response booked = bookWithChildrenOnceKnown(hana, sessionId, List.of(1));
        booked.then().statusCode(202);
        // the held seat is not up for grabs while childcare is asked
        Api.book(other, sessionId, other).then().statusCode(409).body("type", containsString("session-full"));
        ChildcareService.book(other, sessionId, List.of(4))
                .then()
                .statusCode(409)
                .body("detail", containsString("waitlist with your children's ages"));

        JsonNode request = ChildcareService.awaitRequest(id(booked), 1);
        String rejected = ChildcareService.reject(request, "RATIO_EXCEEDED");
        await().atMost(Duration.ofSeconds(30)).until(() -> "childcare_unavailable".equals(statusOf(hana, sessionId)));
        Map<String, Object> unavailable = Api.myRegistration(hana, sessionId);
        assertThat(unavailable.get("childcareRejectReason")).isEqualTo("RATIO_EXCEEDED");
        assertThat(unavailable.get("childcareStatus")).isEqualTo("rejected");
        assertThat(unavailable.get("bookingCode")).isNull();
        assertThat((String) unavailable.get("nextSteps"))
                .contains("book a seat without childcare")
                .contains("join the waitlist");
        assertThat(seatsTaken(sessionId)).isZero();

        List<JsonNode> events = ChildcareService.awaitEvents(sessionId, 2);
        assertThat(events)
                .extracting(e -> e.path("type").asText())
                .containsExactly(EventTypes.CHILDCARE_REQUESTED, EventTypes.REGISTRATION_CANCELLED);
        JsonNode cancelled = events.get(1).path("data");
        assertThat(cancelled.path("cancelledBy").asText()).isEqualTo("SYSTEM");
        assertThat(cancelled.path("reason").asText()).isEqualTo("CHILDCARE_RATIO_EXCEEDED");
        assertThat(cancelled.path("status").asText()).isEqualTo("CHILDCARE_UNAVAILABLE");

        // a redelivered rejection and a late "reserved" for the same request change nothing
        ChildcareService.redeliver(sessionId.toString(), rejected);
        ChildcareService.reserve(request);
        // she chooses the seat without childcare: a normal booking, the released seat is hers
        Api.book(hana, sessionId, hana)
                .then()
                .statusCode(201)
                .body("status", equalTo("confirmed"))
                .body("bookingCode", matchesPattern("[23456789ABCDEFGHJKMNPQRSTWXYZ]{8}"));
        ChildcareService.awaitHandled(sessionId); // the redelivered rejection and the late reply are handled
        assertThat(seatsTaken(sessionId)).isEqualTo(1);
        assertThat(Api.myRegistration(hana, sessionId).get("status")).isEqualTo("confirmed");
        Api.roster("organiser1", sessionId).then().body("confirmed", equalTo(1));
        assertThat(ChildcareService.awaitEvents(sessionId, 3))
                .hasSize(3); // no second cancellation, no confirmation of the old hold
    }

    @Test
    void aWaitlistOfferAsksChildcareFirstAndOnRejectionTheSeatPassesOnUntilChildcareIsReleased() {
        String first = person(3);
        String withChildren = person(4);
        String seatOnly = person(5);
        UUID sessionId = Sessions.published(1);
        UUID firstBooking = id(Api.bookOnceKnown(first, sessionId)
                .then()
                .statusCode(201)
                .extract()
                .response());
        ChildcareService.joinWaitlist(withChildren, sessionId, List.of(2))
                .then()
                .statusCode(201)
                .body("status", equalTo("waitlisted"))
                .body("position", equalTo(1))
                .body("waitlistReason", equalTo("FULL"));
        Api.joinWaitlist(seatOnly, sessionId).then().statusCode(201).body("position", equalTo(2));

        Api.mine(first, firstBooking, "cancel").then().statusCode(200);
        // the seat is held for her, but the offer stands only once childcare is reserved
        assertThat(statusOf(withChildren, sessionId)).isEqualTo("pending_childcare");
        assertThat(seatsTaken(sessionId)).isEqualTo(1);
        UUID waiting = id(Api.myRegistration(withChildren, sessionId));
        JsonNode promotion = ChildcareService.awaitRequest(waiting, 1);
        assertThat(promotion.path("data").path("purpose").asText()).isEqualTo("WAITLIST_PROMOTION");

        ChildcareService.reject(promotion, "CAP_EXCEEDED");
        await().atMost(Duration.ofSeconds(30)).until(() -> "offered".equals(statusOf(seatOnly, sessionId)));
        Map<String, Object> stillWaiting = Api.myRegistration(withChildren, sessionId);
        assertThat(stillWaiting.get("status")).isEqualTo("waitlisted");
        assertThat(stillWaiting.get("position")).isEqualTo(1);
        assertThat(stillWaiting.get("waitlistReason")).isEqualTo("CHILDCARE_UNAVAILABLE");
        assertThat(stillWaiting.get("childcareRejectReason")).isEqualTo("CAP_EXCEEDED");
        assertThat((String) stillWaiting.get("nextSteps")).contains("keep your place");
        assertThat(seatsTaken(sessionId)).isEqualTo(1);

        // the next person declines: the seat is free, but she waits for childcare, not for a seat
        Api.mine(seatOnly, id(Api.myRegistration(seatOnly, sessionId)), "decline")
                .then()
                .statusCode(200);
        assertThat(seatsTaken(sessionId)).isZero();
        assertThat(statusOf(withChildren, sessionId)).isEqualTo("waitlisted");

        // childcare places were released elsewhere: she is asked for again, and this time it is reserved
        ChildcareService.released(sessionId, UUID.randomUUID());
        JsonNode again = ChildcareService.awaitRequest(waiting, 2);
        assertThat(again.path("data").path("purpose").asText()).isEqualTo("WAITLIST_PROMOTION");
        assertThat(again.path("data").path("requestId").asText())
                .isNotEqualTo(promotion.path("data").path("requestId").asText());
        assertThat(statusOf(withChildren, sessionId)).isEqualTo("pending_childcare");
        assertThat(seatsTaken(sessionId)).isEqualTo(1);
        ChildcareService.reserve(again);
        await().atMost(Duration.ofSeconds(30)).until(() -> "offered".equals(statusOf(withChildren, sessionId)));
        assertThat(Api.myRegistration(withChildren, sessionId).get("offerExpiresAt"))
                .isNotNull();
        Api.mine(withChildren, waiting, "accept")
                .then()
                .statusCode(200)
                .body("status", equalTo("confirmed"))
                .body("childcareStatus", equalTo("reserved"));
        assertThat(seatsTaken(sessionId)).isEqualTo(1);

        List<JsonNode> events = ChildcareService.awaitEvents(sessionId, 11);
        assertThat(events)
                .extracting(e -> e.path("type").asText())
                .containsExactly(
                        EventTypes.REGISTRATION_CONFIRMED,
                        EventTypes.WAITLISTED,
                        EventTypes.WAITLISTED,
                        EventTypes.REGISTRATION_CANCELLED,
                        EventTypes.CHILDCARE_REQUESTED,
                        EventTypes.WAITLISTED,
                        EventTypes.SEAT_OFFERED,
                        EventTypes.OFFER_EXPIRED,
                        EventTypes.CHILDCARE_REQUESTED,
                        EventTypes.SEAT_OFFERED,
                        EventTypes.REGISTRATION_CONFIRMED);
        assertThat(events.get(5).path("data").path("reason").asText()).isEqualTo("CHILDCARE_UNAVAILABLE");
        assertThat(events.get(10).path("data").path("childcareRequested").asBoolean())
                .isTrue();
    }

    @Test
    void cancellingAHeldOrReservedBookingIsAnnouncedSoChildcareIsReleased() {
        String hana = person(6);
        UUID sessionId = Sessions.published(2);
        Response booked = bookWithChildrenOnceKnown(hana, sessionId, List.of(5));
        JsonNode request = ChildcareService.awaitRequest(id(booked), 1);
        ChildcareService.reserve(request);
        await().atMost(Duration.ofSeconds(30)).until(() -> "confirmed".equals(statusOf(hana, sessionId)));
        Api.mine(hana, id(booked), "cancel")
                .then()
                .statusCode(200)
                .body("status", equalTo("cancelled"))
                .body("childcareStatus", equalTo("released"));
        assertThat(seatsTaken(sessionId)).isZero();

        // cancelled while still pending: the seat goes back at once, and a late reply changes nothing
        Response pending = ChildcareService.book(hana, sessionId, List.of(5));
        pending.then().statusCode(202);
        JsonNode second = ChildcareService.awaitRequest(id(pending), 1);
        Api.mine(hana, id(pending), "cancel").then().statusCode(200).body("status", equalTo("cancelled"));
        assertThat(seatsTaken(sessionId)).isZero();
        ChildcareService.reserve(second);
        ChildcareService.awaitHandled(sessionId); // the late reply is handled
        assertThat(seatsTaken(sessionId)).isZero();
        assertThat(statusOf(hana, sessionId)).isEqualTo("cancelled");

        List<JsonNode> events = ChildcareService.awaitEvents(sessionId, 5);
        assertThat(events)
                .extracting(e -> e.path("type").asText())
                .containsExactly(
                        EventTypes.CHILDCARE_REQUESTED,
                        EventTypes.REGISTRATION_CONFIRMED,
                        EventTypes.REGISTRATION_CANCELLED,
                        EventTypes.CHILDCARE_REQUESTED,
                        EventTypes.REGISTRATION_CANCELLED);
    }

    @Test
    void aHoldChildcareNeverAnswersIsReleasedAfterTheTimeout() {
        String hana = person(7);
        UUID sessionId = Sessions.published(1);
        Response booked = bookWithChildrenOnceKnown(hana, sessionId, List.of(2));
        booked.then().statusCode(202);
        JsonNode request = ChildcareService.awaitRequest(id(booked), 1);
        assertThat(seatsTaken(sessionId)).isEqualTo(1);
        // %test answer-timeout is 20 s, checked every second: 20 s pass on the service's clock, not on the wall
        clock.advance(Duration.ofSeconds(21));
        await().atMost(Duration.ofSeconds(30)).until(() -> "childcare_unavailable".equals(statusOf(hana, sessionId)));
        assertThat(Api.myRegistration(hana, sessionId).get("childcareRejectReason"))
                .isEqualTo("NO_ANSWER");
        assertThat(seatsTaken(sessionId)).isZero();
        List<JsonNode> events = ChildcareService.awaitEvents(sessionId, 2);
        assertThat(events.get(1).path("type").asText()).isEqualTo(EventTypes.REGISTRATION_CANCELLED);
        assertThat(events.get(1).path("data").path("reason").asText()).isEqualTo("CHILDCARE_NO_ANSWER");

        // the answer comes after all: too late, nothing changes
        ChildcareService.reserve(request);
        ChildcareService.awaitHandled(sessionId); // the late answer is handled
        assertThat(statusOf(hana, sessionId)).isEqualTo("childcare_unavailable");
        assertThat(seatsTaken(sessionId)).isZero();
    }

    /**
     * Issue #14, places leaked after timeouts: childcare-booking is away (nobody reads the request) for longer than the
     * answer timeout while a seat is held for a waitlisted mother. The hold is released, the request is withdrawn (the
     * compensation childcare-booking acts on, deploy/e2e and childcare-booking's own test show its side), and when
     * childcare-booking comes back and releases what it reserved late, she is offered again.
     */
    @Test
    void aWaitlistHoldNobodyAnswersIsWithdrawnAndSheIsOfferedAgainWhenChildcareReturns() {
        String first = person(20);
        String mother = person(21);
        UUID sessionId = Sessions.published(1);
        UUID firstBooking = id(Api.bookOnceKnown(first, sessionId)
                .then()
                .statusCode(201)
                .extract()
                .response());
        ChildcareService.joinWaitlist(mother, sessionId, List.of(1)).then().statusCode(201);
        UUID waiting = id(Api.myRegistration(mother, sessionId));
        Api.mine(first, firstBooking, "cancel").then().statusCode(200);
        JsonNode request = ChildcareService.awaitRequest(waiting, 1);
        assertThat(statusOf(mother, sessionId)).isEqualTo("pending_childcare");

        // childcare-booking is down: 21 s pass on the service's clock (the %test answer timeout is 20 s)
        clock.advance(Duration.ofSeconds(21));
        await().atMost(Duration.ofSeconds(30)).until(() -> "waitlisted".equals(statusOf(mother, sessionId)));
        assertThat(Api.myRegistration(mother, sessionId).get("childcareRejectReason"))
                .isEqualTo("NO_ANSWER");
        assertThat(seatsTaken(sessionId)).isZero();
        JsonNode withdrawn = KafkaTopicReader.awaitRecords(
                        Topics.REGISTRATION_LIFECYCLE,
                        r -> sessionId.toString().equals(r.key())
                                && r.value().contains(EventTypes.CHILDCARE_HOLD_WITHDRAWN),
                        1,
                        Duration.ofSeconds(30))
                .stream()
                .map(r -> ChildcareService.read(r.value()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no ChildcareHoldWithdrawn"));
        assertThat(withdrawn.path("data").path("requestId").asText())
                .isEqualTo(request.path("data").path("requestId").asText());
        assertThat(withdrawn.path("data").path("registrationId").asText()).isEqualTo(waiting.toString());
        assertThat(withdrawn.path("data").path("reason").asText()).isEqualTo("NO_ANSWER");
        assertThat(withdrawn.path("data").has("attendeeId")).isFalse();

        // childcare-booking returns: it reserves for the old request (too late, nothing changes here), then reads the
        // withdrawal and releases those places (ChildcareReleased); she is asked again for the free seat
        ChildcareService.reserve(request);
        ChildcareService.released(sessionId, waiting);
        JsonNode again = ChildcareService.awaitRequest(waiting, 2);
        assertThat(again.path("data").path("requestId").asText())
                .isNotEqualTo(request.path("data").path("requestId").asText());
        assertThat(statusOf(mother, sessionId)).isEqualTo("pending_childcare");
        assertThat(seatsTaken(sessionId)).isEqualTo(1);
        ChildcareService.reserve(again);
        await().atMost(Duration.ofSeconds(30)).until(() -> "offered".equals(statusOf(mother, sessionId)));
    }

    @Test
    void whenChildcareDoesNotKnowTheSessionYetTheHoldStaysAndAsksAgain() {
        String hana = person(9);
        UUID sessionId = Sessions.published(2);
        Response booked = bookWithChildrenOnceKnown(hana, sessionId, List.of(4));
        JsonNode first = ChildcareService.awaitRequest(id(booked), 1);
        ChildcareService.reject(first, "UNKNOWN_SESSION");
        JsonNode again = ChildcareService.awaitRequest(id(booked), 2);
        assertThat(again.path("data").path("requestId").asText())
                .isNotEqualTo(first.path("data").path("requestId").asText());
        assertThat(again.path("data").path("purpose").asText()).isEqualTo("BOOKING");
        assertThat(statusOf(hana, sessionId)).isEqualTo("pending_childcare");
        assertThat(seatsTaken(sessionId)).isEqualTo(1);
        ChildcareService.reserve(first); // a reply to the old request id is too late: ignored
        ChildcareService.reserve(again);
        await().atMost(Duration.ofSeconds(30)).until(() -> "confirmed".equals(statusOf(hana, sessionId)));
        assertThat(seatsTaken(sessionId)).isEqualTo(1);
    }

    @Test
    void anUnreadableReplyGoesToTheDeadLetterTopic() {
        UUID sessionId = UUID.randomUUID();
        String eventId = UUID.randomUUID().toString();
        KafkaTopicWriter.send(Topics.CHILDCARE_LIFECYCLE, sessionId.toString(), """
                {"specversion":"1.0","id":"%s","source":"/ibasho/childcare-booking","type":"%s","time":"2026-11-23T10:00:00Z",
                 "datacontenttype":"application/json","data":{"requestId":"not-a-uuid","sessionId":"%s","reason":"CAP_EXCEEDED"}}
                """.formatted(
                        eventId, EventTypes.CHILDCARE_REJECTED, sessionId));
        assertThat(KafkaTopicReader.awaitRecords(
                        Topics.deadLetterOf(Topics.CHILDCARE_LIFECYCLE, "registration"),
                        r -> r.value().contains(eventId),
                        1,
                        Duration.ofSeconds(30)))
                .hasSize(1);
    }

    @Test
    void manyConcurrentChildcareBookingsNeverHoldMoreSeatsThanTheCapacity() throws Exception {
        int capacity = 4;
        List<String> bookers = people.subList(8, 24);
        Map<String, String> tokens = TestAttendees.tokens(bookers);
        UUID sessionId = Sessions.published(capacity);
        bookWithChildrenOnceKnown(bookers.get(0), sessionId, List.of(3)).then().statusCode(202);

        List<Integer> statuses = Collections.synchronizedList(new ArrayList<>());
        HttpClient client =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        ExecutorService pool = Executors.newFixedThreadPool(bookers.size() - 1);
        CountDownLatch start = new CountDownLatch(1);
        for (String user : bookers.subList(1, bookers.size())) {
            pool.submit(() -> {
                start.await();
                HttpRequest request = HttpRequest.newBuilder(sessionsUrl.resolve(sessionId + "/bookings"))
                        .timeout(Duration.ofSeconds(60))
                        .header("Authorization", "Bearer " + tokens.get(user))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"nickname\":\"" + user + "\",\"childrenAges\":[1,4]}"))
                        .build();
                statuses.add(client.send(request, HttpResponse.BodyHandlers.ofString())
                        .statusCode());
                return null;
            });
        }
        start.countDown();
        pool.shutdown();
        assertThat(pool.awaitTermination(90, TimeUnit.SECONDS)).isTrue();
        assertThat(statuses).hasSize(bookers.size() - 1);
        assertThat(statuses.stream().filter(s -> s == 202)).hasSize(capacity - 1);
        assertThat(statuses.stream().filter(s -> s == 409)).hasSize(bookers.size() - capacity);
        assertThat(seatsTaken(sessionId)).isEqualTo(capacity);

        // childcare answers: two reserved, two rejected; the seats taken follow exactly
        List<JsonNode> requests = ChildcareService.awaitEvents(sessionId, capacity).stream()
                .filter(e -> e.path("type").asText().equals(EventTypes.CHILDCARE_REQUESTED))
                .toList();
        assertThat(requests).hasSize(capacity);
        ChildcareService.reserve(requests.get(0));
        ChildcareService.reserve(requests.get(1));
        ChildcareService.reject(requests.get(2), "RATIO_EXCEEDED");
        ChildcareService.reject(requests.get(3), "RATIO_EXCEEDED");
        await().atMost(Duration.ofSeconds(30)).until(() -> seatsTaken(sessionId) == 2);
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> Api.roster("organiser1", sessionId)
                        .then()
                        .body("confirmed", equalTo(2))
                        .body("seatsTaken", equalTo(2)));
    }
}
