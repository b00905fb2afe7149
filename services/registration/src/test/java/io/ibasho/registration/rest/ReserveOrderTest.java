package io.ibasho.registration.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.ibasho.contracts.EventTypes;
import io.ibasho.contracts.Topics;
import io.ibasho.registration.support.Api;
import io.ibasho.registration.support.ChildcareService;
import io.ibasho.registration.support.LotteryRecords;
import io.ibasho.registration.support.LotterySessions;
import io.ibasho.registration.support.TestAttendees;
import io.ibasho.testsupport.IbashoServers;
import io.ibasho.testsupport.KafkaTopicWriter;
import io.ibasho.testsupport.Tokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A lottery's reserve list is honoured in order when childcare is part of the seat (docs/adr/0039). The test plays
 * childcare-booking over the real test Kafka. Priority tiers fix the drawn order: the winner in tier 0, reserve
 * number 1 in tier 1, number 2 in tier 2, all three with children.
 */
@QuarkusTest
@WithTestResource(value = IbashoServers.class, initArgs = @ResourceArg(name = "database", value = "registration"))
class ReserveOrderTest {
    static List<String> people;

    @BeforeAll
    static void people() {
        people = TestAttendees.create("reserve-order", 6);
    }

    @Test
    void theRequestForNumberOneNamesTheWinnersReleaseItMustNotOvertakeAndNumberTwoIsNotAsked() {
        // one seat: the winner takes it with childcare; 1 and 2 are below the seats, never asked at the draw
        UUID sessionId = lottery(1);
        UUID winner = apply(people.get(0), sessionId, 0);
        UUID one = apply(people.get(1), sessionId, 1);
        UUID two = apply(people.get(2), sessionId, 2);
        java.time.Instant appliedBy = java.time.Instant.now().plusMillis(1);
        LotterySessions.closeAndDraw(sessionId);
        answer(requestFor(sessionId, winner, 1), true);
        await().atMost(Duration.ofSeconds(30)).until(() -> "confirmed".equals(status(people.get(0), sessionId)));
        assertThat(Api.myRegistration(people.get(1), sessionId))
                .containsEntry("status", "waitlisted")
                .containsEntry("waitlistReason", "LOTTERY_RESERVE");

        // the winner cancels: in the same transaction her places are let go (RegistrationCancelled) and number 1 is
        // asked. Two outbox relays may publish these in either order; the request names the release it must follow,
        // so childcare-booking waits for it rather than refusing number 1 (its ReleaseOnItsWayTest shows that side).
        Api.mine(people.get(0), winner, "cancel").then().statusCode(200);
        JsonNode request = requestFor(sessionId, one, 1);
        assertThat(request.path("purpose").asText()).isEqualTo("WAITLIST_PROMOTION");
        assertThat(request.path("awaitsReleaseOf").toString()).isEqualTo("[\"" + winner + "\"]");
        // she asked for childcare with her application: its deadline is judged as of then, not of this offer
        assertThat(java.time.Instant.parse(request.path("askedAt").asText())).isBefore(appliedBy);
        assertThat(request.toString()).doesNotContain("nickname").doesNotContain(people.get(1));
        assertThat(status(people.get(1), sessionId)).isEqualTo("pending_childcare");
        assertThat(Api.myRegistration(people.get(2), sessionId))
                .containsEntry("status", "waitlisted")
                .containsEntry("position", 2);
        assertThat(requests(sessionId, two)).isEmpty();

        answer(request, true);
        await().atMost(Duration.ofSeconds(30)).until(() -> "offered".equals(status(people.get(1), sessionId)));
        assertThat(Api.myRegistration(people.get(1), sessionId)).containsEntry("childcareStatus", "reserved");
        assertThat(Api.myRegistration(people.get(2), sessionId)).containsEntry("status", "waitlisted");
        assertThat(requests(sessionId, two)).isEmpty();
    }

    @Test
    void twoFreedSeatsAskChildcareForOneReserveAtATimeInReserveOrder() {
        // two seats, one winner: childcare (as played here) takes only her children, so 1 and 2 wait for childcare
        UUID sessionId = lottery(2);
        UUID winner = apply(people.get(3), sessionId, 0);
        UUID one = apply(people.get(4), sessionId, 1);
        UUID two = apply(people.get(5), sessionId, 2);
        LotterySessions.closeAndDraw(sessionId);
        answer(requestFor(sessionId, winner, 1), true);
        answer(requestFor(sessionId, one, 1), false);
        answer(requestFor(sessionId, two, 1), false);
        await().atMost(Duration.ofSeconds(30)).until(() -> "waitlisted".equals(status(people.get(5), sessionId)));

        // the winner cancels; once childcare-booking has released her places both seats are free, but only number 1
        // is asked: asked together, number 2's request could be decided first and take number 1's places
        Api.mine(people.get(3), winner, "cancel").then().statusCode(200);
        ChildcareService.released(sessionId, winner);
        JsonNode forOne = requestFor(sessionId, one, 2);
        ChildcareService.awaitHandled(sessionId);
        assertThat(requests(sessionId, two)).hasSize(1); // only the draw's question
        assertThat(Api.myRegistration(people.get(5), sessionId))
                .containsEntry("status", "waitlisted")
                .containsEntry("position", 2);

        // her answer moves the line on: the second free seat is then offered to number 2, childcare asked first
        answer(forOne, true);
        await().atMost(Duration.ofSeconds(30)).until(() -> "offered".equals(status(people.get(4), sessionId)));
        JsonNode forTwo = requestFor(sessionId, two, 2);
        answer(forTwo, false);
        await().atMost(Duration.ofSeconds(30)).until(() -> "waitlisted".equals(status(people.get(5), sessionId)));
        assertThat(Api.myRegistration(people.get(5), sessionId))
                .containsEntry("position", 2) // her published reserve number, whoever is ahead
                .containsEntry("aheadOfYou", 0)
                .containsEntry("childcareRejectReason", "RATIO_EXCEEDED");
    }

    static UUID lottery(int seats) {
        UUID sessionId = LotterySessions.lottery(
                seats, OffsetDateTime.now(ZoneOffset.UTC).plusDays(1), "{\"priority\":[\"a\",\"b\",\"c\"]}");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> given().get("/api/registrations/sessions/" + sessionId + "/lottery")
                                .statusCode()
                        == 200);
        return sessionId;
    }

    static UUID apply(String user, UUID sessionId, int tier) {
        return UUID.fromString(given().auth()
                .oauth2(Tokens.accessToken(user))
                .contentType(ContentType.JSON)
                .body(Map.of("nickname", user, "priorityTier", tier, "childrenAges", List.of(0, 0)))
                .post("/api/registrations/sessions/" + sessionId + "/applications")
                .then()
                .statusCode(201)
                .extract()
                .path("id"));
    }

    static String status(String user, UUID sessionId) {
        return (String) Api.myRegistration(user, sessionId).get("status");
    }

    /** The ChildcareRequested payloads the service wrote for this registration, in the order written. */
    static List<JsonNode> requests(UUID sessionId, UUID registrationId) {
        return LotteryRecords.outboxData(sessionId, EventTypes.CHILDCARE_REQUESTED).stream()
                .filter(data -> data.path("registrationId").asText().equals(registrationId.toString()))
                .toList();
    }

    /** Waits for the {@code nth} ChildcareRequested of this registration. */
    static JsonNode requestFor(UUID sessionId, UUID registrationId, int nth) {
        await().atMost(Duration.ofSeconds(30))
                .until(() -> requests(sessionId, registrationId).size() >= nth);
        return requests(sessionId, registrationId).get(nth - 1);
    }

    /** Answers as childcare-booking would: a CloudEvent on childcare-lifecycle, keyed by the session id. */
    static void answer(JsonNode request, boolean reserved) {
        String sessionId = request.path("sessionId").asText();
        String data = reserved
                ? "{\"requestId\":\"%s\",\"registrationId\":\"%s\",\"sessionId\":\"%s\",\"children\":2}"
                        .formatted(
                                request.path("requestId").asText(),
                                request.path("registrationId").asText(),
                                sessionId)
                : "{\"requestId\":\"%s\",\"registrationId\":\"%s\",\"sessionId\":\"%s\",\"reason\":\"RATIO_EXCEEDED\"}"
                        .formatted(
                                request.path("requestId").asText(),
                                request.path("registrationId").asText(),
                                sessionId);
        KafkaTopicWriter.send(Topics.CHILDCARE_LIFECYCLE, sessionId, """
                {"specversion":"1.0","id":"%s","source":"/ibasho/childcare-booking","type":"%s","time":"%s","subject":"%s",
                 "datacontenttype":"application/json","data":%s}
                """.formatted(
                        UUID.randomUUID(),
                        reserved ? EventTypes.CHILDCARE_RESERVED : EventTypes.CHILDCARE_REJECTED,
                        OffsetDateTime.now(ZoneOffset.UTC),
                        sessionId,
                        data));
    }
}
