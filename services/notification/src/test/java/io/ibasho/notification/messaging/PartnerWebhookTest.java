package io.ibasho.notification.messaging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.ibasho.contracts.EventTypes;
import io.ibasho.contracts.Topics;
import io.ibasho.notification.service.WebhookSender;
import io.ibasho.notification.support.Db;
import io.ibasho.notification.support.Events;
import io.ibasho.notification.support.Markers;
import io.ibasho.notification.webhook.WebhookSecret;
import io.ibasho.notification.webhook.WebhookVerificationException;
import io.ibasho.notification.webhook.WebhookVerifier;
import io.ibasho.testsupport.IbashoServers;
import io.ibasho.testsupport.KafkaTopicReader;
import io.ibasho.testsupport.Tokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Partner webhooks end to end: registered through the API with a real partner token, triggered by real Kafka
 * events, received by a real HTTP server in this test and checked with the independent verifier.
 */
@QuarkusTest
@WithTestResource(value = IbashoServers.class, initArgs = @ResourceArg(name = "database", value = "notification"))
class PartnerWebhookTest {
    @Inject
    WebhookSender webhookSender;

    record Received(Map<String, String> headers, byte[] body) {}

    private static HttpServer receiver;
    private static final List<Received> ok = new CopyOnWriteArrayList<>();
    private static final List<Received> failing = new CopyOnWriteArrayList<>();
    private static final List<Received> hung = new CopyOnWriteArrayList<>();
    private static final List<Received> answered = new CopyOnWriteArrayList<>();
    /** How many requests the hanging partner had received when each of the answering partner's arrived. */
    private static final List<Integer> hungWhenAnswered = new CopyOnWriteArrayList<>();

    private static final java.util.concurrent.CountDownLatch releaseHung = new java.util.concurrent.CountDownLatch(1);
    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void startReceiver() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/ok", exchange -> {
            ok.add(read(exchange));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.createContext("/fail", exchange -> {
            failing.add(read(exchange));
            exchange.sendResponseHeaders(500, -1);
            exchange.close();
        });
        // a partner that accepts the request and never answers
        receiver.createContext("/hang", exchange -> {
            hung.add(read(exchange));
            try {
                releaseHung.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        receiver.createContext("/answers", exchange -> {
            hungWhenAnswered.add(hung.size());
            answered.add(read(exchange));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        // one thread per request, so that the hanging handler holds only its own request here
        receiver.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        receiver.start();
    }

    @AfterAll
    static void stopReceiver() {
        releaseHung.countDown();
        receiver.stop(0);
    }

    private static Received read(com.sun.net.httpserver.HttpExchange exchange) throws java.io.IOException {
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, values.get(0)));
        return new Received(headers, exchange.getRequestBody().readAllBytes());
    }

    private static String url(String path) {
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + path;
    }

    /** The event service links a venue to groups by saying so on a session's events (venuePartnerGroups). */
    static void linkVenue(String venue, String groupsJson) {
        UUID session = UUID.randomUUID();
        Events.session(
                EventTypes.EVENT_PUBLISHED,
                session,
                "会場案内",
                "Venue",
                "cafe",
                "FIRST_COME",
                venue,
                groupsJson,
                OffsetDateTime.now(ZoneOffset.UTC).plusDays(30),
                OffsetDateTime.now(ZoneOffset.UTC).plusDays(30).plusHours(2),
                0,
                null);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> Db.count("select count(*) from session_copy where id = ?", session) == 1);
    }

    private static Map<String, Object> register(String path, String venue) {
        linkVenue(venue, "[\"tsubomi\"]");
        return given().auth()
                .oauth2(Tokens.accessToken("partner1"))
                .contentType("application/json")
                .body(Map.of("url", url(path), "venueIds", List.of(venue)))
                .post("/api/notifications/webhooks")
                .then()
                .statusCode(201)
                .body("secret", startsWith("whsec_"))
                .extract()
                .jsonPath()
                .getMap("$");
    }

    private static List<Received> forSession(List<Received> received, UUID session) {
        return received.stream()
                .filter(r -> new String(r.body(), StandardCharsets.UTF_8).contains(session.toString()))
                .toList();
    }

    @Test
    void aFollowedVenuesScheduleChangeArrivesSignedAndThinOnce() throws Exception {
        String venue = "venue-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> endpoint = register("/ok", venue);
        WebhookSecret secret = WebhookSecret.parse((String) endpoint.get("secret"));
        WebhookVerifier verifier = new WebhookVerifier(Clock.systemUTC());

        UUID session = UUID.randomUUID();
        OffsetDateTime start = OffsetDateTime.now(ZoneOffset.UTC).plusDays(7);
        String published =
                Events.session(EventTypes.EVENT_PUBLISHED, session, "カフェ", "Cafe", "FIRST_COME", venue, start, 0, null);
        Events.resend(Topics.EVENT_LIFECYCLE, session, published); // a redelivery
        UUID elsewhere = UUID.randomUUID();
        Events.session(
                EventTypes.EVENT_PUBLISHED, elsewhere, "カフェ", "Cafe", "FIRST_COME", "another-venue", start, 0, null);

        await().atMost(Duration.ofSeconds(30))
                .until(() -> forSession(ok, session).size() == 1);
        Received delivery = forSession(ok, session).get(0);
        assertThatCode(() -> verifier.verify(delivery.headers(), delivery.body(), List.of(secret)))
                .doesNotThrowAnyException();
        JsonNode payload = JSON.readTree(delivery.body());
        assertThat(payload.path("type").asText()).isEqualTo("session.published");
        assertThat(payload.path("sessionId").asText()).isEqualTo(session.toString());
        assertThat(payload.path("detailsUrl").asText()).endsWith("/" + session);
        assertThat(payload.fieldNames())
                .toIterable()
                .containsExactlyInAnyOrder("type", "sessionId", "changed", "detailsUrl");

        // Rotation: during the overlap every delivery verifies with the old secret and with the new one.
        String rotated = given().auth()
                .oauth2(Tokens.accessToken("partner1"))
                .post("/api/notifications/webhooks/" + endpoint.get("id") + "/rotate")
                .then()
                .statusCode(200)
                .extract()
                .path("secret");
        WebhookSecret next = WebhookSecret.parse(rotated);
        // at rest both secrets are sealed (a copy of the database alone cannot sign for us); the deliveries still
        // verify
        String secretKey = ((String) endpoint.get("secret")).substring("whsec_".length());
        String rotatedKey = rotated.substring("whsec_".length());
        assertThat(Db.count(
                        "select count(*) from webhook_endpoint where id = cast(? as uuid) and secret_current like 'sealed:v1:%' "
                                + "and secret_previous like 'sealed:v1:%' and position(? in secret_current) = 0 and position(? in secret_previous) = 0",
                        endpoint.get("id"), rotatedKey, secretKey))
                .isEqualTo(1);
        Events.session(
                EventTypes.EVENT_CHANGED,
                session,
                "カフェ",
                "Cafe",
                "FIRST_COME",
                venue,
                start.plusHours(1),
                1,
                "[\"time\"]");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> forSession(ok, session).size() == 2);
        Received changed = forSession(ok, session).get(1);
        assertThat(JSON.readTree(changed.body()).path("changed").get(0).asText())
                .isEqualTo("time");
        assertThat(changed.headers().get("webhook-id"))
                .isNotEqualTo(delivery.headers().get("webhook-id"));
        assertThatCode(() -> verifier.verify(changed.headers(), changed.body(), List.of(secret)))
                .doesNotThrowAnyException();
        assertThatCode(() -> verifier.verify(changed.headers(), changed.body(), List.of(next)))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> verifier.verify(
                        changed.headers(), "{\"tampered\":true}".getBytes(StandardCharsets.UTF_8), List.of(next)))
                .isInstanceOf(WebhookVerificationException.class);

        Events.sessionCancelled(session, venue, 2);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> forSession(ok, session).size() == 3);
        assertThat(JSON.readTree(forSession(ok, session).get(2).body())
                        .path("type")
                        .asText())
                .isEqualTo("session.cancelled");

        Markers.runWebhookSender(webhookSender); // anything else due would be delivered now
        assertThat(forSession(ok, session)).hasSize(3);
        assertThat(forSession(ok, elsewhere)).isEmpty();
        // the partner's receiver has the third call before the sender commits its row as delivered
        awaitDeliveries(
                endpoint.get("id"),
                deliveries -> deliveries
                        .body("size()", equalTo(3))
                        .body("status.unique()", org.hamcrest.Matchers.contains("DELIVERED")));
        assertThat(forSession(ok, session)).hasSize(3); // and none of them sent twice meanwhile
    }

    /**
     * Issue #14, order across replicas: a session cancelled within the relays' lag of its publication. The service
     * reads the EventCancelled before it knows the session, then the older EventPublished and EventChanged: partners
     * hear "cancelled" once and never "published" after it.
     */
    @Test
    void aPublicationReadAfterTheCancellationIsNeverAnnouncedToPartners() throws Exception {
        String venue = "venue-" + UUID.randomUUID().toString().substring(0, 8);
        register("/ok", venue);
        UUID session = UUID.randomUUID();
        OffsetDateTime start = OffsetDateTime.now(ZoneOffset.UTC).plusDays(7);
        // one key, one partition: the cancellation is read first, as when the other relay was slower
        String cancelled = Events.sessionCancelled(session, venue, 2);
        Events.resend(Topics.EVENT_LIFECYCLE, session, cancelled); // a redelivery
        Events.session(EventTypes.EVENT_PUBLISHED, session, "カフェ", "Cafe", "FIRST_COME", venue, start, 0, null);
        Events.session(
                EventTypes.EVENT_CHANGED,
                session,
                "カフェ",
                "Cafe",
                "FIRST_COME",
                venue,
                start.plusHours(1),
                1,
                "[\"time\"]");
        Markers.awaitHandled(Map.of(Topics.EVENT_LIFECYCLE, List.of(session)));
        Markers.runWebhookSender(webhookSender); // whatever was due is delivered now

        assertThat(forSession(ok, session)).hasSize(1);
        assertThat(JSON.readTree(forSession(ok, session).get(0).body())
                        .path("type")
                        .asText())
                .isEqualTo("session.cancelled");
        assertThat(Db.count("select count(*) from webhook_delivery where payload like ?", "%" + session + "%"))
                .isEqualTo(1);
        // no copy of a session that is over; its tombstone holds only the id, how it ended and the sequence
        assertThat(Db.count("select count(*) from session_copy where id = cast(? as uuid)", session.toString()))
                .isZero();
        assertThat(Db.string(
                        "select status || ':' || sequence from session_tombstone where session_id = cast(? as uuid)",
                        session.toString()))
                .isEqualTo("CANCELLED:2");
    }

    @Test
    void groupsFollowOnlyTheirLinkedVenuesAndHearOnlyWhileLinked() throws Exception {
        String partner = Tokens.accessToken("partner1");
        String ours = "venue-" + UUID.randomUUID().toString().substring(0, 8);
        String theirs = "venue-" + UUID.randomUUID().toString().substring(0, 8);
        linkVenue(theirs, "[\"himawari\"]");
        // Another group's venue and a venue that does not exist get the same answer: nothing is revealed.
        String otherGroupsVenue = given().auth()
                .oauth2(partner)
                .contentType("application/json")
                .body(Map.of("url", url("/ok"), "venueIds", List.of(theirs)))
                .post("/api/notifications/webhooks")
                .then()
                .statusCode(422)
                .body("type", org.hamcrest.Matchers.endsWith("venue-not-linked"))
                .extract()
                .path("detail");
        String unknownVenue = given().auth()
                .oauth2(partner)
                .contentType("application/json")
                .body(Map.of("url", url("/ok"), "venueIds", List.of("no-such-venue")))
                .post("/api/notifications/webhooks")
                .then()
                .statusCode(422)
                .extract()
                .path("detail");
        assertThat(otherGroupsVenue.replace(theirs, "X")).isEqualTo(unknownVenue.replace("no-such-venue", "X"));
        // The partner system's own client-credentials token is the same group.
        String partnerSystem = Tokens.clientToken(
                org.eclipse.microprofile.config.ConfigProvider.getConfig()
                        .getValue("quarkus.oidc.auth-server-url", String.class),
                "partner-tsubomi",
                "partner-local-secret-change-me");
        given().auth()
                .oauth2(partnerSystem)
                .contentType("application/json")
                .body(Map.of("url", url("/ok"), "venueIds", List.of(ours, theirs)))
                .post("/api/notifications/webhooks")
                .then()
                .statusCode(422);
        Map<String, Object> endpoint = register("/ok", ours);

        UUID session = UUID.randomUUID();
        OffsetDateTime start = OffsetDateTime.now(ZoneOffset.UTC).plusDays(9);
        Events.session(
                EventTypes.EVENT_PUBLISHED,
                session,
                "カフェ",
                "Cafe",
                "cafe",
                "FIRST_COME",
                ours,
                "[\"tsubomi\",\"himawari\"]",
                start,
                start.plusHours(2),
                0,
                null);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> forSession(ok, session).size() == 1);
        // The organiser unlinks the venue from tsubomi: the change that says so, and what follows, are not sent to it.
        Events.session(
                EventTypes.EVENT_CHANGED,
                session,
                "カフェ",
                "Cafe",
                "cafe",
                "FIRST_COME",
                ours,
                "[\"himawari\"]",
                start.plusHours(1),
                start.plusHours(3),
                1,
                "[\"time\"]");
        Events.sessionCancelled(session, ours, 2);
        await().atMost(Duration.ofSeconds(30))
                .until(() ->
                        Db.count("select count(*) from session_copy where id = ? and status = 'CANCELLED'", session)
                                == 1);
        Markers.runWebhookSender(webhookSender); // anything else due would be delivered now
        assertThat(forSession(ok, session)).hasSize(1);
        given().auth()
                .oauth2(partnerSystem)
                .get("/api/notifications/webhooks/" + endpoint.get("id") + "/deliveries")
                .then()
                .statusCode(200)
                .body("size()", equalTo(1));
        // Following the venue again is refused while it is not linked.
        given().auth()
                .oauth2(partner)
                .contentType("application/json")
                .body(Map.of("url", url("/ok"), "venueIds", List.of(ours)))
                .post("/api/notifications/webhooks")
                .then()
                .statusCode(422);
    }

    /** The venue ids partner1's group (tsubomi) may follow, as the partner page asks for them. */
    private static List<String> followable() {
        return given().auth()
                .oauth2(Tokens.accessToken("partner1"))
                .get("/api/notifications/webhooks/venues")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("$", String.class);
    }

    private static io.restassured.response.ValidatableResponse follow(String venue) {
        return given().auth()
                .oauth2(Tokens.accessToken("partner1"))
                .contentType("application/json")
                .body(Map.of("url", url("/ok"), "venueIds", List.of(venue)))
                .post("/api/notifications/webhooks")
                .then();
    }

    /**
     * An organiser creates a venue and links tsubomi to it; no session is published there yet. The group may follow it
     * at once (before, only a session event taught this service the link, and the partner page's pre-ticked venue was
     * refused); once the venue is deleted, it may not.
     */
    @Test
    void aVenueLinkedByItsOrganiserCanBeFollowedBeforeAnySessionIsPublishedThere() {
        UUID venue = UUID.randomUUID();
        follow(venue.toString()).statusCode(422).body("type", org.hamcrest.Matchers.endsWith("venue-not-linked"));
        assertThat(followable()).doesNotContain(venue.toString());

        Events.venueChanged(venue, "[\"tsubomi\",\"himawari\"]", false);
        await().atMost(Duration.ofSeconds(30)).until(() -> followable().contains(venue.toString()));
        follow(venue.toString()).statusCode(201);

        Events.venueChanged(venue, "[]", true);
        await().atMost(Duration.ofSeconds(30)).until(() -> !followable().contains(venue.toString()));
        follow(venue.toString()).statusCode(422);
    }

    /**
     * The organiser unlinks tsubomi from a venue it follows: from then on the group hears nothing about the venue, even
     * from an event that does not name the groups (EventCancelled uses the links last known), before any session event
     * says so.
     */
    @Test
    void aVenueUnlinkedByItsOrganiserStopsTheGroupsDeliveriesAtOnce() throws Exception {
        UUID venue = UUID.randomUUID();
        Object endpoint = register("/ok", venue.toString()).get("id"); // linked by a session event
        UUID session = UUID.randomUUID();
        OffsetDateTime start = OffsetDateTime.now(ZoneOffset.UTC).plusDays(12);
        Events.session(
                EventTypes.EVENT_PUBLISHED,
                session,
                "カフェ",
                "Cafe",
                "cafe",
                "FIRST_COME",
                venue.toString(),
                "[\"tsubomi\"]",
                start,
                start.plusHours(2),
                0,
                null);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> forSession(ok, session).size() == 1);

        Events.venueChanged(venue, "[\"himawari\"]", false);
        await().atMost(Duration.ofSeconds(30)).until(() -> !followable().contains(venue.toString()));
        Events.sessionCancelled(session, venue.toString(), 1);
        await().atMost(Duration.ofSeconds(30))
                .until(() ->
                        Db.count("select count(*) from session_copy where id = ? and status = 'CANCELLED'", session)
                                == 1);
        Markers.runWebhookSender(webhookSender); // anything else due would be delivered now

        assertThat(forSession(ok, session)).hasSize(1);
        assertThat(JSON.readTree(forSession(ok, session).get(0).body())
                        .path("type")
                        .asText())
                .isEqualTo("session.published");
        awaitDeliveries(endpoint, deliveries -> deliveries.body("size()", equalTo(1)));
    }

    /**
     * Issue #14: one partner endpoint that hangs must not stall every partner's deliveries. The hanging partner's three
     * deliveries are due before the answering partner's three, in the same batch. The answering partner gets all of
     * its own while the hanging one has seen only its first request (each endpoint is tried once at a time, the others
     * side by side; the rest of a failing endpoint's deliveries wait for its retry). Before, the sender posted the batch
     * one after another: the answering partner waited behind three timeouts, and the hanging one had all three.
     * Causal, not timed: no sleep, and no bound on the machine's speed beyond awaitility's patience.
     */
    @Test
    void aHangingPartnerHoldsUpOnlyItsOwnDeliveries() {
        Map<String, Object> hanging =
                register("/hang", "venue-" + UUID.randomUUID().toString().substring(0, 8));
        Map<String, Object> answering =
                register("/answers", "venue-" + UUID.randomUUID().toString().substring(0, 8));
        // one statement, so that all six become due together; the hanging partner's first
        Db.update("""
                insert into webhook_delivery (id, endpoint_id, message_id, source_event_id, event_type, payload,
                                              status, attempts, next_attempt_at, created_at)
                select gen_random_uuid(), e.id, 'msg_' || replace(gen_random_uuid()::text, '-', ''),
                       gen_random_uuid()::text, 'session.changed', '{"type":"session.changed"}', 'PENDING', 0,
                       now() - make_interval(secs => (1 - e.ord) * 10 + (4 - n)), now()
                from (values (cast(? as uuid), 0), (cast(? as uuid), 1)) as e(id, ord), generate_series(1, 3) as n
                """, hanging.get("id"), answering.get("id"));

        await().atMost(Duration.ofSeconds(60)).until(() -> answered.size() == 3);
        // 0 when the answering partner's first request overtook the hanging one's
        assertThat(hungWhenAnswered).allMatch(seen -> seen <= 1);
        // the hanging partner is switched off so that its retries do not reach the other tests
        Db.update("update webhook_endpoint set active = false where id = cast(? as uuid)", hanging.get("id"));
    }

    @Test
    void theStandardWebhooksSpecVectorVerifies() {
        // The vector published at standardwebhooks.com, checked with the same verifier the test above relies on.
        WebhookVerifier atVectorTime =
                new WebhookVerifier(Clock.fixed(Instant.ofEpochSecond(1614265330L), ZoneOffset.UTC));
        assertThatCode(() -> atVectorTime.verify(
                        Map.of(
                                "webhook-id",
                                "msg_p5jXN8AQM9LWM0D4loKWxJek",
                                "webhook-timestamp",
                                "1614265330",
                                "webhook-signature",
                                "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="),
                        "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8),
                        List.of(WebhookSecret.parse("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"))))
                .doesNotThrowAnyException();
    }

    @Test
    void aFailingEndpointIsRetriedThenDeadLettered() {
        String venue = "venue-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> endpoint = register("/fail", venue);
        UUID session = UUID.randomUUID();
        Events.session(
                EventTypes.EVENT_PUBLISHED,
                session,
                "カフェ",
                "Cafe",
                "FIRST_COME",
                venue,
                OffsetDateTime.now(ZoneOffset.UTC).plusDays(7),
                0,
                null);

        // %test schedule: first attempt, then two retries two seconds apart, then the dead-letter topic.
        var dead = KafkaTopicReader.awaitRecords(
                "notification.delivery.dlq",
                r -> r.value().contains("\"webhook\"")
                        && forSession(failing, session).size() >= 3,
                1,
                Duration.ofSeconds(60));
        assertThat(forSession(failing, session)).hasSize(3);
        assertThat(forSession(failing, session).stream()
                        .map(r -> r.headers().get("webhook-id"))
                        .distinct())
                .hasSize(1);
        String record = dead.stream()
                .filter(r -> r.value().contains("HTTP 500"))
                .map(r -> r.value())
                .findFirst()
                .orElseThrow();
        assertThat(record)
                .contains("\"attempts\":3")
                .doesNotContain("127.0.0.1")
                .doesNotContain(session.toString());
        // the dead letter is on its topic a moment before the sender's transaction commits the delivery as dead
        awaitDeliveries(
                endpoint.get("id"),
                deliveries -> deliveries
                        .body("[0].status", equalTo("DEAD"))
                        .body("[0].attempts", equalTo(3))
                        .body("[0].lastStatusCode", equalTo(500)));
    }

    /**
     * The partner's list of an endpoint's deliveries, once it shows what is expected (within 10 s): the sender commits
     * a delivery's outcome a moment after the call it made or the dead letter it published.
     */
    private static void awaitDeliveries(
            Object endpointId, java.util.function.Consumer<io.restassured.response.ValidatableResponse> expected) {
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> expected.accept(given().auth()
                        .oauth2(Tokens.accessToken("partner1"))
                        .get("/api/notifications/webhooks/" + endpointId + "/deliveries")
                        .then()
                        .statusCode(200)));
    }

    @Test
    void endpointsArePartnersOnlyHttpsOrLocalInTestAndOtherwiseNotFound() {
        String partner = Tokens.accessToken("partner1");
        given().auth()
                .oauth2(partner)
                .contentType("application/json")
                .body(Map.of("url", "ftp://example.org/hook", "venueIds", List.of("v1")))
                .post("/api/notifications/webhooks")
                .then()
                .statusCode(422)
                .body("type", org.hamcrest.Matchers.endsWith("invalid-webhook-url"));
        given().auth()
                .oauth2(partner)
                .contentType("application/json")
                .body(Map.of("url", "http://169.254.169.254/latest/meta-data", "venueIds", List.of("v1")))
                .post("/api/notifications/webhooks")
                .then()
                .statusCode(422);
        given().auth()
                .oauth2(partner)
                .contentType("application/json")
                .body(Map.of("url", url("/ok"), "venueIds", List.of()))
                .post("/api/notifications/webhooks")
                .then()
                .statusCode(400);
        given().auth()
                .oauth2(Tokens.accessToken("hana"))
                .get("/api/notifications/webhooks")
                .then()
                .statusCode(403);
        given().auth()
                .oauth2(partner)
                .get("/api/notifications/webhooks/" + UUID.randomUUID() + "/deliveries")
                .then()
                .statusCode(404);
        Map<String, Object> endpoint = register("/ok", "v-delete");
        given().auth()
                .oauth2(partner)
                .get("/api/notifications/webhooks")
                .then()
                .statusCode(200)
                .body("find { it.id == '" + endpoint.get("id") + "' }.secret", org.hamcrest.Matchers.nullValue());
        given().auth()
                .oauth2(partner)
                .delete("/api/notifications/webhooks/" + endpoint.get("id"))
                .then()
                .statusCode(204);
        given().auth()
                .oauth2(partner)
                .delete("/api/notifications/webhooks/" + endpoint.get("id"))
                .then()
                .statusCode(404);
    }
}
