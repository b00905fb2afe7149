package io.ibasho.registration.support;

import io.ibasho.contracts.EventTypes;
import io.ibasho.contracts.Topics;
import io.ibasho.testsupport.KafkaTopicWriter;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/** Fictional sessions, announced to the service the real way: event-lifecycle messages on the test Kafka. */
public final class Sessions {
    private Sessions() {}

    public static String event(
            String type,
            UUID sessionId,
            String organisationId,
            String status,
            Integer capacity,
            int sequence,
            OffsetDateTime startsAt) {
        return """
                {"specversion":"1.0","id":"%s","source":"/ibasho/event","type":"%s","time":"%s","subject":"%s",
                 "datacontenttype":"application/json","data":{"sessionId":"%s","organisationId":"%s","kind":"workshop",
                 "allocation":"FIRST_COME","status":"%s","startsAt":"%s","endsAt":"%s","capacity":%s,
                 "bookingRequired":true,"sequence":%d}}
                """.formatted(
                        UUID.randomUUID(),
                        type,
                        OffsetDateTime.now(ZoneOffset.UTC),
                        sessionId,
                        sessionId,
                        organisationId,
                        status,
                        startsAt,
                        startsAt.plusHours(2),
                        capacity == null ? "null" : capacity.toString(),
                        sequence);
    }

    /** A published first-come session of organisation "hinata" a week from now. */
    public static UUID published(int capacity) {
        return published(capacity, OffsetDateTime.now(ZoneOffset.UTC).plusDays(7));
    }

    /**
     * A published first-come session of "hinata" starting in an hour: its door is open now (from two hours before the
     * start, DoorDay), and it still takes bookings.
     */
    public static UUID startingSoon(int capacity) {
        return published(
                capacity, OffsetDateTime.now(ZoneOffset.UTC).plusHours(1).withNano(0));
    }

    public static UUID published(int capacity, OffsetDateTime startsAt) {
        UUID sessionId = UUID.randomUUID();
        KafkaTopicWriter.send(
                Topics.EVENT_LIFECYCLE,
                sessionId.toString(),
                event(EventTypes.EVENT_PUBLISHED, sessionId, "hinata", "PUBLISHED", capacity, 0, startsAt));
        return sessionId;
    }

    /** A published first-come session of "hinata" a week from now, in two parts booked together (1部 and 2部). */
    public static UUID publishedInTwoParts(int capacity, String firstPartId, String secondPartId) {
        UUID sessionId = UUID.randomUUID();
        OffsetDateTime startsAt = OffsetDateTime.now(ZoneOffset.UTC).plusDays(7).withNano(0);
        String parts = """
                "parts":[{"partId":"%s","label":"1部","startsAt":"%s","endsAt":"%s"},
                         {"partId":"%s","label":"2部","startsAt":"%s","endsAt":"%s"}],
                """.formatted(
                        firstPartId,
                        startsAt,
                        startsAt.plusHours(1),
                        secondPartId,
                        startsAt.plusHours(1),
                        startsAt.plusHours(2));
        KafkaTopicWriter.send(
                Topics.EVENT_LIFECYCLE,
                sessionId.toString(),
                event(EventTypes.EVENT_PUBLISHED, sessionId, "hinata", "PUBLISHED", capacity, 0, startsAt)
                        .replace("\"bookingRequired\"", parts + "\"bookingRequired\""));
        return sessionId;
    }

    public static void capacityChanged(UUID sessionId, int capacity, int sequence, OffsetDateTime startsAt) {
        KafkaTopicWriter.send(
                Topics.EVENT_LIFECYCLE,
                sessionId.toString(),
                event(EventTypes.EVENT_CHANGED, sessionId, "hinata", "PUBLISHED", capacity, sequence, startsAt));
    }

    /** EventCancelled as the event service writes it, with the session's sequence. */
    public static void cancelled(UUID sessionId, int sequence) {
        KafkaTopicWriter.send(Topics.EVENT_LIFECYCLE, sessionId.toString(), """
                {"specversion":"1.0","id":"%s","source":"/ibasho/event","type":"%s","time":"%s","subject":"%s",
                 "datacontenttype":"application/json","data":{"sessionId":"%s","status":"CANCELLED","sequence":%d}}
                """.formatted(
                        UUID.randomUUID(),
                        EventTypes.EVENT_CANCELLED,
                        OffsetDateTime.now(ZoneOffset.UTC),
                        sessionId,
                        sessionId,
                        sequence));
    }

    public static void cancelled(UUID sessionId) {
        KafkaTopicWriter.send(Topics.EVENT_LIFECYCLE, sessionId.toString(), """
                {"specversion":"1.0","id":"%s","source":"/ibasho/event","type":"%s","time":"%s","subject":"%s",
                 "datacontenttype":"application/json","data":{"sessionId":"%s","status":"CANCELLED"}}
                """.formatted(
                        UUID.randomUUID(),
                        EventTypes.EVENT_CANCELLED,
                        OffsetDateTime.now(ZoneOffset.UTC),
                        sessionId,
                        sessionId));
    }
}
