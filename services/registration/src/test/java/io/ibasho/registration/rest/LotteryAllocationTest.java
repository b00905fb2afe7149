package io.ibasho.registration.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ibasho.contracts.EventTypes;
import io.ibasho.contracts.Topics;
import io.ibasho.registration.lottery.DrawOutcome;
import io.ibasho.registration.lottery.LotteryApplicant;
import io.ibasho.registration.lottery.LotteryDraw;
import io.ibasho.registration.lottery.LotteryPolicy;
import io.ibasho.registration.lottery.LotterySeed;
import io.ibasho.registration.lottery.RankedApplicant;
import io.ibasho.registration.lottery.SeatAllocation;
import io.ibasho.registration.service.LotteryAllocationService;
import io.ibasho.registration.support.Api;
import io.ibasho.registration.support.LotteryRecords;
import io.ibasho.registration.support.LotterySessions;
import io.ibasho.registration.support.MovableClock;
import io.ibasho.registration.support.TestAttendees;
import io.ibasho.testsupport.IbashoServers;
import io.ibasho.testsupport.JsonBody;
import io.ibasho.testsupport.KafkaTopicWriter;
import io.ibasho.testsupport.Tokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The lottery after the draw, over real Kafka: the test plays the childcare service, reading each ChildcareRequested
 * from registration-lifecycle and answering with a real ChildcareReserved / ChildcareRejected CloudEvent on
 * childcare-lifecycle. Priority tiers make the drawn order's shape deterministic (who is above and below the seats)
 * while the order inside a tier is the seed's; the test recomputes that order from the revealed seed.
 */
@QuarkusTest
@WithTestResource(value = IbashoServers.class, initArgs = @ResourceArg(name = "database", value = "registration"))
class LotteryAllocationTest {
    static List<String> people;
    private final ObjectMapper json = new ObjectMapper();

    @Inject
    MovableClock clock;

    @Inject
    LotteryAllocationService allocations;

    @AfterEach
    void clockBack() {
        clock.reset();
    }

    /** The timeout job, run now (the test profile turns its timer off). */
    void answerOverdueQuestions() {
        try {
            VertxContextSupport.subscribeAndAwait(() -> allocations.answerOverdueQuestions());
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    @BeforeAll
    static void people() {
        people = TestAttendees.create("lotalloc", 16);
    }

    /** Her application: {@code id} the registration (in her URLs and in Kafka), {@code reference} as the draw names it. */
    record Applied(String user, UUID id, UUID reference, int tier, boolean needsChildcare) {}

    static Applied apply(String user, UUID sessionId, int tier, List<Integer> childrenAges) {
        Map<String, Object> body = new HashMap<>(Map.of("nickname", user, "priorityTier", tier));
        if (!childrenAges.isEmpty()) {
            body.put("childrenAges", childrenAges);
        }
        var answer = given().auth()
                .oauth2(Tokens.accessToken(user))
                .contentType(ContentType.JSON)
                .body(body)
                .post("/api/registrations/sessions/" + sessionId + "/applications")
                .then()
                .statusCode(201)
                .extract()
                .response();
        UUID id = UUID.fromString(JsonBody.text(answer, "id"));
        UUID reference = UUID.fromString(JsonBody.text(answer, "lotteryReference"));
        assertThat(reference).isNotEqualTo(id);
        return new Applied(user, id, reference, tier, !childrenAges.isEmpty());
    }

    /** Closes the applications and draws (by hand, or by the scheduler if it was quicker); the draw's audit record. */
    static Response draw(UUID sessionId) {
        return LotterySessions.closeAndDraw(sessionId);
    }

    static Response lottery(UUID sessionId) {
        return given().auth()
                .oauth2(Tokens.accessToken("hana"))
                .get("/api/registrations/sessions/" + sessionId + "/lottery");
    }

    static void awaitSession(UUID sessionId) {
        await().atMost(Duration.ofSeconds(30)).until(() -> lottery(sessionId).statusCode() == 200);
    }

    /** The ChildcareRequested messages for this session, in the order they were published (one partition per key). */
    List<JsonNode> childcareRequests(UUID sessionId, int count, Duration wait) {
        return LotteryRecords.awaitRecords(
                        Topics.REGISTRATION_LIFECYCLE,
                        r -> sessionId.toString().equals(r.key()) && r.value().contains(EventTypes.CHILDCARE_REQUESTED),
                        count,
                        wait)
                .stream()
                .map(this::data)
                .toList();
    }

    JsonNode data(ConsumerRecord<String, String> record) {
        try {
            return json.readTree(record.value()).path("data");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Answers as childcare-booking would: a CloudEvent on childcare-lifecycle, keyed by the session id. */
    static String answer(JsonNode request, boolean reserved) {
        return answer(request, reserved, 1);
    }

    /** {@code deliveries} > 1 sends the very same CloudEvent again, as Kafka may (at-least-once). */
    static String answer(JsonNode request, boolean reserved, int deliveries) {
        String sessionId = request.path("sessionId").asText();
        String data = reserved
                ? "{\"requestId\":\"%s\",\"registrationId\":\"%s\",\"sessionId\":\"%s\",\"children\":1}"
                        .formatted(
                                request.path("requestId").asText(),
                                request.path("registrationId").asText(),
                                sessionId)
                : "{\"requestId\":\"%s\",\"registrationId\":\"%s\",\"sessionId\":\"%s\",\"reason\":\"RATIO_EXCEEDED\"}"
                        .formatted(
                                request.path("requestId").asText(),
                                request.path("registrationId").asText(),
                                sessionId);
        String eventId = UUID.randomUUID().toString();
        String event = """
                {"specversion":"1.0","id":"%s","source":"/ibasho/childcare-booking","type":"%s","time":"%s","subject":"%s",
                 "datacontenttype":"application/json","data":%s}
                """.formatted(
                        eventId,
                        reserved ? EventTypes.CHILDCARE_RESERVED : EventTypes.CHILDCARE_REJECTED,
                        OffsetDateTime.now(ZoneOffset.UTC),
                        sessionId,
                        data);
        for (int i = 0; i < deliveries; i++) {
            KafkaTopicWriter.send(Topics.CHILDCARE_LIFECYCLE, sessionId, event);
        }
        return eventId;
    }

    static List<UUID> ids(JsonNode array) {
        List<UUID> ids = new ArrayList<>();
        array.forEach(id -> ids.add(UUID.fromString(id.asText())));
        return ids;
    }

    @Test
    void childcareIsAskedOneAtATimeInDrawnOrderARejectionKeepsHerRankAndNobodyBelowTheSeatsIsAsked() throws Exception {
        // 10 seats. Tier 0: 10 applicants, 4 of them need childcare. Tier 1: one without. Tier 2: two who need
        // childcare.
        UUID sessionId = LotterySessions.lottery(
                10, OffsetDateTime.now(ZoneOffset.UTC).plusDays(1), "{\"priority\":[\"first\",\"second\",\"third\"]}");
        awaitSession(sessionId);
        List<Applied> applied = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            applied.add(apply(people.get(i), sessionId, 0, i < 4 ? List.of(i, 3) : List.of()));
        }
        applied.add(apply(people.get(10), sessionId, 1, List.of()));
        applied.add(apply(people.get(11), sessionId, 2, List.of(2)));
        applied.add(apply(people.get(12), sessionId, 2, List.of(5)));
        lottery(sessionId)
                .then()
                .body("applications", org.hamcrest.Matchers.nullValue())
                .body("allocation", org.hamcrest.Matchers.nullValue());
        given().auth()
                .oauth2(Tokens.accessToken("organiser1"))
                .queryParam("sessionId", sessionId)
                .get("/api/registrations/seat-counts")
                .then()
                .body("[0].applications", equalTo(13));

        var drawn = draw(sessionId)
                .then()
                .statusCode(200)
                .body("allocation", equalTo("ALLOCATING"))
                .extract();
        // everyone in tier 0 above the first one needing childcare is already seated; nothing is published yet
        given().auth()
                .oauth2(Tokens.accessToken("hana"))
                .get("/api/registrations/sessions/" + sessionId + "/lottery/published")
                .then()
                .statusCode(409)
                .body("type", containsString("allocating"));
        lottery(sessionId)
                .then()
                .body("drawn", equalTo(true))
                .body("allocation", equalTo("ALLOCATING"))
                .body("firstComeOpen", equalTo(false));

        // the expected run, recomputed from the revealed seed: the first one asked is refused, the others get childcare
        LotteryPolicy policy = LotteryPolicy.withSeats(10).withPriorityTiers("first", "second", "third");
        List<RankedApplicant> order = LotteryDraw.rank(
                policy,
                LotterySeed.fromHex(drawn.path("seed")),
                drawn.<String>path("inputDigest"),
                applied.stream()
                        .map(a -> new LotteryApplicant(a.reference(), a.tier(), false, a.needsChildcare()))
                        .toList());
        List<UUID> askedInDrawnOrder = order.stream()
                .filter(r -> r.applicant().needsChildcare() && r.rankGroup() == 0)
                .map(RankedApplicant::applicationId)
                .toList();
        // the draw names her by reference; the questions to childcare-booking by her registration
        Map<UUID, UUID> registrationOf = new HashMap<>();
        applied.forEach(a -> registrationOf.put(a.reference(), a.id()));
        List<UUID> askedRegistrations =
                askedInDrawnOrder.stream().map(registrationOf::get).toList();
        UUID refused = askedInDrawnOrder.get(0);
        DrawOutcome expected = SeatAllocation.allocate(order, policy, id -> !id.equals(refused));

        // play childcare-booking: exactly one question is open at a time, and they come in drawn order
        for (int k = 0; k < askedInDrawnOrder.size(); k++) {
            List<JsonNode> requests = childcareRequests(sessionId, k + 1, Duration.ofSeconds(30));
            assertThat(requests).hasSize(k + 1);
            assertThat(LotteryRecords.outboxEvents(sessionId, EventTypes.CHILDCARE_REQUESTED))
                    .as("one question at a time")
                    .isEqualTo(k + 1);
            JsonNode request = requests.get(k);
            assertThat(UUID.fromString(request.path("registrationId").asText())).isEqualTo(askedRegistrations.get(k));
            assertThat(request.toString())
                    .doesNotContain(askedInDrawnOrder.get(k).toString());
            assertThat(request.path("purpose").asText()).isEqualTo("LOTTERY");
            assertThat(request.has("nickname")).isFalse();
            // her childcare deadline is judged at her application, which came before the draw (childcare.md)
            assertThat(java.time.Instant.parse(request.path("askedAt").asText()))
                    .isBeforeOrEqualTo(
                            OffsetDateTime.parse(drawn.<String>path("drawnAt")).toInstant());
            answer(request, k != 0, k == 0 ? 2 : 1); // the refusal is delivered twice: the second changes nothing
        }
        await().atMost(Duration.ofSeconds(30))
                .until(() -> "DONE".equals(lottery(sessionId).then().extract().path("allocation")));
        // the two in tier 2 who need childcare were below the seats: never asked, so no childcare without a seat
        assertThat(LotteryRecords.outboxEvents(sessionId, EventTypes.CHILDCARE_REQUESTED))
                .isEqualTo(4);
        List<JsonNode> allRequests = childcareRequests(sessionId, 4, Duration.ofSeconds(30));
        assertThat(allRequests.stream()
                        .map(r -> UUID.fromString(r.path("registrationId").asText()))
                        .toList())
                .containsExactlyElementsOf(askedRegistrations);

        // the published draw has the answers and anyone can recompute the result from it
        String published = given().auth()
                .oauth2(Tokens.accessToken("mei"))
                .get("/api/registrations/sessions/" + sessionId + "/lottery/published")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        JsonNode draw = json.readTree(published);
        assertThat(ids(draw.path("winners"))).containsExactlyElementsOf(expected.winnerIds());
        assertThat(ids(draw.path("reserve"))).containsExactlyElementsOf(expected.reserveIds());
        assertThat(draw.path("childcareAnswers")).hasSize(4);
        assertThat(draw.path("childcareAnswers").get(0).path("id").asText()).isEqualTo(refused.toString());
        assertThat(draw.path("childcareAnswers").get(0).path("reserved").asBoolean())
                .isFalse();
        given().contentType(ContentType.JSON)
                .body(published)
                .post("/api/registrations/lottery/verify")
                .then()
                .statusCode(200)
                .body("ok", equalTo(true));
        // a forged answer (she was refused; say she got childcare) no longer matches the published winners
        ObjectNode forged = (ObjectNode) json.readTree(published);
        ((ObjectNode) ((ArrayNode) forged.path("childcareAnswers")).get(0)).put("reserved", true);
        given().contentType(ContentType.JSON)
                .body(forged.toString())
                .post("/api/registrations/lottery/verify")
                .then()
                .statusCode(200)
                .body("ok", equalTo(false))
                .body("failedCheck", equalTo("WINNERS"));

        // the refused one keeps her drawn rank at the head of the reserve list; the tier-1 applicant got the seat
        Applied tierOne = applied.get(10);
        assertThat(expected.winnerIds()).contains(tierOne.reference()).doesNotContain(refused);
        String refusedUser = applied.stream()
                .filter(a -> a.reference().equals(refused))
                .findFirst()
                .orElseThrow()
                .user();
        assertThat(Api.myRegistration(refusedUser, sessionId))
                .containsEntry("status", "waitlisted")
                .containsEntry("position", 1)
                .containsEntry("waitlistReason", "CHILDCARE_UNAVAILABLE");
        assertThat(Api.myRegistration(tierOne.user(), sessionId)).containsEntry("status", "confirmed");
        assertThat(Api.myRegistration(applied.get(11).user(), sessionId).get("status"))
                .isEqualTo("waitlisted");
        var waitlisted = LotteryRecords.awaitRecords(
                Topics.REGISTRATION_LIFECYCLE,
                r -> sessionId.toString().equals(r.key())
                        && r.value().contains(EventTypes.WAITLISTED)
                        && r.value().contains(registrationOf.get(refused).toString()),
                1,
                Duration.ofSeconds(30));
        assertThat(data(waitlisted.get(0)).path("reason").asText()).isEqualTo("CHILDCARE_UNAVAILABLE");
        Api.roster("organiser1", sessionId)
                .then()
                .body("confirmed", equalTo(10))
                .body("seatsTaken", equalTo(10));
        assertThat(LotteryRecords.outboxEvents(sessionId, EventTypes.LOTTERY_DRAWN))
                .isEqualTo(1);
        var lotteryDrawn = LotteryRecords.awaitRecords(
                Topics.REGISTRATION_LIFECYCLE,
                r -> sessionId.toString().equals(r.key()) && r.value().contains(EventTypes.LOTTERY_DRAWN),
                1,
                Duration.ofSeconds(30));
        assertThat(data(lotteryDrawn.get(0)).path("winners").asInt()).isEqualTo(10);
        assertThat(data(lotteryDrawn.get(0)).path("childcareAsked").asInt()).isEqualTo(4);
        // the reserve list is not exhausted: no first-come booking
        lottery(sessionId).then().body("firstComeOpen", equalTo(false));
    }

    @Test
    void anUnansweredQuestionCountsAsNoAfterTheTimeoutAndALateReplyChangesNothing() throws Exception {
        UUID sessionId = LotterySessions.lottery(
                1, OffsetDateTime.now(ZoneOffset.UTC).plusDays(1), "{\"priority\":[\"a\",\"b\"]}");
        awaitSession(sessionId);
        Applied needsChildcare = apply(people.get(13), sessionId, 0, List.of(1));
        Applied other = apply(people.get(14), sessionId, 1, List.of());
        draw(sessionId)
                .then()
                .statusCode(200)
                .body("allocation", equalTo("ALLOCATING"))
                .body("winners", equalTo(0));
        JsonNode request =
                childcareRequests(sessionId, 1, Duration.ofSeconds(30)).get(0);
        assertThat(request.path("registrationId").asText())
                .isEqualTo(needsChildcare.id().toString());

        // a reply to somebody else's request (a first-come booking's) is not the lottery's: ignored, not dead-lettered
        String foreignRequest = UUID.randomUUID().toString();
        ObjectNode foreign = json.createObjectNode()
                .put("sessionId", sessionId.toString())
                .put("requestId", foreignRequest)
                .put("registrationId", UUID.randomUUID().toString());
        answer(foreign, false);

        // nobody answers: once the timeout has passed, the job counts it as "no" and the next in drawn order wins
        answerOverdueQuestions();
        lottery(sessionId).then().body("allocation", equalTo("ALLOCATING"));
        clock.advance(Duration.ofMinutes(11));
        answerOverdueQuestions();
        lottery(sessionId).then().body("allocation", equalTo("DONE"));
        assertThat(Api.myRegistration(other.user(), sessionId)).containsEntry("status", "confirmed");
        assertThat(Api.myRegistration(needsChildcare.user(), sessionId))
                .containsEntry("status", "waitlisted")
                .containsEntry("position", 1);
        String published = given().auth()
                .oauth2(Tokens.accessToken("hana"))
                .get("/api/registrations/sessions/" + sessionId + "/lottery/published")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        JsonNode draw = json.readTree(published);
        assertThat(draw.path("childcareAnswers").get(0).path("reserved").asBoolean())
                .isFalse();
        given().contentType(ContentType.JSON)
                .body(published)
                .post("/api/registrations/lottery/verify")
                .then()
                .statusCode(200)
                .body("ok", equalTo(true));

        String late = answer(request, true); // too late
        // the consumer reads one partition in order: once the late reply is handled, so was the foreign one before it
        await().atMost(Duration.ofSeconds(30)).until(() -> LotteryRecords.processed(late, "registration-lottery"));
        assertThat(LotteryRecords.recordsSoFar(
                        "childcare-lifecycle.registration-lottery.dlq",
                        r -> r.value().contains(foreignRequest)))
                .isEmpty();
        assertThat(Api.myRegistration(needsChildcare.user(), sessionId)).containsEntry("status", "waitlisted");
        given().auth()
                .oauth2(Tokens.accessToken("hana"))
                .get("/api/registrations/sessions/" + sessionId + "/lottery/published")
                .then()
                .statusCode(200)
                .body("winners[0]", equalTo(other.reference().toString()));
    }

    @Test
    void winnersConfirmByTheDeadlineADeclinedWinPassesDownAndLeftoverSeatsOpenFirstCome() throws Exception {
        UUID sessionId = LotterySessions.lottery(
                2,
                OffsetDateTime.now(ZoneOffset.UTC).plusDays(1),
                "{\"priority\":[],\"confirmationRequired\":true,\"confirmationHours\":24}");
        awaitSession(sessionId);
        lottery(sessionId)
                .then()
                .body("policy.confirmationRequired", equalTo(true))
                .body("policy.confirmationHours", equalTo(24));
        List<Applied> applied = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            applied.add(apply(people.get(15 - i), sessionId, 0, List.of()));
        }
        OffsetDateTime drawnAround = OffsetDateTime.now(ZoneOffset.UTC);
        draw(sessionId)
                .then()
                .statusCode(200)
                .body("allocation", equalTo("DONE"))
                .body("winners", equalTo(2))
                .body("reserve", equalTo(1));
        JsonNode published = json.readTree(given().auth()
                .oauth2(Tokens.accessToken("hana"))
                .get("/api/registrations/sessions/" + sessionId + "/lottery/published")
                .then()
                .statusCode(200)
                .extract()
                .asString());
        List<UUID> winners = ids(published.path("winners"));
        Map<UUID, String> userOf = new HashMap<>();
        Map<UUID, UUID> registrationOf = new HashMap<>();
        applied.forEach(a -> userOf.put(a.reference(), a.user()));
        applied.forEach(a -> registrationOf.put(a.reference(), a.id()));
        String first = userOf.get(winners.get(0));
        String second = userOf.get(winners.get(1));
        String reserve = userOf.get(ids(published.path("reserve")).get(0));

        // winners are offered their seat until the deadline, with the reason LOTTERY_WIN
        Map<String, Object> offer = Api.myRegistration(first, sessionId);
        assertThat(offer).containsEntry("status", "offered").containsEntry("offerReason", "LOTTERY_WIN");
        OffsetDateTime deadline = OffsetDateTime.parse((String) offer.get("offerExpiresAt"));
        assertThat(deadline)
                .isBetween(
                        drawnAround.plusHours(24).minusMinutes(1),
                        drawnAround.plusHours(24).plusMinutes(2));
        var offered = LotteryRecords.awaitRecords(
                Topics.REGISTRATION_LIFECYCLE,
                r -> sessionId.toString().equals(r.key()) && r.value().contains(EventTypes.SEAT_OFFERED),
                2,
                Duration.ofSeconds(30));
        assertThat(offered)
                .hasSize(2)
                .allSatisfy(r -> assertThat(data(r).path("reason").asText()).isEqualTo("LOTTERY_WIN"));

        // she accepts: confirmed with a booking code
        // the published reference opens nothing: her own pages go by the registration id only
        Api.mine(first, winners.get(0), "accept").then().statusCode(404);
        Api.mine(first, registrationOf.get(winners.get(0)), "accept").then().statusCode(200);
        assertThat(Api.myRegistration(first, sessionId)).containsEntry("status", "confirmed");
        assertThat((String) Api.myRegistration(first, sessionId).get("bookingCode"))
                .hasSize(8);
        // mei cannot accept hana's win, nor can anyone else: 404
        given().auth()
                .oauth2(Tokens.accessToken("mei"))
                .post("/api/registrations/mine/" + registrationOf.get(winners.get(1)) + "/accept")
                .then()
                .statusCode(404);

        // the other declines: the seat passes down the reserve list as an offer
        lottery(sessionId).then().body("firstComeOpen", equalTo(false));
        String latecomer = people.get(11);
        firstCome(latecomer, sessionId)
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("type", org.hamcrest.Matchers.endsWith("not-first-come"));
        Api.mine(second, registrationOf.get(winners.get(1)), "decline").then().statusCode(200);
        await().atMost(Duration.ofSeconds(10))
                .until(() ->
                        "offered".equals(Api.myRegistration(reserve, sessionId).get("status")));
        lottery(sessionId).then().body("firstComeOpen", equalTo(false));
        assertThat(Api.myRegistration(reserve, sessionId))
                .as("the reserve list's seat is a freed seat, not a win she must confirm")
                .containsEntry("offerReason", "SEAT_FREED");

        // the reserve list's last one declines too: nobody is left on it and a seat is free, so it opens first-come
        UUID reserveId =
                UUID.fromString((String) Api.myRegistration(reserve, sessionId).get("id"));
        Api.mine(reserve, reserveId, "decline").then().statusCode(200);
        lottery(sessionId).then().body("firstComeOpen", equalTo(true));
        Api.roster("organiser1", sessionId).then().body("seatsTaken", equalTo(1));
        // the leftover seat is booked first-come, and then the session is full as any other
        firstCome(latecomer, sessionId).then().statusCode(201).body("status", equalTo("confirmed"));
        firstCome(people.get(10), sessionId)
                .then()
                .statusCode(409)
                .body("type", org.hamcrest.Matchers.endsWith("session-full"));
        Api.roster("organiser1", sessionId).then().body("seatsTaken", equalTo(2));
    }

    private static io.restassured.response.Response firstCome(String user, UUID sessionId) {
        return given().auth()
                .oauth2(Tokens.accessToken(user))
                .contentType(ContentType.JSON)
                .body(Map.of("nickname", "latecomer"))
                .post("/api/registrations/sessions/" + sessionId + "/bookings");
    }

    @Test
    void applicationsTakeChildrensAgesWithTheBookingsRules() {
        UUID sessionId =
                LotterySessions.lottery(2, OffsetDateTime.now(ZoneOffset.UTC).plusDays(1), "{}");
        awaitSession(sessionId);
        for (Object ages : List.of(List.of(18), List.of(-1), List.of(1, 1, 1, 1, 1, 1, 1))) {
            given().auth()
                    .oauth2(Tokens.accessToken("mei"))
                    .contentType(ContentType.JSON)
                    .body(Map.of("nickname", "mei", "childrenAges", ages))
                    .post("/api/registrations/sessions/" + sessionId + "/applications")
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json");
        }
        given().contentType(ContentType.JSON)
                .body(Map.of("nickname", "x", "childrenAges", List.of(2)))
                .post("/api/registrations/sessions/" + sessionId + "/applications")
                .then()
                .statusCode(401);
        // ages 0 and 17 are fine
        given().auth()
                .oauth2(Tokens.accessToken("mei"))
                .contentType(ContentType.JSON)
                .body(Map.of("nickname", "mei", "childrenAges", List.of(0, 17)))
                .post("/api/registrations/sessions/" + sessionId + "/applications")
                .then()
                .statusCode(201)
                .body("status", equalTo("applied"));
    }
}
