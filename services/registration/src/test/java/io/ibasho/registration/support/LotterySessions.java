package io.ibasho.registration.support;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import io.ibasho.contracts.EventTypes;
import io.ibasho.contracts.Topics;
import io.ibasho.testsupport.KafkaTopicWriter;

/** Fictional lottery sessions, announced over the test Kafka like the event service does. */
public final class LotterySessions {
    private LotterySessions() {
    }

    /** A published lottery session of organisation "hinata" a week from now whose applications close at {@code closesAt}. */
    public static UUID lottery(int capacity, OffsetDateTime closesAt, String lotterySettingsJson) {
        UUID sessionId = UUID.randomUUID();
        OffsetDateTime start = OffsetDateTime.now(ZoneOffset.UTC).plusDays(7);
        String event = """
                {"specversion":"1.0","id":"%s","source":"/ibasho/event","type":"%s","time":"%s","subject":"%s",
                 "datacontenttype":"application/json","data":{"sessionId":"%s","organisationId":"hinata","kind":"workshop",
                 "allocation":"LOTTERY","status":"PUBLISHED","startsAt":"%s","endsAt":"%s","capacity":%d,
                 "bookingRequired":true,"applicationClosesAt":"%s","lottery":%s,"sequence":0}}
                """.formatted(UUID.randomUUID(), EventTypes.EVENT_PUBLISHED, OffsetDateTime.now(ZoneOffset.UTC), sessionId, sessionId,
                start, start.plusHours(2), capacity, closesAt, lotterySettingsJson);
        KafkaTopicWriter.send(Topics.EVENT_LIFECYCLE, sessionId.toString(), event);
        return sessionId;
    }
}
