package io.ibasho.childcarebooking;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ibasho.contracts.EventTypes;
import io.ibasho.contracts.Topics;
import io.ibasho.testsupport.KafkaTopicReader;
import io.ibasho.testsupport.KafkaTopicWriter;
import io.ibasho.testsupport.Tokens;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Drives the service as the event and registration services would, over the real Kafka broker. Fictional data. */
public final class Fixtures {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Fixtures() {}

    /** A session's childcare as the event service announces it. */
    public record Session(
            UUID id,
            String organisation,
            int carers,
            int minAge,
            int maxAge,
            OffsetDateTime startsAt,
            OffsetDateTime endsAt,
            OffsetDateTime deadline,
            Integer maxChildren) {

        public static Session of(String organisation, int carers) {
            OffsetDateTime start = OffsetDateTime.now(ZoneOffset.UTC).plusDays(7);
            return new Session(
                    UUID.randomUUID(), organisation, carers, 0, 6, start, start.plusHours(2), start.minusDays(2), null);
        }

        public Session withCarers(int newCarers) {
            return new Session(id, organisation, newCarers, minAge, maxAge, startsAt, endsAt, deadline, maxChildren);
        }

        public Session withDeadline(OffsetDateTime newDeadline) {
            return new Session(id, organisation, carers, minAge, maxAge, startsAt, endsAt, newDeadline, maxChildren);
        }

        public Session withTimes(OffsetDateTime start, OffsetDateTime end) {
            return new Session(id, organisation, carers, minAge, maxAge, start, end, deadline, maxChildren);
        }
    }

    public static void publish(Session session, String type, int sequence) {
        publish(session, type, sequence, "FIRST_COME");
    }

    /**
     * As the event service announces it, with the session's allocation (FIRST_COME, LOTTERY or NONE for drop-in).
     *
     * @return the CloudEvent id (to wait until it was handled)
     */
    public static UUID publish(Session session, String type, int sequence, String allocation) {
        UUID eventId = UUID.randomUUID();
        KafkaTopicWriter.send(Topics.EVENT_LIFECYCLE, session.id().toString(), """
                {"specversion":"1.0","id":"%s","source":"/ibasho/event","type":"%s","subject":"%s","data":{"sessionId":"%s",
                 "organisationId":"%s","kind":"cafe","allocation":"%s","status":"PUBLISHED","startsAt":"%s","endsAt":"%s",
                 "sequence":%d,"changed":["childcare"],"childcare":{"offered":true,"minAgeYears":%d,"maxAgeYears":%d,"carers":%d,
                 "deadline":"%s","maxChildren":%s}}}
                """.formatted(
                        eventId,
                        type,
                        session.id(),
                        session.id(),
                        session.organisation(),
                        allocation,
                        session.startsAt(),
                        session.endsAt(),
                        sequence,
                        session.minAge(),
                        session.maxAge(),
                        session.carers(),
                        session.deadline(),
                        session.maxChildren()));
        return eventId;
    }

    /** Publishes the session and waits until the service knows it (through the staff view). */
    public static Session published(Session session) {
        return published(session, "FIRST_COME");
    }

    /** Publishes the session with the given allocation and waits until the service knows it. */
    public static Session published(Session session, String allocation) {
        publish(session, EventTypes.EVENT_PUBLISHED, 0, allocation);
        String staff = session.organisation().equals("hinata") ? "carer1" : "organiser2";
        await().atMost(Duration.ofSeconds(60))
                .until(() -> given().auth()
                                .oauth2(Tokens.accessToken(staff))
                                .get("/api/childcare/sessions/" + session.id())
                                .statusCode()
                        == 200);
        return session;
    }

    /** A ChildcareRequested as registration sends it for a first-come booking; returns the requestId. */
    public static UUID requestChildcare(
            UUID sessionId, UUID registrationId, String attendeeId, UUID requestId, int... ages) {
        return requestChildcare("BOOKING", sessionId, registrationId, attendeeId, requestId, ages);
    }

    /** A ChildcareRequested with the given purpose (BOOKING, LOTTERY, WAITLIST_PROMOTION); returns the requestId. */
    public static UUID requestChildcare(
            String purpose, UUID sessionId, UUID registrationId, String attendeeId, UUID requestId, int... ages) {
        return send(purpose, sessionId, registrationId, attendeeId, requestId, "", ages);
    }

    /**
     * A lottery's ChildcareRequested as the draw sends it, after the deadline: {@code askedAt} is when she asked for
     * childcare with her application. Returns the requestId.
     */
    public static UUID requestChildcareAskedWithApplication(
            UUID sessionId, UUID registrationId, String attendeeId, OffsetDateTime askedAt, int... ages) {
        return send(
                "LOTTERY",
                sessionId,
                registrationId,
                attendeeId,
                UUID.randomUUID(),
                ",\"askedAt\":\"" + askedAt + "\"",
                ages);
    }

    private static UUID send(
            String purpose,
            UUID sessionId,
            UUID registrationId,
            String attendeeId,
            UUID requestId,
            String moreData,
            int... ages) {
        String childrenAges =
                java.util.Arrays.stream(ages).mapToObj(Integer::toString).collect(Collectors.joining(","));
        KafkaTopicWriter.send(Topics.REGISTRATION_LIFECYCLE, sessionId.toString(), """
                {"specversion":"1.0","id":"%s","source":"/ibasho/registration","type":"%s","time":"%s","subject":"%s",
                 "datacontenttype":"application/json","data":{"requestId":"%s","registrationId":"%s","sessionId":"%s",
                 "attendeeId":"%s","status":"PENDING_CHILDCARE","childrenAges":[%s],"purpose":"%s"%s}}
                """.formatted(
                        UUID.randomUUID(),
                        EventTypes.CHILDCARE_REQUESTED,
                        OffsetDateTime.now(ZoneOffset.UTC),
                        sessionId,
                        requestId,
                        registrationId,
                        sessionId,
                        attendeeId,
                        childrenAges,
                        purpose,
                        moreData));
        return requestId;
    }

    /**
     * A ChildcareRequested for a waitlist promotion as registration sends it after letting other places go: it names
     * the registrations whose release it must follow ({@code awaitsReleaseOf}, docs/adr/0039).
     */
    public static UUID requestChildcareAfterRelease(
            UUID sessionId, UUID registrationId, UUID requestId, List<UUID> awaitsReleaseOf, int... ages) {
        String childrenAges =
                java.util.Arrays.stream(ages).mapToObj(Integer::toString).collect(Collectors.joining(","));
        String awaited = awaitsReleaseOf.stream().map(id -> "\"" + id + "\"").collect(Collectors.joining(","));
        KafkaTopicWriter.send(Topics.REGISTRATION_LIFECYCLE, sessionId.toString(), """
                {"specversion":"1.0","id":"%s","source":"/ibasho/registration","type":"%s","time":"%s","subject":"%s",
                 "datacontenttype":"application/json","data":{"requestId":"%s","registrationId":"%s","sessionId":"%s",
                 "attendeeId":"attendee-%s","status":"PENDING_CHILDCARE","childrenAges":[%s],
                 "purpose":"WAITLIST_PROMOTION","awaitsReleaseOf":[%s]}}
                """.formatted(
                        UUID.randomUUID(),
                        EventTypes.CHILDCARE_REQUESTED,
                        OffsetDateTime.now(ZoneOffset.UTC),
                        sessionId,
                        requestId,
                        registrationId,
                        sessionId,
                        registrationId,
                        childrenAges,
                        awaited));
        return requestId;
    }

    public static UUID requestChildcare(UUID sessionId, int... ages) {
        return requestChildcare(sessionId, UUID.randomUUID(), "attendee-" + UUID.randomUUID(), UUID.randomUUID(), ages);
    }

    public static void cancelRegistration(UUID sessionId, UUID registrationId, String attendeeId) {
        KafkaTopicWriter.send(Topics.REGISTRATION_LIFECYCLE, sessionId.toString(), """
                {"specversion":"1.0","id":"%s","source":"/ibasho/registration","type":"%s","subject":"%s",
                 "data":{"registrationId":"%s","sessionId":"%s","attendeeId":"%s","status":"CANCELLED",
                 "cancelledBy":"ATTENDEE","reason":null}}
                """.formatted(
                        UUID.randomUUID(),
                        EventTypes.REGISTRATION_CANCELLED,
                        sessionId,
                        registrationId,
                        sessionId,
                        attendeeId));
    }

    /** Registration stopped waiting for the answer to {@code requestId} (its hold timed out). */
    public static void holdWithdrawn(UUID sessionId, UUID registrationId, UUID requestId) {
        KafkaTopicWriter.send(Topics.REGISTRATION_LIFECYCLE, sessionId.toString(), """
                {"specversion":"1.0","id":"%s","source":"/ibasho/registration","type":"%s","subject":"%s",
                 "data":{"registrationId":"%s","sessionId":"%s","requestId":"%s","reason":"NO_ANSWER"}}
                """.formatted(
                        UUID.randomUUID(),
                        EventTypes.CHILDCARE_HOLD_WITHDRAWN,
                        sessionId,
                        registrationId,
                        sessionId,
                        requestId));
    }

    /** A seat offer (waitlist promotion) that was not accepted in time, or was declined. */
    public static void offerExpired(UUID sessionId, UUID registrationId, String attendeeId, boolean declined) {
        KafkaTopicWriter.send(Topics.REGISTRATION_LIFECYCLE, sessionId.toString(), """
                {"specversion":"1.0","id":"%s","source":"/ibasho/registration","type":"%s","subject":"%s",
                 "data":{"registrationId":"%s","sessionId":"%s","attendeeId":"%s","status":"WAITLISTED","declined":%s}}
                """.formatted(
                        UUID.randomUUID(),
                        EventTypes.OFFER_EXPIRED,
                        sessionId,
                        registrationId,
                        sessionId,
                        attendeeId,
                        declined));
    }

    /** The session's ChildcareReleased messages (waiting up to {@code timeout} for {@code count}). */
    public static List<JsonNode> releases(UUID sessionId, int count, Duration timeout) {
        return KafkaTopicReader.awaitRecords(
                        Topics.CHILDCARE_LIFECYCLE,
                        record -> sessionId.toString().equals(record.key())
                                && record.value().contains(EventTypes.CHILDCARE_RELEASED),
                        count,
                        timeout)
                .stream()
                .map(record -> parse(record.value()))
                .toList();
    }

    /** A client-credentials token of the demo partner system (partner-tsubomi). */
    public static String partnerClientToken() {
        return Tokens.clientToken(
                io.ibasho.testsupport.TestServers.get().keycloak().realmUrl(),
                "partner-tsubomi",
                "partner-local-secret-change-me");
    }

    /** Waits for {@code count} replies about the session on childcare-lifecycle and returns their envelopes. */
    public static List<JsonNode> replies(UUID sessionId, int count) {
        return replies(sessionId, count, Duration.ofSeconds(60));
    }

    /** At most {@code count} replies about the session, waiting no longer than {@code timeout}. */
    public static List<JsonNode> replies(UUID sessionId, int count, Duration timeout) {
        return KafkaTopicReader.awaitRecords(
                        Topics.CHILDCARE_LIFECYCLE,
                        record -> sessionId.toString().equals(record.key()),
                        count,
                        timeout)
                .stream()
                .map(record -> parse(record.value()))
                .toList();
    }

    public static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Every reply about the session up to and including the reply to {@code markerRequest}, a request sent after the
     * ones whose replies are counted: the service answers one session's requests in order, so a reply that was going
     * to come (a double processing, a second release) is on the topic before the marker's reply.
     */
    public static List<JsonNode> repliesUntilAnswerTo(UUID sessionId, UUID markerRequest) {
        return KafkaTopicReader.recordsUntil(
                        Topics.CHILDCARE_LIFECYCLE,
                        record -> sessionId.toString().equals(record.key()),
                        record -> sessionId.toString().equals(record.key())
                                && record.value().contains(markerRequest.toString()),
                        Duration.ofSeconds(60))
                .stream()
                .map(record -> parse(record.value()))
                .toList();
    }

    /** The reply to one request, waiting until it arrives. */
    public static JsonNode replyTo(UUID sessionId, UUID requestId) {
        List<ConsumerRecord<String, String>> records = KafkaTopicReader.awaitRecords(
                Topics.CHILDCARE_LIFECYCLE,
                record -> sessionId.toString().equals(record.key())
                        && record.value().contains(requestId.toString()),
                1,
                Duration.ofSeconds(60));
        if (records.isEmpty()) {
            throw new AssertionError("no reply to request " + requestId);
        }
        try {
            return JSON.readTree(records.get(0).value());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The Keycloak subject of a demo user: the attendeeId registration would put in its events. */
    public static String subjectOf(String username) {
        String payload = Tokens.accessToken(username).split("\\.")[1];
        try {
            return JSON.readTree(new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8))
                    .path("sub")
                    .asText();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
