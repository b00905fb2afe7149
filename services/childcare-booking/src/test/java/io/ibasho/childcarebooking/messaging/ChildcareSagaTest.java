package io.ibasho.childcarebooking.messaging;

import static io.ibasho.childcarebooking.Fixtures.cancelRegistration;
import static io.ibasho.childcarebooking.Fixtures.published;
import static io.ibasho.childcarebooking.Fixtures.replies;
import static io.ibasho.childcarebooking.Fixtures.replyTo;
import static io.ibasho.childcarebooking.Fixtures.requestChildcare;
import static io.ibasho.childcarebooking.Fixtures.requestChildcareAskedWithApplication;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import io.ibasho.childcarebooking.Fixtures;
import io.ibasho.childcarebooking.Fixtures.Session;
import io.ibasho.contracts.EventTypes;
import io.ibasho.contracts.Topics;
import io.ibasho.testsupport.IbashoServers;
import io.ibasho.testsupport.KafkaTopicReader;
import io.ibasho.testsupport.KafkaTopicWriter;
import io.ibasho.testsupport.Tokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The childcare side of the saga against real PostgreSQL, Kafka and Keycloak: ChildcareRequested in on
 * registration-lifecycle, ChildcareReserved / ChildcareRejected / ChildcareReleased out on childcare-lifecycle.
 */
@QuarkusTest
@WithTestResource(value = IbashoServers.class, initArgs = @ResourceArg(name = "database", value = "childcare_booking"))
class ChildcareSagaTest {

    private static int totalChildren(UUID sessionId) {
        return given().auth()
                .oauth2(Tokens.accessToken("carer1"))
                .get("/api/childcare/sessions/" + sessionId)
                .then()
                .statusCode(200)
                .extract()
                .path("totalChildren");
    }

    @Test
    void ratiosPerAgeBandAcrossRequests() {
        // Two carers: 6 infants (1:3) in all, or fewer infants plus toddlers (1:6) sharing the carers.
        Session session = published(Session.of("hinata", 2));

        JsonNode threeInfants = replyTo(session.id(), requestChildcare(session.id(), 0, 0, 0));
        assertThat(threeInfants.path("type").asText()).isEqualTo(EventTypes.CHILDCARE_RESERVED);
        assertThat(threeInfants.path("data").path("children").asInt()).isEqualTo(3);
        assertThat(threeInfants.path("subject").asText()).isEqualTo(session.id().toString());
        assertThat(threeInfants.path("source").asText()).isEqualTo("/ibasho/childcare-booking");

        // 3 + 4 infants = 7/3 carers -> 3 carers needed, only 2.
        JsonNode fourMoreInfants = replyTo(session.id(), requestChildcare(session.id(), 0, 0, 0, 0));
        assertThat(fourMoreInfants.path("type").asText()).isEqualTo(EventTypes.CHILDCARE_REJECTED);
        assertThat(fourMoreInfants.path("data").path("reason").asText()).isEqualTo("RATIO_EXCEEDED");

        // The second carer can still take six two-year-olds (6/6), but not a seventh.
        assertThat(replyTo(session.id(), requestChildcare(session.id(), 2, 2, 2, 2, 2, 2))
                        .path("type")
                        .asText())
                .isEqualTo(EventTypes.CHILDCARE_RESERVED);
        assertThat(replyTo(session.id(), requestChildcare(session.id(), 1))
                        .path("data")
                        .path("reason")
                        .asText())
                .isEqualTo("RATIO_EXCEEDED");

        // The offer's ages are 0-6: a seven-year-old is "not for this age", never "full".
        assertThat(replyTo(session.id(), requestChildcare(session.id(), 7))
                        .path("data")
                        .path("reason")
                        .asText())
                .isEqualTo("AGE_OUT_OF_RANGE");

        given().auth()
                .oauth2(Tokens.accessToken("carer1"))
                .get("/api/childcare/sessions/" + session.id())
                .then()
                .statusCode(200)
                .body("totalChildren", equalTo(9))
                .body("carersNeeded", equalTo(2))
                .body("overCapacity", equalTo(false))
                .body("carersShort", equalTo(0))
                .body("childrenByBand.find { it.ages == '0' }.children", equalTo(3))
                .body("childrenByBand.find { it.ages == '1-2' }.children", equalTo(6));
    }

    @Test
    void twentyRequestsRacingForSixPlacesReserveExactlySix() {
        Session session = published(Session.of("hinata", 2));

        for (int i = 0; i < 20; i++) {
            requestChildcare(session.id(), 0);
        }

        List<JsonNode> answers = replies(session.id(), 20);
        Map<String, Long> byType = answers.stream()
                .collect(Collectors.groupingBy(answer -> answer.path("type").asText(), Collectors.counting()));
        assertThat(byType)
                .containsEntry(EventTypes.CHILDCARE_RESERVED, 6L)
                .containsEntry(EventTypes.CHILDCARE_REJECTED, 14L);
        assertThat(answers)
                .filteredOn(answer -> answer.path("type").asText().equals(EventTypes.CHILDCARE_REJECTED))
                .allSatisfy(answer ->
                        assertThat(answer.path("data").path("reason").asText()).isEqualTo("RATIO_EXCEEDED"));
        assertThat(totalChildren(session.id())).isEqualTo(6);
    }

    @Test
    void aRepeatedRequestIsAnsweredTheSameAndReservesNothingTwice() {
        Session session = published(Session.of("hinata", 1));
        UUID registrationId = UUID.randomUUID();
        UUID requestId = UUID.randomUUID();

        requestChildcare(session.id(), registrationId, "attendee-a", requestId, 0, 0);
        // Registration retries the same request (a new CloudEvent, same requestId), then once more.
        requestChildcare(session.id(), registrationId, "attendee-a", requestId, 0, 0);
        requestChildcare(session.id(), registrationId, "attendee-a", requestId, 0, 0);

        List<JsonNode> answers = replies(session.id(), 3);
        assertThat(answers).hasSize(3).allSatisfy(answer -> {
            assertThat(answer.path("type").asText()).isEqualTo(EventTypes.CHILDCARE_RESERVED);
            assertThat(answer.path("data").path("requestId").asText()).isEqualTo(requestId.toString());
        });
        assertThat(totalChildren(session.id())).isEqualTo(2);

        // A rejection is repeated as the same rejection, even after places were freed in between.
        UUID rejectedRequest = requestChildcare(session.id(), UUID.randomUUID(), "attendee-b", UUID.randomUUID(), 0, 0);
        assertThat(replyTo(session.id(), rejectedRequest)
                        .path("data")
                        .path("reason")
                        .asText())
                .isEqualTo("RATIO_EXCEEDED");
        cancelRegistration(session.id(), registrationId, "attendee-a");
        await().atMost(Duration.ofSeconds(30)).until(() -> totalChildren(session.id()) == 0);
        requestChildcare(session.id(), UUID.randomUUID(), "attendee-b", rejectedRequest, 0, 0);
        List<JsonNode> toRejected = KafkaTopicReader.awaitRecords(
                        Topics.CHILDCARE_LIFECYCLE,
                        record -> record.value().contains(rejectedRequest.toString()),
                        2,
                        Duration.ofSeconds(60))
                .stream()
                .map(record -> record.value())
                .map(Fixtures::parse)
                .toList();
        assertThat(toRejected)
                .hasSize(2)
                .allSatisfy(answer ->
                        assertThat(answer.path("data").path("reason").asText()).isEqualTo("RATIO_EXCEEDED"));
        assertThat(totalChildren(session.id())).isZero();
    }

    @Test
    void aRedeliveredMessageIsProcessedOnce() {
        Session session = published(Session.of("hinata", 1));
        String sameMessage = """
                {"specversion":"1.0","id":"%s","source":"/ibasho/registration","type":"%s","subject":"%s",
                 "data":{"requestId":"%s","registrationId":"%s","sessionId":"%s","attendeeId":"attendee-c","status":"PENDING",
                 "childrenAges":[3],"purpose":"LOTTERY"}}
                """.formatted(
                        UUID.randomUUID(),
                        EventTypes.CHILDCARE_REQUESTED,
                        session.id(),
                        UUID.randomUUID(),
                        UUID.randomUUID(),
                        session.id());
        KafkaTopicWriter.send(Topics.REGISTRATION_LIFECYCLE, session.id().toString(), sameMessage);
        KafkaTopicWriter.send(Topics.REGISTRATION_LIFECYCLE, session.id().toString(), sameMessage);
        // A marker request behind them on the same partition: once it is answered, both copies were consumed.
        UUID marker = requestChildcare(session.id(), 4);

        // Everything about the session before the marker's answer; a third answer would be a double processing.
        List<JsonNode> answers = Fixtures.repliesUntilAnswerTo(session.id(), marker);
        assertThat(answers).hasSize(2);
        assertThat(totalChildren(session.id())).isEqualTo(2);
    }

    @Test
    void cancellationReleasesTheChildrenAndFreesTheirPlaces() {
        Session session = published(Session.of("hinata", 1));
        UUID registrationId = UUID.randomUUID();
        UUID first = requestChildcare(session.id(), registrationId, "attendee-d", UUID.randomUUID(), 0, 0, 0);
        assertThat(replyTo(session.id(), first).path("type").asText()).isEqualTo(EventTypes.CHILDCARE_RESERVED);
        UUID waiting = requestChildcare(session.id(), 0);
        assertThat(replyTo(session.id(), waiting).path("data").path("reason").asText())
                .isEqualTo("RATIO_EXCEEDED");

        cancelRegistration(session.id(), registrationId, "attendee-d");

        JsonNode released = KafkaTopicReader.awaitRecords(
                        Topics.CHILDCARE_LIFECYCLE,
                        record -> session.id().toString().equals(record.key())
                                && record.value().contains(EventTypes.CHILDCARE_RELEASED),
                        1,
                        Duration.ofSeconds(60))
                .stream()
                .map(record -> Fixtures.parse(record.value()))
                .findFirst()
                .orElseThrow();
        assertThat(released.path("data").path("registrationId").asText()).isEqualTo(registrationId.toString());
        assertThat(released.path("data").path("cause").asText()).isEqualTo("REGISTRATION_CANCELLED");
        assertThat(released.path("data").path("sessionId").asText())
                .isEqualTo(session.id().toString());
        assertThat(totalChildren(session.id())).isZero();

        // The freed places go to the next request (registration uses ChildcareReleased to promote from the waitlist).
        assertThat(replyTo(session.id(), requestChildcare(session.id(), 0))
                        .path("type")
                        .asText())
                .isEqualTo(EventTypes.CHILDCARE_RESERVED);

        // A repeated cancellation releases nothing more and announces nothing more.
        cancelRegistration(session.id(), registrationId, "attendee-d");
        UUID marker = requestChildcare(session.id(), 5);
        assertThat(Fixtures.repliesUntilAnswerTo(session.id(), marker).stream()
                        .filter(r -> r.path("type").asText().equals(EventTypes.CHILDCARE_RELEASED)))
                .hasSize(1);
    }

    @Test
    void lotteryAndWaitlistPromotionAreDecidedExactlyLikeBooking() {
        // One carer: three infants. Purposes take turns; the same lock and ratio decide them all.
        Session session = published(Session.of("hinata", 1));
        List<String> purposes = List.of("BOOKING", "LOTTERY", "WAITLIST_PROMOTION");
        for (int i = 0; i < 9; i++) {
            requestChildcare(
                    purposes.get(i % 3), session.id(), UUID.randomUUID(), "attendee-p" + i, UUID.randomUUID(), 0);
        }
        List<JsonNode> answers = replies(session.id(), 9);
        assertThat(answers)
                .filteredOn(answer -> answer.path("type").asText().equals(EventTypes.CHILDCARE_RESERVED))
                .hasSize(3);
        assertThat(answers)
                .filteredOn(answer -> answer.path("type").asText().equals(EventTypes.CHILDCARE_REJECTED))
                .hasSize(6)
                .allSatisfy(answer ->
                        assertThat(answer.path("data").path("reason").asText()).isEqualTo("RATIO_EXCEEDED"));
        assertThat(totalChildren(session.id())).isEqualTo(3);

        // Refusal reasons are the same too: a 7-year-old is not for this age, whatever the purpose.
        Session roomy = published(Session.of("hinata", 2));
        for (String purpose : purposes) {
            UUID request = requestChildcare(purpose, roomy.id(), UUID.randomUUID(), "attendee-q", UUID.randomUUID(), 7);
            assertThat(replyTo(roomy.id(), request).path("data").path("reason").asText())
                    .isEqualTo("AGE_OUT_OF_RANGE");
            UUID fits = requestChildcare(purpose, roomy.id(), UUID.randomUUID(), "attendee-r", UUID.randomUUID(), 2);
            assertThat(replyTo(roomy.id(), fits).path("type").asText()).isEqualTo(EventTypes.CHILDCARE_RESERVED);
        }
    }

    /**
     * Issue #14, places leaked after timeouts: childcare-booking was away longer than registration waits, so
     * registration released the hold and withdrew the request; the request and its withdrawal are then read in order.
     * The places reserved for an answer nobody waits for go back, and ChildcareReleased tells registration to offer
     * again.
     */
    @Test
    void aRequestWithdrawnAfterItsTimeoutReleasesWhatItReserved() {
        Session session = published(Session.of("hinata", 1));
        UUID registrationId = UUID.randomUUID();
        UUID request = requestChildcare(
                "WAITLIST_PROMOTION", session.id(), registrationId, "attendee-w", UUID.randomUUID(), 0, 0, 0);
        Fixtures.holdWithdrawn(session.id(), registrationId, request);
        assertThat(replyTo(session.id(), request).path("type").asText()).isEqualTo(EventTypes.CHILDCARE_RESERVED);

        JsonNode released =
                Fixtures.releases(session.id(), 1, Duration.ofSeconds(60)).get(0);
        assertThat(released.path("data").path("registrationId").asText()).isEqualTo(registrationId.toString());
        assertThat(released.path("data").path("cause").asText()).isEqualTo("HOLD_WITHDRAWN");
        await().atMost(Duration.ofSeconds(30)).until(() -> totalChildren(session.id()) == 0);
        // the three places are free for the next mother: not CAP_EXCEEDED / RATIO_EXCEEDED
        assertThat(replyTo(session.id(), requestChildcare(session.id(), 0, 0, 0))
                        .path("type")
                        .asText())
                .isEqualTo(EventTypes.CHILDCARE_RESERVED);
    }

    @Test
    void anExpiredOrDeclinedSeatOfferReleasesItsChildcare() {
        // A waitlisted mother is offered a freed seat: registration asks childcare first (WAITLIST_PROMOTION).
        Session session = published(Session.of("hinata", 1));
        UUID expiring = UUID.randomUUID();
        UUID declining = UUID.randomUUID();
        assertThat(replyTo(
                                session.id(),
                                requestChildcare(
                                        "WAITLIST_PROMOTION",
                                        session.id(),
                                        expiring,
                                        "attendee-e",
                                        UUID.randomUUID(),
                                        0,
                                        0))
                        .path("type")
                        .asText())
                .isEqualTo(EventTypes.CHILDCARE_RESERVED);
        assertThat(replyTo(
                                session.id(),
                                requestChildcare(
                                        "WAITLIST_PROMOTION",
                                        session.id(),
                                        declining,
                                        "attendee-f",
                                        UUID.randomUUID(),
                                        0))
                        .path("type")
                        .asText())
                .isEqualTo(EventTypes.CHILDCARE_RESERVED);
        assertThat(totalChildren(session.id())).isEqualTo(3);

        Fixtures.offerExpired(session.id(), expiring, "attendee-e", false);
        Fixtures.offerExpired(session.id(), declining, "attendee-f", true);
        // Redelivered as a new message: nothing more to release.
        Fixtures.offerExpired(session.id(), expiring, "attendee-e", false);

        List<JsonNode> released = Fixtures.releases(session.id(), 2, Duration.ofSeconds(60));
        assertThat(released)
                .extracting(r -> r.path("data").path("registrationId").asText())
                .containsExactlyInAnyOrder(expiring.toString(), declining.toString());
        assertThat(released)
                .allSatisfy(
                        r -> assertThat(r.path("data").path("cause").asText()).isEqualTo("OFFER_EXPIRED"));
        await().atMost(Duration.ofSeconds(30)).until(() -> totalChildren(session.id()) == 0);
        UUID marker = requestChildcare(session.id(), 5);
        assertThat(Fixtures.repliesUntilAnswerTo(session.id(), marker).stream()
                        .filter(r -> r.path("type").asText().equals(EventTypes.CHILDCARE_RELEASED)))
                .hasSize(2);
    }

    @Test
    void theChildcareDeadlineClosesRequests() {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        // The session is next week and its seats may still be open, but childcare closed an hour ago.
        Session session = published(Session.of("hinata", 3).withDeadline(now.minusHours(1)));

        JsonNode answer = replyTo(session.id(), requestChildcare(session.id(), 2));
        assertThat(answer.path("type").asText()).isEqualTo(EventTypes.CHILDCARE_REJECTED);
        assertThat(answer.path("data").path("reason").asText()).isEqualTo("DEADLINE_PASSED");
        assertThat(totalChildren(session.id())).isZero();
    }

    @Test
    void childcareAskedWithALotteryApplicationIsJudgedAgainstTheDeadlineAsOfTheApplication() {
        // The tester's lottery: childcare closed with the applications, one carer; the draw asks after both deadlines.
        OffsetDateTime deadline = OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(2);
        Session session = published(Session.of("hinata", 1).withDeadline(deadline));

        UUID sora = requestChildcareAskedWithApplication(
                session.id(), UUID.randomUUID(), "attendee-sora", deadline.minusMinutes(3), 3);
        assertThat(replyTo(session.id(), sora).path("type").asText()).isEqualTo(EventTypes.CHILDCARE_RESERVED);
        assertThat(totalChildren(session.id())).isEqualTo(1);

        // asked exactly at the deadline is after it (childcare.md), and places are still judged at the draw
        UUID atTheDeadline =
                requestChildcareAskedWithApplication(session.id(), UUID.randomUUID(), "attendee-late", deadline, 3);
        assertThat(replyTo(session.id(), atTheDeadline)
                        .path("data")
                        .path("reason")
                        .asText())
                .isEqualTo("DEADLINE_PASSED");
        Session full = published(Session.of("hinata", 1).withDeadline(deadline));
        requestChildcareAskedWithApplication(
                full.id(), UUID.randomUUID(), "attendee-a", deadline.minusMinutes(5), 0, 0);
        UUID noPlace = requestChildcareAskedWithApplication(
                full.id(), UUID.randomUUID(), "attendee-b", deadline.minusMinutes(4), 0, 0);
        assertThat(replyTo(full.id(), noPlace).path("data").path("reason").asText())
                .isEqualTo("RATIO_EXCEEDED");
    }

    @Test
    void anUnknownSessionIsRejectedWithItsOwnReason() {
        UUID unknown = UUID.randomUUID();
        JsonNode answer = replyTo(unknown, requestChildcare(unknown, 1));
        assertThat(answer.path("type").asText()).isEqualTo(EventTypes.CHILDCARE_REJECTED);
        assertThat(answer.path("data").path("reason").asText()).isEqualTo("UNKNOWN_SESSION");
    }

    @Test
    void fewerCarersNeverDropConfirmedChildrenButShowTheShortfall() {
        Session session = published(Session.of("hinata", 2));
        assertThat(replyTo(session.id(), requestChildcare(session.id(), 0, 0, 0, 0, 0, 0))
                        .path("type")
                        .asText())
                .isEqualTo(EventTypes.CHILDCARE_RESERVED);

        Fixtures.publish(session.withCarers(1), EventTypes.EVENT_CHANGED, 1);

        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> given().auth()
                        .oauth2(Tokens.accessToken("organiser1"))
                        .get("/api/childcare/sessions/" + session.id())
                        .then()
                        .statusCode(200)
                        .body("carers", equalTo(1))
                        .body("totalChildren", equalTo(6))
                        .body("carersNeeded", equalTo(2))
                        .body("carersShort", equalTo(1))
                        .body("overCapacity", equalTo(true)));
        assertThat(replyTo(session.id(), requestChildcare(session.id(), 5))
                        .path("data")
                        .path("reason")
                        .asText())
                .isEqualTo("RATIO_EXCEEDED");
    }

    @Test
    void anUnreadableRequestGoesToTheDeadLetterTopic() {
        UUID sessionId = UUID.randomUUID();
        UUID eventId = UUID.randomUUID();
        KafkaTopicWriter.send(Topics.REGISTRATION_LIFECYCLE, sessionId.toString(), """
                {"specversion":"1.0","id":"%s","type":"%s","data":{"requestId":"not-a-uuid","childrenAges":[]}}
                """.formatted(
                        eventId, EventTypes.CHILDCARE_REQUESTED));
        assertThat(KafkaTopicReader.awaitRecords(
                        Topics.deadLetterOf(Topics.REGISTRATION_LIFECYCLE, "childcare-booking"),
                        record -> record.value().contains(eventId.toString()),
                        1,
                        Duration.ofSeconds(60)))
                .hasSize(1);
    }
}
