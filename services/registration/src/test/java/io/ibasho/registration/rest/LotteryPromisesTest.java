package io.ibasho.registration.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ibasho.contracts.EventTypes;
import io.ibasho.contracts.Topics;
import io.ibasho.registration.lottery.DrawSubject;
import io.ibasho.registration.lottery.InputDigest;
import io.ibasho.registration.lottery.LotteryApplicant;
import io.ibasho.registration.lottery.LotteryDraw;
import io.ibasho.registration.lottery.LotteryPolicy;
import io.ibasho.registration.lottery.LotterySeed;
import io.ibasho.registration.support.Api;
import io.ibasho.registration.support.LotteryRecords;
import io.ibasho.registration.support.LotterySessions;
import io.ibasho.registration.support.MovableClock;
import io.ibasho.registration.support.TestAttendees;
import io.ibasho.testsupport.IbashoServers;
import io.ibasho.testsupport.KafkaTopicWriter;
import io.ibasho.testsupport.Tokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue #13: the promises of docs/lottery.md, each against the real servers through the service's API, the public
 * ones without a token. Time is the service's movable clock; nothing here waits for a deadline.
 */
@QuarkusTest
@WithTestResource(value = IbashoServers.class, initArgs = @ResourceArg(name = "database", value = "registration"))
class LotteryPromisesTest {
    static List<String> people;
    private final ObjectMapper json = new ObjectMapper();

    @Inject
    MovableClock clock;

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    @BeforeAll
    static void people() {
        people = TestAttendees.create("promises", 8);
    }

    @AfterEach
    void clockBack() {
        clock.reset();
    }

    static Response apply(String user, UUID sessionId, Map<String, Object> extra) {
        Map<String, Object> body = new HashMap<>(Map.of("nickname", "nick"));
        body.putAll(extra);
        return given().auth()
                .oauth2(Tokens.accessToken(user))
                .contentType(ContentType.JSON)
                .body(body)
                .post("/api/registrations/sessions/" + sessionId + "/applications");
    }

    static Response apply(String user, UUID sessionId) {
        return apply(user, sessionId, Map.of());
    }

    /** The public lottery view, without a token. */
    static Response lottery(UUID sessionId) {
        return given().get("/api/registrations/sessions/" + sessionId + "/lottery");
    }

    static void awaitKnown(UUID sessionId) {
        await().atMost(Duration.ofSeconds(30)).until(() -> lottery(sessionId).statusCode() == 200);
    }

    /** Finding 3: the window is kept in both paths, with one problem per reason. */
    @Test
    void applicationsAndBookingsAreRefusedOutsideTheWindow() {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        OffsetDateTime opens = now.plusHours(1);
        OffsetDateTime closes = now.plusDays(1);
        OffsetDateTime starts = now.plusDays(2);
        UUID lotteryId = LotterySessions.lottery("hinata", 2, opens, closes, starts, true, "{}");
        awaitKnown(lotteryId);
        lottery(lotteryId).then().body("applicationOpensAt", notNullValue());

        apply(people.get(0), lotteryId).then().statusCode(409).body("type", endsWith("/not-open-yet"));
        clock.moveTo(opens);
        apply(people.get(0), lotteryId).then().statusCode(201);
        clock.moveTo(closes);
        apply(people.get(1), lotteryId).then().statusCode(409).body("type", endsWith("/applications-closed"));
        clock.moveTo(starts);
        apply(people.get(1), lotteryId).then().statusCode(409).body("type", endsWith("/session-started"));
        clock.reset();

        // a first-come session with the same window
        UUID firstCome = UUID.randomUUID();
        KafkaTopicWriter.send(Topics.EVENT_LIFECYCLE, firstCome.toString(), """
                {"specversion":"1.0","id":"%s","source":"/ibasho/event","type":"%s","time":"%s","subject":"%s",
                 "datacontenttype":"application/json","data":{"sessionId":"%s","organisationId":"hinata","kind":"workshop",
                 "allocation":"FIRST_COME","status":"PUBLISHED","startsAt":"%s","endsAt":"%s","capacity":1,
                 "bookingRequired":true,"applicationOpensAt":"%s","applicationClosesAt":"%s","sequence":0}}
                """.formatted(
                        UUID.randomUUID(),
                        EventTypes.EVENT_PUBLISHED,
                        now,
                        firstCome,
                        firstCome,
                        starts,
                        starts.plusHours(2),
                        opens,
                        closes));
        Response early = Api.bookOnceKnown(people.get(2), firstCome);
        early.then().statusCode(409).body("type", endsWith("/not-open-yet"));
        Api.joinWaitlist(people.get(2), firstCome).then().statusCode(409).body("type", endsWith("/not-open-yet"));
        clock.moveTo(closes);
        Api.book(people.get(2), firstCome, "nick")
                .then()
                .statusCode(409)
                .body("type", endsWith("/applications-closed"));
        clock.moveTo(starts.plusMinutes(1));
        Api.book(people.get(2), firstCome, "nick").then().statusCode(409).body("type", endsWith("/session-started"));
        clock.moveTo(opens);
        Api.book(people.get(2), firstCome, "nick").then().statusCode(201);
    }

    /**
     * Findings 2, 4, 7 and the small ones of 8: the view is public from the opening (rules, commitment), the closing's
     * digest and count are shown from the closing on and stay, the published draw is public and binds the session and
     * the times; a rank computed with the seed before the closing is not the rank drawn.
     */
    @Test
    void theClosingIsPublishedAtOnceAndAnyoneCanCheckTheDrawWithoutSigningIn() throws Exception {
        OffsetDateTime closes = OffsetDateTime.now(ZoneOffset.UTC).plusHours(2);
        UUID sessionId = LotterySessions.lottery(
                "hinata",
                1,
                null,
                closes,
                OffsetDateTime.now(ZoneOffset.UTC).plusDays(3),
                true,
                "{\"priority\":[\"初めての方\",\"その他\"],\"confirmationRequired\":false}");
        awaitKnown(sessionId);
        lottery(sessionId)
                .then()
                .statusCode(200)
                .body("commitment", matchesPattern("[0-9a-f]{64}"))
                .body("policy.priorityTiers.size()", equalTo(2))
                .body("policy.confirmationRequired", equalTo(false))
                .body("policy.confirmationHours", equalTo(0))
                .body("inputDigest", nullValue())
                .body("drawn", equalTo(false));
        given().get("/api/registrations/sessions/" + sessionId + "/lottery/published")
                .then()
                .statusCode(404)
                .body("type", endsWith("/not-drawn"));

        List<UUID> applied = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            // the draw names each application by her lottery reference
            applied.add(UUID.fromString(apply(people.get(3 + i), sessionId)
                    .then()
                    .statusCode(201)
                    .extract()
                    .path("lotteryReference")));
        }
        // nobody outside her organisation learns how many applied while it is open (docs/adr/0086)
        lottery(sessionId).then().body("applications", org.hamcrest.Matchers.nullValue());
        // an insider reads the seed and ranks the applications known so far ...
        LotterySeed seed = LotterySeed.fromHex(LotteryRecords.storedSeed(sessionId));
        LotteryPolicy policy = LotteryPolicy.withSeats(1).withPriorityTiers("初めての方", "その他");
        DrawSubject subject = new DrawSubject(sessionId, closes.toInstant());
        List<LotteryApplicant> soFar = applied.stream()
                .map(id -> new LotteryApplicant(id, 1, false, false))
                .toList();
        String digestSoFar = InputDigest.of(subject, policy, soFar);
        // ... but one more application comes before the deadline
        applied.add(UUID.fromString(
                apply(people.get(6), sessionId).then().statusCode(201).extract().path("lotteryReference")));

        clock.moveTo(closes);
        // the drawn lottery's deadline moved later afterwards changes nothing: it is drawn
        given().auth()
                .oauth2(Tokens.accessToken("organiser1"))
                .post("/api/registrations/sessions/" + sessionId + "/lottery/draw")
                .then()
                .statusCode(200);
        JsonNode view = json.readTree(
                lottery(sessionId).then().statusCode(200).extract().asString());
        assertThat(view.path("drawn").asBoolean()).isTrue();
        assertThat(view.path("applications").asInt())
                .as("the count at closing stays")
                .isEqualTo(4);
        assertThat(view.path("inputDigest").asText()).matches("[0-9a-f]{64}");

        String published = given().get("/api/registrations/sessions/" + sessionId + "/lottery/published")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        JsonNode draw = json.readTree(published);
        assertThat(draw.path("format").asText()).isEqualTo("ibasho-lottery-draw/2");
        assertThat(draw.path("sessionId").asText()).isEqualTo(sessionId.toString());
        assertThat(draw.path("applicationsClosedAt").asText()).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");
        assertThat(draw.path("drawnAt").asText()).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");
        assertThat(draw.path("inputDigest").asText())
                .isEqualTo(view.path("inputDigest").asText());
        assertThat(draw.path("applications")).hasSize(4);
        assertThat(draw.path("policy").path("confirmationRequired").asBoolean()).isFalse();
        assertThat(published).doesNotContain("nick").doesNotContain("promises-");
        // no tier declared is the last tier of the rules she applied under
        assertThat(draw.path("applications").findValuesAsText("tier")).containsOnly("1");
        given().contentType(ContentType.JSON)
                .body(published)
                .post("/api/registrations/lottery/verify")
                .then()
                .statusCode(200)
                .body("ok", equalTo(true));

        // the insider's model is right: with the final set it gives the published digest ...
        List<LotteryApplicant> all = applied.stream()
                .map(id -> new LotteryApplicant(id, 1, false, false))
                .toList();
        assertThat(InputDigest.of(subject, policy, all))
                .isEqualTo(draw.path("inputDigest").asText());
        // ... but the ranks known to her before the closing are not the ones drawn: every key changed
        for (UUID id : applied.subList(0, 3)) {
            assertThat(LotteryDraw.rankKey(seed, digestSoFar, id))
                    .isNotEqualTo(
                            LotteryDraw.rankKey(seed, draw.path("inputDigest").asText(), id));
        }

        LotterySessions.moveDeadline(sessionId, closes.plusDays(1), 1);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> OffsetDateTime.parse(
                                lottery(sessionId).then().extract().path("applicationClosesAt"))
                        .isAfter(closes));
        given().auth()
                .oauth2(Tokens.accessToken("organiser1"))
                .post("/api/registrations/sessions/" + sessionId + "/lottery/draw")
                .then()
                .statusCode(409)
                .body("type", endsWith("/already-drawn"));
        apply(people.get(7), sessionId).then().statusCode(409).body("type", endsWith("/applications-closed"));
        // a body that is not a draw is a verdict too, like the command line's
        given().contentType(ContentType.JSON)
                .body("not json")
                .post("/api/registrations/lottery/verify")
                .then()
                .statusCode(200)
                .body("ok", equalTo(false))
                .body("failedCheck", equalTo("FORMAT"));
        // a draw in the old format is a FORMAT verdict that says why it cannot be checked here, and where it can
        given().contentType(ContentType.JSON)
                .body(published.replace("ibasho-lottery-draw/2", "ibasho-lottery-draw/1"))
                .post("/api/registrations/lottery/verify")
                .then()
                .statusCode(200)
                .body("ok", equalTo(false))
                .body("failedCheck", equalTo("FORMAT"))
                .body("message", containsString("cannot be checked under ibasho-lottery-draw/2's rules"));
    }

    /**
     * Finding 8, the apply lock: applications racing the closing and the draw are each either in the set drawn or
     * refused as closed, never left applied. Half of them are in flight when the service's clock passes the deadline
     * and the organiser draws; the other half are released at that same moment. No wall-clock wait: the second half
     * starts once the first applications have been answered.
     */
    @Test
    void applicationsRacingTheClosingAreEitherDrawnOrRefused() throws Exception {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        OffsetDateTime closes = now.plusHours(1);
        UUID sessionId = LotterySessions.lottery("hinata", 3, null, closes, now.plusDays(2), false, "{}");
        awaitKnown(sessionId);
        List<String> racers = TestAttendees.create("race", 24);
        Map<String, String> tokens = TestAttendees.tokens(racers);
        String organiser = Tokens.accessToken("organiser1");
        String applyUrl = "http://127.0.0.1:" + port + "/api/registrations/sessions/" + sessionId + "/applications";

        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .executor(Executors.newFixedThreadPool(4))
                .build();
        ExecutorService pool = Executors.newFixedThreadPool(12);
        CountDownLatch firstHalf = new CountDownLatch(1);
        CountDownLatch secondHalf = new CountDownLatch(1);
        CountDownLatch firstAnswers = new CountDownLatch(4);
        List<Future<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < racers.size(); i++) {
            CountDownLatch release = i % 2 == 0 ? firstHalf : secondHalf;
            HttpRequest request = HttpRequest.newBuilder(URI.create(applyUrl))
                    .header("Authorization", "Bearer " + tokens.get(racers.get(i)))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"nickname\":\"nick\"}"))
                    .build();
            calls.add(pool.submit(() -> {
                release.await();
                HttpResponse<String> answer = client.send(request, HttpResponse.BodyHandlers.ofString());
                firstAnswers.countDown();
                return answer;
            }));
        }
        firstHalf.countDown();
        firstAnswers.await(60, TimeUnit.SECONDS);
        clock.moveTo(closes);
        secondHalf.countDown();
        // the organiser's draw does not queue behind the applications' share locks (NOWAIT): draw-in-progress
        // means "try again", as the staff screen says
        List<Response> draws = new ArrayList<>();
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> {
                    Response answer = given().auth()
                            .oauth2(organiser)
                            .post("/api/registrations/sessions/" + sessionId + "/lottery/draw");
                    draws.add(answer);
                    return !answer.asString().contains("draw-in-progress");
                });
        pool.shutdown();
        assertThat(pool.awaitTermination(120, TimeUnit.SECONDS)).isTrue();
        draws.getLast().then().statusCode(200);

        List<String> applied = new ArrayList<>();
        for (Future<HttpResponse<String>> call : calls) {
            HttpResponse<String> answer = call.get();
            if (answer.statusCode() == 201) {
                applied.add(
                        json.readTree(answer.body()).path("lotteryReference").asText());
            } else {
                assertThat(answer.statusCode()).as(answer.body()).isEqualTo(409);
                assertThat(answer.body()).contains("/applications-closed");
            }
        }
        assertThat(applied).as("answered before the clock moved").hasSizeGreaterThanOrEqualTo(4);

        JsonNode draw = json.readTree(given().get("/api/registrations/sessions/" + sessionId + "/lottery/published")
                .then()
                .statusCode(200)
                .extract()
                .asString());
        assertThat(draw.path("applications").findValuesAsText("id"))
                .as("the set drawn is exactly the applications accepted")
                .containsExactlyInAnyOrderElementsOf(applied);
        lottery(sessionId).then().body("applications", equalTo(applied.size()));
        assertThat(LotteryRecords.registrations(sessionId, "APPLIED")).isZero();
        assertThat(LotteryRecords.registrations(sessionId, "CONFIRMED")
                        + LotteryRecords.registrations(sessionId, "WAITLISTED"))
                .isEqualTo(applied.size());
    }

    /** Finding 8: childcare asked for a session without any could never be given; refused at once. */
    @Test
    void childrensAgesForASessionWithoutChildcareAreRefused() {
        UUID sessionId = LotterySessions.lottery(
                "hinata",
                2,
                null,
                OffsetDateTime.now(ZoneOffset.UTC).plusDays(1),
                OffsetDateTime.now(ZoneOffset.UTC).plusDays(3),
                false,
                "{}");
        awaitKnown(sessionId);
        apply(people.get(0), sessionId, Map.of("childrenAges", List.of(3)))
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("type", endsWith("/childcare-not-offered"));
        apply(people.get(0), sessionId).then().statusCode(201);
    }

    /** Finding 6: her published reserve number stays hers; how many are ahead of her is shown separately. */
    @Test
    void aPublishedReserveNumberIsKeptWhenThoseAheadGetAnOffer() throws Exception {
        UUID sessionId = LotterySessions.lottery(
                "hinata",
                1,
                null,
                OffsetDateTime.now(ZoneOffset.UTC).plusDays(1),
                OffsetDateTime.now(ZoneOffset.UTC).plusDays(3),
                true,
                "{}");
        awaitKnown(sessionId);
        Map<UUID, String> userOf = new HashMap<>();
        for (String person : people.subList(0, 3)) {
            userOf.put(
                    UUID.fromString(apply(person, sessionId)
                            .then()
                            .statusCode(201)
                            .extract()
                            .path("lotteryReference")),
                    person);
        }
        LotterySessions.closeAndDraw(sessionId).then().statusCode(200);
        JsonNode draw = json.readTree(given().get("/api/registrations/sessions/" + sessionId + "/lottery/published")
                .then()
                .statusCode(200)
                .extract()
                .asString());
        String winner = userOf.get(UUID.fromString(draw.path("winners").get(0).asText()));
        String first = userOf.get(UUID.fromString(draw.path("reserve").get(0).asText()));
        String second = userOf.get(UUID.fromString(draw.path("reserve").get(1).asText()));
        assertThat(Api.myRegistration(second, sessionId))
                .containsEntry("position", 2)
                .containsEntry("aheadOfYou", 1);

        // the winner cancels: reserve number 1 is offered the seat
        UUID winnerId =
                UUID.fromString((String) Api.myRegistration(winner, sessionId).get("id"));
        Api.mine(winner, winnerId, "cancel").then().statusCode(200);
        await().atMost(Duration.ofSeconds(10))
                .until(() ->
                        "offered".equals(Api.myRegistration(first, sessionId).get("status")));
        assertThat(Api.myRegistration(second, sessionId))
                .as("still 補欠の2番目, now next in line")
                .containsEntry("position", 2)
                .containsEntry("aheadOfYou", 0);
        // the organiser's waitlist (the audited roster): who waits with her published number, and the offer out
        // with its deadline
        io.restassured.path.json.JsonPath roster = Api.roster("organiser1", sessionId)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        String firstId = (String) Api.myRegistration(first, sessionId).get("id");
        String secondId = (String) Api.myRegistration(second, sessionId).get("id");
        assertThat(roster.getString("entries.find { it.registrationId == '" + firstId + "' }.status"))
                .isEqualTo("offered");
        assertThat(roster.getString("entries.find { it.registrationId == '" + firstId + "' }.offerExpiresAt"))
                .isEqualTo(Api.myRegistration(first, sessionId).get("offerExpiresAt"));
        assertThat(roster.getInt("entries.find { it.registrationId == '" + secondId + "' }.position"))
                .isEqualTo(2);
    }

    /**
     * Finding 5: a seat won in another organisation's lottery whose applications closed in the same Tokyo month counts;
     * a cancelled win does not.
     */
    @Test
    void aWinInAnotherOrganisationsLotteryThisMonthCountsAndACancelledOneDoesNot() throws Exception {
        OffsetDateTime closes = OffsetDateTime.now(ZoneOffset.UTC).plusHours(1);
        OffsetDateTime starts = closes.plusDays(2);
        UUID elsewhere = LotterySessions.lottery("minato", 2, null, closes, starts, true, "{}");
        UUID cancelledElsewhere = LotterySessions.lottery("minato", 2, null, closes, starts, true, "{}");
        UUID here = LotterySessions.lottery("hinata", 2, null, closes, starts, true, "{\"oneWinPerMonth\":true}");
        awaitKnown(elsewhere);
        awaitKnown(cancelledElsewhere);
        awaitKnown(here);
        // two women who won nothing else (the class's other tests seat its people this month)
        List<String> fresh = TestAttendees.create("monthly", 2);
        String winner = fresh.get(0);
        String cancelled = fresh.get(1);
        apply(winner, elsewhere).then().statusCode(201);
        UUID cancelledWin = UUID.fromString(apply(cancelled, cancelledElsewhere)
                .then()
                .statusCode(201)
                .extract()
                .path("id"));
        UUID winnerHere = UUID.fromString(
                apply(winner, here).then().statusCode(201).extract().path("lotteryReference"));
        UUID cancelledHere = UUID.fromString(
                apply(cancelled, here).then().statusCode(201).extract().path("lotteryReference"));

        clock.moveTo(closes);
        for (UUID other : List.of(elsewhere, cancelledElsewhere)) {
            given().auth()
                    .oauth2(Tokens.accessToken("organiser2"))
                    .post("/api/registrations/sessions/" + other + "/lottery/draw")
                    .then()
                    .statusCode(200);
        }
        assertThat(Api.myRegistration(winner, elsewhere)).containsEntry("status", "confirmed");
        Api.mine(cancelled, cancelledWin, "cancel").then().statusCode(200);
        given().auth()
                .oauth2(Tokens.accessToken("organiser1"))
                .post("/api/registrations/sessions/" + here + "/lottery/draw")
                .then()
                .statusCode(200);
        JsonNode draw = json.readTree(given().get("/api/registrations/sessions/" + here + "/lottery/published")
                .then()
                .statusCode(200)
                .extract()
                .asString());
        assertThat(draw.path("winMonth").asText()).matches("\\d{4}-\\d{2}");
        Map<String, Boolean> won = new HashMap<>();
        draw.path("applications")
                .forEach(a -> won.put(
                        a.path("id").asText(), a.path("alreadyWonThisMonth").asBoolean()));
        assertThat(won).containsEntry(winnerHere.toString(), true).containsEntry(cancelledHere.toString(), false);
        assertThat(draw.toString()).doesNotContain(elsewhere.toString());

        // anyone can check each flag against the month wins, which name neither her account nor where she won
        JsonNode monthWins = draw.path("monthWins");
        List<String> holders = new ArrayList<>();
        monthWins.path("holders").forEach(h -> holders.add(h.asText()));
        assertThat(holders)
                .as("sorted, each once")
                .isSortedAccordingTo(String::compareTo)
                .doesNotHaveDuplicates();
        assertThat(holders)
                .contains(monthWins.path("tokens").path(winnerHere.toString()).asText());
        assertThat(holders)
                .doesNotContain(
                        monthWins.path("tokens").path(cancelledHere.toString()).asText());
        assertThat(draw.toString()).doesNotContain(accountId(winner));
        given().contentType(ContentType.JSON)
                .body(draw.toString())
                .post("/api/registrations/lottery/verify")
                .then()
                .statusCode(200)
                .body("ok", equalTo(true));
        // the month wins are not in the input digest: a holder taken out is caught by the flag it contradicts
        com.fasterxml.jackson.databind.node.ArrayNode held =
                (com.fasterxml.jackson.databind.node.ArrayNode) monthWins.path("holders");
        held.removeAll();
        holders.stream()
                .filter(h -> !h.equals(
                        monthWins.path("tokens").path(winnerHere.toString()).asText()))
                .forEach(held::add);
        given().contentType(ContentType.JSON)
                .body(draw.toString())
                .post("/api/registrations/lottery/verify")
                .then()
                .statusCode(200)
                .body("ok", equalTo(false))
                .body("failedCheck", equalTo("MONTH_FLAGS"))
                .body("message", containsString(winnerHere.toString()));
    }

    /**
     * ADR 0085: the public file names her application only by her lottery reference, which her own signed-in list
     * shows her. Never by the registration id, which is in her URLs (/app/bookings/{id} stays in a browser's history),
     * nor by her account: whoever finds that history must not read from the file that she applied, won or lost, needs
     * childcare or already won this month.
     */
    @Test
    void thePublishedDrawNamesHerOnlyByTheReferenceOnlyHerOwnPageShows() throws Exception {
        UUID sessionId = LotterySessions.lottery(
                "hinata",
                1,
                null,
                OffsetDateTime.now(ZoneOffset.UTC).plusDays(1),
                OffsetDateTime.now(ZoneOffset.UTC).plusDays(3),
                true,
                "{\"oneWinPerMonth\":true}");
        awaitKnown(sessionId);
        Map<String, String> registrationOf = new HashMap<>();
        Map<String, String> referenceOf = new HashMap<>();
        for (String woman : people.subList(0, 3)) {
            var applied = apply(woman, sessionId).then().statusCode(201).extract();
            registrationOf.put(woman, applied.path("id"));
            referenceOf.put(woman, applied.path("lotteryReference"));
            assertThat(referenceOf.get(woman))
                    .matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}")
                    .isNotEqualTo(registrationOf.get(woman));
        }
        LotterySessions.closeAndDraw(sessionId).then().statusCode(200);
        String published = given().get("/api/registrations/sessions/" + sessionId + "/lottery/published")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        JsonNode draw = json.readTree(published);
        for (String woman : people.subList(0, 3)) {
            // the whole text: no field of the file may carry what is in her URLs or her token
            assertThat(published)
                    .doesNotContainIgnoringCase(registrationOf.get(woman))
                    .doesNotContainIgnoringCase(accountId(woman));
            assertThat(draw.path("applications").findValuesAsText("id")).contains(referenceOf.get(woman));
            assertThat(draw.path("monthWins").path("tokens").has(referenceOf.get(woman)))
                    .isTrue();
            // her own list shows her the reference, to find herself in the file
            assertThat(Api.myRegistration(woman, sessionId))
                    .containsEntry("id", registrationOf.get(woman))
                    .containsEntry("lotteryReference", referenceOf.get(woman));
        }
        given().contentType(ContentType.JSON)
                .body(published)
                .post("/api/registrations/lottery/verify")
                .then()
                .statusCode(200)
                .body("ok", equalTo(true));
        // the Python reference of docs/lottery.md recomputes the whole draw from the file alone, references and all
        assertThat(pythonReferenceVerdict(published)).endsWith("OK");
        // the public lottery view names nobody either
        String view = lottery(sessionId).then().statusCode(200).extract().asString();
        for (String woman : people.subList(0, 3)) {
            assertThat(view).doesNotContain(registrationOf.get(woman)).doesNotContain(referenceOf.get(woman));
        }
    }

    /** What the Python reference verifier of docs/lottery.md prints for a published file (its last line). */
    private static String pythonReferenceVerdict(String published) throws Exception {
        java.nio.file.Path docs = java.nio.file.Path.of("").toAbsolutePath();
        while (!java.nio.file.Files.isRegularFile(docs.resolve("docs/lottery.md"))) {
            docs = docs.getParent();
        }
        java.util.regex.Matcher block = java.util.regex.Pattern.compile(
                        "<!-- python-reference -->\\s*```python\\n(.*?)```", java.util.regex.Pattern.DOTALL)
                .matcher(java.nio.file.Files.readString(docs.resolve("docs/lottery.md")));
        assertThat(block.find()).as("docs/lottery.md has the Python reference").isTrue();
        java.nio.file.Path script = java.nio.file.Files.createTempFile("lottery-reference", ".py");
        java.nio.file.Path file = java.nio.file.Files.createTempFile("published-draw", ".json");
        java.nio.file.Files.writeString(script, block.group(1));
        java.nio.file.Files.writeString(file, published);
        Process python = new ProcessBuilder("python3", script.toString(), file.toString())
                .redirectErrorStream(true)
                .start();
        String output = new String(python.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(python.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(python.exitValue()).as(output).isZero();
        return output.strip();
    }

    /** Her account id, as the service knows her: the token's subject. */
    private String accountId(String user) throws java.io.IOException {
        String payload = Tokens.accessToken(user).split("\\.")[1];
        return json.readTree(java.util.Base64.getUrlDecoder().decode(payload))
                .path("sub")
                .asText();
    }
}
