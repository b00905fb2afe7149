package io.ibasho.registration.support;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ibasho.contracts.EventTypes;
import io.ibasho.contracts.Topics;
import io.ibasho.localstack.PostgresServer;
import io.ibasho.testsupport.KafkaTopicReader;
import io.ibasho.testsupport.KafkaTopicWriter;
import io.ibasho.testsupport.TestServers;
import io.ibasho.testsupport.Tokens;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The test plays childcare-booking over the real test Kafka: it reads the ChildcareRequested the service wrote to
 * registration-lifecycle and answers on childcare-lifecycle with real CloudEvents, as childcare-booking does.
 */
public final class ChildcareService {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ChildcareService() {}

    public static Response book(String user, UUID sessionId, List<Integer> childrenAges) {
        return given().auth()
                .oauth2(Tokens.accessToken(user))
                .contentType(ContentType.JSON)
                .body(Map.of("nickname", user, "childrenAges", childrenAges))
                .post("/api/registrations/sessions/" + sessionId + "/bookings");
    }

    public static Response joinWaitlist(String user, UUID sessionId, List<Integer> childrenAges) {
        return given().auth()
                .oauth2(Tokens.accessToken(user))
                .contentType(ContentType.JSON)
                .body(Map.of("nickname", user, "childrenAges", childrenAges))
                .post("/api/registrations/sessions/" + sessionId + "/waitlist");
    }

    /** The {@code nth} (1 = first) ChildcareRequested of this registration, as a whole CloudEvent. */
    public static JsonNode awaitRequest(UUID registrationId, int nth) {
        var records = KafkaTopicReader.awaitRecords(
                Topics.REGISTRATION_LIFECYCLE,
                r -> r.value().contains(EventTypes.CHILDCARE_REQUESTED)
                        && r.value().contains(registrationId.toString()),
                nth,
                Duration.ofSeconds(30));
        if (records.size() < nth) {
            throw new AssertionError("no ChildcareRequested #" + nth + " for " + registrationId + " within 30 s");
        }
        return read(records.get(nth - 1).value());
    }

    /** All events of the session on registration-lifecycle so far, once at least {@code count} are there. */
    public static List<JsonNode> awaitEvents(UUID sessionId, int count) {
        return KafkaTopicReader.awaitRecords(
                        Topics.REGISTRATION_LIFECYCLE,
                        r -> sessionId.toString().equals(r.key()),
                        count,
                        Duration.ofSeconds(30))
                .stream()
                .map(r -> read(r.value()))
                .toList();
    }

    /** Answers a request with ChildcareReserved; returns the CloudEvent sent (to send it again as a duplicate). */
    public static String reserve(JsonNode request) {
        JsonNode data = request.path("data");
        return answer(EventTypes.CHILDCARE_RESERVED, data.path("sessionId").asText(), """
                {"requestId":"%s","registrationId":"%s","sessionId":"%s","children":%d}""".formatted(
                        data.path("requestId").asText(),
                        data.path("registrationId").asText(),
                        data.path("sessionId").asText(),
                        data.path("childrenAges").size()));
    }

    public static String reject(JsonNode request, String reason) {
        JsonNode data = request.path("data");
        return answer(EventTypes.CHILDCARE_REJECTED, data.path("sessionId").asText(), """
                {"requestId":"%s","registrationId":"%s","sessionId":"%s","reason":"%s"}""".formatted(
                        data.path("requestId").asText(),
                        data.path("registrationId").asText(),
                        data.path("sessionId").asText(),
                        reason));
    }

    /** ChildcareReleased: somebody's reserved children were released (her cancellation), places are free. */
    public static String released(UUID sessionId, UUID registrationId) {
        return answer(EventTypes.CHILDCARE_RELEASED, sessionId.toString(), """
                {"registrationId":"%s","sessionId":"%s"}""".formatted(registrationId, sessionId));
    }

    /**
     * Waits until registration has handled every answer sent so far for the session, without a fixed wait for a change
     * that must not come: a marker follows them under the same key (so on the same partition, which the service reads in
     * order), and once the marker is in registration's {@code processed_message}, so is everything before it. The
     * marker is a ChildcareReleased for a session nobody has: recorded as processed, it changes nothing.
     */
    public static void awaitHandled(UUID sessionId) {
        String id = UUID.randomUUID().toString();
        String marker = """
                {"specversion":"1.0","id":"%s","source":"/ibasho/test","type":"%s","time":"%s","subject":"%s",
                 "datacontenttype":"application/json","data":{"registrationId":"%s","sessionId":"%s"}}
                """.formatted(
                        id,
                        EventTypes.CHILDCARE_RELEASED,
                        OffsetDateTime.now(ZoneOffset.UTC),
                        sessionId,
                        UUID.randomUUID(),
                        UUID.randomUUID());
        KafkaTopicWriter.send(Topics.CHILDCARE_LIFECYCLE, sessionId.toString(), marker);
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> handled(id));
    }

    private static boolean handled(String eventId) throws SQLException {
        try (Connection connection = DriverManager.getConnection(
                        TestServers.get().postgres().jdbcUrl("registration"), PostgresServer.USER, "");
                PreparedStatement count = connection.prepareStatement(
                        "select count(*) from processed_message where event_id = ? and consumer = ?")) {
            count.setString(1, eventId);
            count.setString(2, "registration.childcare-saga");
            try (ResultSet result = count.executeQuery()) {
                return result.next() && result.getLong(1) == 1;
            }
        }
    }

    /** Publishes an already sent CloudEvent again, as Kafka's at-least-once delivery may. */
    public static void redeliver(String sessionId, String cloudEvent) {
        KafkaTopicWriter.send(Topics.CHILDCARE_LIFECYCLE, sessionId, cloudEvent);
    }

    private static String answer(String type, String sessionId, String data) {
        String event = """
                {"specversion":"1.0","id":"%s","source":"/ibasho/childcare-booking","type":"%s","time":"%s","subject":"%s",
                 "datacontenttype":"application/json","data":%s}
                """.formatted(UUID.randomUUID(), type, OffsetDateTime.now(ZoneOffset.UTC), sessionId, data);
        KafkaTopicWriter.send(Topics.CHILDCARE_LIFECYCLE, sessionId, event);
        return event;
    }

    public static JsonNode read(String value) {
        try {
            return JSON.readTree(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
