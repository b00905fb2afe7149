package io.ibasho.registration.support;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.containsString;

import io.ibasho.contracts.EventTypes;
import io.ibasho.contracts.Topics;
import io.ibasho.testsupport.JsonBody;
import io.ibasho.testsupport.KafkaTopicWriter;
import io.ibasho.testsupport.Tokens;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** Fictional lottery sessions, announced over the test Kafka like the event service does. */
public final class LotterySessions {
    private LotterySessions() {}

    private record Announced(
            String organisationId,
            OffsetDateTime opens,
            OffsetDateTime start,
            int capacity,
            boolean childcare,
            String lotterySettingsJson) {}

    private static final Map<UUID, Announced> ANNOUNCED = new ConcurrentHashMap<>();

    /** A published lottery session of organisation "hinata" a week from now whose applications close at {@code closesAt}. */
    public static UUID lottery(int capacity, OffsetDateTime closesAt, String lotterySettingsJson) {
        return lottery(
                "hinata",
                capacity,
                null,
                closesAt,
                OffsetDateTime.now(ZoneOffset.UTC).plusDays(7),
                true,
                lotterySettingsJson);
    }

    /**
     * A published lottery session of {@code organisationId} starting at {@code startsAt}, open for applications from
     * {@code opensAt} (null: from now) until {@code closesAt}, with or without childcare (託児).
     */
    public static UUID lottery(
            String organisationId,
            int capacity,
            OffsetDateTime opensAt,
            OffsetDateTime closesAt,
            OffsetDateTime startsAt,
            boolean childcare,
            String lotterySettingsJson) {
        UUID sessionId = UUID.randomUUID();
        Announced announced =
                new Announced(organisationId, opensAt, startsAt, capacity, childcare, lotterySettingsJson);
        ANNOUNCED.put(sessionId, announced);
        send(sessionId, announced, EventTypes.EVENT_PUBLISHED, closesAt, 0);
        return sessionId;
    }

    /**
     * The organiser moves the application deadline to now, as the event service announces it (an EventChanged): a
     * lottery is drawn only once its applications have closed.
     */
    public static void closeApplications(UUID sessionId) {
        moveDeadline(sessionId, OffsetDateTime.now(ZoneOffset.UTC).minusSeconds(1), 1);
    }

    /** The event service announces a new application deadline (an EventChanged with this sequence). */
    public static void moveDeadline(UUID sessionId, OffsetDateTime closesAt, int sequence) {
        send(sessionId, ANNOUNCED.get(sessionId), EventTypes.EVENT_CHANGED, closesAt, sequence);
    }

    /**
     * Closes the applications, waits until the service has seen it, draws by hand as organiser1 and returns the draw's
     * audit record. In the test profile the scheduler looks every second, so it may draw first: then the organiser's
     * answer is 409 already-drawn, and the record is the same either way.
     */
    public static Response closeAndDraw(UUID sessionId) {
        closeApplications(sessionId);
        String organiser = Tokens.accessToken("organiser1");
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            String closes = JsonBody.text(
                    given().auth().oauth2(organiser).get("/api/registrations/sessions/" + sessionId + "/lottery"),
                    "applicationClosesAt");
            return closes != null && OffsetDateTime.parse(closes).isBefore(OffsetDateTime.now(ZoneOffset.UTC));
        });
        Response drawn =
                given().auth().oauth2(organiser).post("/api/registrations/sessions/" + sessionId + "/lottery/draw");
        if (drawn.statusCode() != 200) {
            // the scheduler drew first, or is drawing at this very moment
            drawn.then()
                    .statusCode(409)
                    .body("type", anyOf(containsString("already-drawn"), containsString("draw-in-progress")));
        }
        String record = "/api/registrations/sessions/" + sessionId + "/lottery/draw";
        await().atMost(Duration.ofSeconds(30))
                .until(() -> given().auth().oauth2(organiser).get(record).statusCode() == 200);
        return given().auth().oauth2(organiser).get(record);
    }

    private static void send(UUID sessionId, Announced announced, String type, OffsetDateTime closesAt, int sequence) {
        String event = """
                {"specversion":"1.0","id":"%s","source":"/ibasho/event","type":"%s","time":"%s","subject":"%s",
                 "datacontenttype":"application/json","data":{"sessionId":"%s","organisationId":"%s","kind":"workshop",
                 "allocation":"LOTTERY","status":"PUBLISHED","startsAt":"%s","endsAt":"%s","capacity":%d,
                 "bookingRequired":true,"applicationOpensAt":%s,"applicationClosesAt":"%s","lottery":%s,"sequence":%d,
                 "childcare":{"offered":%s,"minAgeYears":0,"maxAgeYears":17,"carers":2}}}
                """.formatted(
                        UUID.randomUUID(),
                        type,
                        OffsetDateTime.now(ZoneOffset.UTC),
                        sessionId,
                        sessionId,
                        announced.organisationId(),
                        announced.start(),
                        announced.start().plusHours(2),
                        announced.capacity(),
                        announced.opens() == null ? "null" : "\"" + announced.opens() + "\"",
                        closesAt,
                        announced.lotterySettingsJson(),
                        sequence,
                        announced.childcare());
        KafkaTopicWriter.send(Topics.EVENT_LIFECYCLE, sessionId.toString(), event);
    }
}
