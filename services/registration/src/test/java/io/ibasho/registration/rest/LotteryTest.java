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
import io.ibasho.registration.service.LotteryService;
import io.ibasho.registration.support.Api;
import io.ibasho.registration.support.LotteryRecords;
import io.ibasho.registration.support.LotterySessions;
import io.ibasho.registration.support.MovableClock;
import io.ibasho.registration.support.TestAttendees;
import io.ibasho.testsupport.IbashoServers;
import io.ibasho.testsupport.Tokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The lottery in the service: commitment before, the draw exactly once, the published draw recomputed. */
@QuarkusTest
@WithTestResource(value = IbashoServers.class, initArgs = @ResourceArg(name = "database", value = "registration"))
class LotteryTest {
    static List<String> people;
    private final ObjectMapper json = new ObjectMapper();

    @Inject
    MovableClock clock;

    @Inject
    LotteryService lotteries;

    @AfterEach
    void clockBack() {
        clock.reset();
    }

    @BeforeAll
    static void people() {
        people = TestAttendees.create("lottery", 5);
    }

    static Response apply(String user, UUID sessionId, Integer tier) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("nickname", user));
        if (tier != null) {
            body.put("priorityTier", tier);
        }
        return given().auth()
                .oauth2(Tokens.accessToken(user))
                .contentType(ContentType.JSON)
                .body(body)
                .post("/api/registrations/sessions/" + sessionId + "/applications");
    }

    static Response draw(UUID sessionId) {
        return given().auth()
                .oauth2(Tokens.accessToken("organiser1"))
                .post("/api/registrations/sessions/" + sessionId + "/lottery/draw");
    }

    static Response drawRecord(String user, UUID sessionId) {
        return given().auth()
                .oauth2(Tokens.accessToken(user))
                .get("/api/registrations/sessions/" + sessionId + "/lottery/draw");
    }

    static Response lottery(String user, UUID sessionId) {
        return given().auth()
                .oauth2(Tokens.accessToken(user))
                .get("/api/registrations/sessions/" + sessionId + "/lottery");
    }

    static String awaitCommitment(UUID sessionId) {
        await().atMost(Duration.ofSeconds(30))
                .until(() -> lottery("hana", sessionId).statusCode() == 200);
        return lottery("hana", sessionId).then().extract().path("commitment");
    }

    @Test
    void applicantsSeeThePolicyAndTheCommitmentButNeverTheSeed() {
        UUID sessionId = LotterySessions.lottery(
                2,
                OffsetDateTime.now(ZoneOffset.UTC).plusDays(1),
                "{\"priority\":[\"初めての方 / first-time\",\"その他 / everyone else\"],\"oneWinPerMonth\":true}");
        String commitment = awaitCommitment(sessionId);
        assertThat(commitment).matches("[0-9a-f]{64}");
        lottery("hana", sessionId)
                .then()
                .body("policy.seats", equalTo(2))
                .body("policy.priorityTiers.size()", equalTo(2))
                .body("policy.oneWinPerMonth", equalTo(true))
                .body("policy.childcareRequiredToWin", equalTo(true))
                .body("drawn", equalTo(false))
                .body("$", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasKey("seed")));
        given().auth()
                .oauth2(Tokens.accessToken("hana"))
                .get("/api/registrations/sessions/" + sessionId + "/lottery/published")
                .then()
                .statusCode(404)
                .body("type", containsString("not-drawn"));
        apply("hana", sessionId, 5).then().statusCode(422).body("type", containsString("priority-tier-unknown"));
        Api.book("hana", sessionId, "hana").then().statusCode(409).body("type", containsString("not-first-come"));
    }

    @Test
    void theDrawConfirmsWinnersPutsTheRestOnTheReserveListAndAnyoneCanRecomputeIt() throws Exception {
        UUID sessionId =
                LotterySessions.lottery(2, OffsetDateTime.now(ZoneOffset.UTC).plusDays(1), "{\"priority\":[]}");
        String commitment = awaitCommitment(sessionId);
        for (String person : people) {
            apply(person, sessionId, null).then().statusCode(201).body("status", equalTo("applied"));
        }
        apply(people.get(0), sessionId, null).then().statusCode(409).body("type", containsString("already-registered"));
        given().auth()
                .oauth2(Tokens.accessToken("organiser1"))
                .get("/api/registrations/sessions/" + sessionId + "/lottery/preview")
                .then()
                .statusCode(200)
                .body("provisionalWinners.size()", equalTo(2))
                .body("provisionalReserve.size()", equalTo(3))
                .body("notice", org.hamcrest.Matchers.notNullValue());
        given().auth()
                .oauth2(Tokens.accessToken("organiser2"))
                .post("/api/registrations/sessions/" + sessionId + "/lottery/draw")
                .then()
                .statusCode(404);
        // not before the published deadline: women may still apply until then
        draw(sessionId).then().statusCode(409).body("type", containsString("applications-still-open"));
        drawRecord("organiser1", sessionId).then().statusCode(404).body("type", containsString("not-drawn"));
        lottery("hana", sessionId).then().body("drawn", equalTo(false));

        var drawn = LotterySessions.closeAndDraw(sessionId)
                .then()
                .statusCode(200)
                .body("winners", equalTo(2))
                .body("reserve", equalTo(3))
                .body("allocation", equalTo("DONE"))
                .body("drawnAt", org.hamcrest.Matchers.notNullValue())
                .body(
                        "drawnBy",
                        org.hamcrest.Matchers.anyOf(
                                equalTo("scheduler"), org.hamcrest.Matchers.startsWith("organiser:")))
                .extract();
        drawRecord("organiser2", sessionId).then().statusCode(404);
        drawRecord("hana", sessionId).then().statusCode(403);
        String seed = drawn.path("seed");
        assertThat(HexFormat.of()
                        .formatHex(MessageDigest.getInstance("SHA-256")
                                .digest(HexFormat.of().parseHex(seed))))
                .isEqualTo(commitment);
        draw(sessionId).then().statusCode(409).body("type", containsString("already-drawn"));
        apply("hana", sessionId, null).then().statusCode(409).body("type", containsString("applications-closed"));

        String published = given().auth()
                .oauth2(Tokens.accessToken("hana"))
                .get("/api/registrations/sessions/" + sessionId + "/lottery/published")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        JsonNode draw = json.readTree(published);
        assertThat(draw.path("seed").asText()).isEqualTo(seed);
        assertThat(published).doesNotContain("lottery-00"); // no usernames or nicknames, ids only
        given().contentType(ContentType.JSON)
                .body(published)
                .post("/api/registrations/lottery/verify")
                .then()
                .statusCode(200)
                .body("ok", equalTo(true));
        // a tampered result is caught
        ObjectNode tampered = (ObjectNode) json.readTree(published);
        ArrayNode winners = (ArrayNode) tampered.path("winners");
        ArrayNode reserve = (ArrayNode) tampered.path("reserve");
        JsonNode firstWinner = winners.get(0);
        winners.set(0, reserve.get(0));
        reserve.set(0, firstWinner);
        given().contentType(ContentType.JSON)
                .body(tampered.toString())
                .post("/api/registrations/lottery/verify")
                .then()
                .statusCode(200)
                .body("ok", equalTo(false));
        given().contentType(ContentType.JSON)
                .body("{\"format\":\"nope\"}")
                .post("/api/registrations/lottery/verify")
                .then()
                .statusCode(200)
                .body("ok", equalTo(false))
                .body("failedCheck", equalTo("FORMAT"));

        // each applicant sees her own result: winners confirmed with a code, the others on the reserve list in drawn
        // order
        List<String> winnerIds = new ArrayList<>();
        draw.path("winners").forEach(id -> winnerIds.add(id.asText()));
        List<String> reserveIds = new ArrayList<>();
        draw.path("reserve").forEach(id -> reserveIds.add(id.asText()));
        for (String person : people) {
            Map<String, Object> mine = Api.myRegistration(person, sessionId);
            // the file names her by her lottery reference, which only her own list shows; never by her registration
            assertThat(published).doesNotContain((String) mine.get("id"));
            if (winnerIds.contains(mine.get("lotteryReference"))) {
                assertThat(mine.get("status")).isEqualTo("confirmed");
                assertThat((String) mine.get("bookingCode")).hasSize(8);
            } else {
                assertThat(mine.get("status")).isEqualTo("waitlisted");
                assertThat(mine.get("waitlistReason")).isEqualTo("LOTTERY_RESERVE");
                assertThat(mine.get("position"))
                        .isEqualTo(reserveIds.indexOf((String) mine.get("lotteryReference")) + 1);
            }
        }
        Api.roster("organiser1", sessionId).then().body("confirmed", equalTo(2)).body("seatsTaken", equalTo(2));
        var events = LotteryRecords.awaitRecords(
                Topics.REGISTRATION_LIFECYCLE,
                r -> sessionId.toString().equals(r.key()) && r.value().contains(EventTypes.LOTTERY_DRAWN),
                1,
                Duration.ofSeconds(30));
        assertThat(json.readTree(events.get(0).value())
                        .path("data")
                        .path("seed")
                        .asText())
                .isEqualTo(seed);
    }

    @Test
    void priorityTiersGoFirst() {
        UUID sessionId = LotterySessions.lottery(
                1, OffsetDateTime.now(ZoneOffset.UTC).plusDays(1), "{\"priority\":[\"first-time\",\"everyone\"]}");
        awaitCommitment(sessionId);
        apply(people.get(0), sessionId, 1).then().statusCode(201);
        apply(people.get(1), sessionId, 1).then().statusCode(201);
        UUID firstTimer = UUID.fromString(apply(people.get(2), sessionId, 0)
                .then()
                .statusCode(201)
                .extract()
                .path("id"));
        apply(people.get(3), sessionId, null).then().statusCode(201); // no tier declared: the last tier
        LotterySessions.closeAndDraw(sessionId).then().statusCode(200);
        assertThat(Api.myRegistration(people.get(2), sessionId).get("id")).isEqualTo(firstTimer.toString());
        assertThat(Api.myRegistration(people.get(2), sessionId).get("status")).isEqualTo("confirmed");
    }

    @Test
    void atTheDeadlineTheDrawRunsExactlyOnceEvenWithConcurrentDrawers() throws Exception {
        OffsetDateTime closes = clock.now().plusHours(1);
        UUID sessionId = LotterySessions.lottery(2, closes, "{}");
        awaitCommitment(sessionId);
        for (String person : people.subList(0, 4)) {
            apply(person, sessionId, null).then().statusCode(201);
        }
        clock.moveTo(closes.plusSeconds(1));
        // the scheduler's job and three organisers' requests all try at once. The token is fetched first: four
        // concurrent password logins of one user once got a 400 from the test Keycloak in a full module run (when her
        // cached token had expired), which is not what this test is about.
        Tokens.accessToken("organiser1");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<Integer>> attempts = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            attempts.add(pool.submit((Callable<Integer>) () -> draw(sessionId).statusCode()));
        }
        Future<Void> scheduler = pool.submit((Callable<Void>) () -> {
            drawDueLotteries();
            return null;
        });
        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> attempt : attempts) {
            statuses.add(attempt.get());
        }
        scheduler.get();
        pool.shutdown();
        assertThat(statuses).allMatch(status -> status == 200 || status == 409);
        assertThat(statuses.stream().filter(status -> status == 200).count()).isLessThanOrEqualTo(1);
        // whoever won the race, a later try finds the draw
        drawDueLotteries();
        draw(sessionId).then().statusCode(409).body("type", containsString("already-drawn"));
        given().auth()
                .oauth2(Tokens.accessToken("hana"))
                .get("/api/registrations/sessions/" + sessionId + "/lottery/published")
                .then()
                .statusCode(200);
        // exactly once: one LotteryDrawn and two confirmations were ever written for this session
        assertThat(LotteryRecords.outboxEvents(sessionId, EventTypes.LOTTERY_DRAWN))
                .isEqualTo(1);
        assertThat(LotteryRecords.outboxEvents(sessionId, EventTypes.REGISTRATION_CONFIRMED))
                .isEqualTo(2);
        Api.roster("organiser1", sessionId).then().body("confirmed", equalTo(2));
    }

    @Test
    void withNobodyDrawingByHandTheSchedulerDrawsAtTheDeadline() {
        OffsetDateTime closes = clock.now().plusHours(1);
        UUID sessionId = LotterySessions.lottery(3, closes, "{}");
        awaitCommitment(sessionId);
        apply(people.get(4), sessionId, null).then().statusCode(201);
        drawDueLotteries();
        lottery("hana", sessionId).then().body("drawn", equalTo(false)); // not before its deadline
        clock.moveTo(closes);
        drawDueLotteries();
        assertThat(Api.myRegistration(people.get(4), sessionId).get("status")).isEqualTo("confirmed");
        lottery("hana", sessionId).then().body("drawn", equalTo(true));
        drawRecord("organiser1", sessionId).then().statusCode(200).body("drawnBy", equalTo("scheduler"));
    }

    /** The scheduler's job, run now (the test profile turns the timer off): until nothing due is left. */
    void drawDueLotteries() {
        try {
            // a run draws at most five sessions, the earliest deadline first; sessions other tests left due come first
            for (int run = 0; run < 5; run++) {
                VertxContextSupport.subscribeAndAwait(() -> lotteries.drawDueLotteries());
            }
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    static String sha256(String text) throws Exception {
        return HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
