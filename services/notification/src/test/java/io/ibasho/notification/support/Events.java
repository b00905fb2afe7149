package io.ibasho.notification.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ibasho.contracts.EventTypes;
import io.ibasho.contracts.Topics;
import io.ibasho.testsupport.KafkaTopicWriter;
import io.ibasho.testsupport.Tokens;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.UUID;

/** CloudEvents as the other services publish them, written to the real Kafka. */
public final class Events {
    private Events() {}

    public static String subjectOf(String user) {
        try {
            String payload = new String(
                    Base64.getUrlDecoder().decode(Tokens.accessToken(user).split("\\.")[1]), StandardCharsets.UTF_8);
            return new ObjectMapper().readTree(payload).path("sub").asText();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static String envelope(String id, String source, String type, UUID subject, String data) {
        return """
                {"specversion":"1.0","id":"%s","source":"%s","type":"%s","time":"%s","subject":"%s","data":%s}
                """.formatted(id, source, type, OffsetDateTime.now(ZoneOffset.UTC), subject, data);
    }

    /** Sends and returns the CloudEvent so a test can send the very same message again (a redelivery). */
    public static String session(
            String type,
            UUID sessionId,
            String titleJa,
            String titleEn,
            String allocation,
            String venueId,
            OffsetDateTime startsAt,
            int sequence,
            String changed) {
        return session(
                type,
                sessionId,
                titleJa,
                titleEn,
                "cafe",
                allocation,
                venueId,
                null,
                startsAt,
                startsAt.plusHours(2),
                sequence,
                changed);
    }

    /**
     * @param venuePartnerGroups e.g. {@code ["tsubomi"]} as JSON, or null for an event without the field (older producer)
     * @param kind               cafe, workshop, online, free-space
     */
    public static String session(
            String type,
            UUID sessionId,
            String titleJa,
            String titleEn,
            String kind,
            String allocation,
            String venueId,
            String venuePartnerGroups,
            OffsetDateTime startsAt,
            OffsetDateTime endsAt,
            int sequence,
            String changed) {
        return session(
                type,
                sessionId,
                titleJa,
                titleEn,
                kind,
                allocation,
                venueId,
                null,
                null,
                venuePartnerGroups,
                startsAt,
                endsAt,
                sequence,
                changed);
    }

    /** With the venue's public names, as the event service sends them (null leaves the field out: an older producer). */
    public static String session(
            String type,
            UUID sessionId,
            String titleJa,
            String titleEn,
            String kind,
            String allocation,
            String venueId,
            String venueNameJa,
            String venueNameEn,
            String venuePartnerGroups,
            OffsetDateTime startsAt,
            OffsetDateTime endsAt,
            int sequence,
            String changed) {
        String data = """
                {"sessionId":"%s","organisationId":"hinata","titleJa":"%s","titleEn":"%s","kind":"%s","allocation":"%s",
                 "status":"PUBLISHED","startsAt":"%s","endsAt":"%s","sequence":%d,"venueId":%s%s%s%s}
                """.formatted(
                        sessionId,
                        titleJa,
                        titleEn,
                        kind,
                        allocation,
                        startsAt,
                        endsAt,
                        sequence,
                        venueId == null ? "null" : "\"" + venueId + "\"",
                        changed == null ? "" : ",\"changed\":" + changed,
                        venuePartnerGroups == null ? "" : ",\"venuePartnerGroups\":" + venuePartnerGroups,
                        venueNameJa == null
                                ? ""
                                : ",\"venueNameJa\":\"" + venueNameJa + "\",\"venueNameEn\":\"" + venueNameEn + "\"");
        return send(
                Topics.EVENT_LIFECYCLE,
                sessionId,
                envelope(UUID.randomUUID().toString(), "/ibasho/event", type, sessionId, data));
    }

    public static String sessionCancelled(UUID sessionId, String venueId, int sequence) {
        String data = """
                {"sessionId":"%s","organisationId":"hinata","venueId":%s,"sequence":%d,"cancelledAt":"%s"}
                """.formatted(
                        sessionId,
                        venueId == null ? "null" : "\"" + venueId + "\"",
                        sequence,
                        OffsetDateTime.now(ZoneOffset.UTC));
        return send(
                Topics.EVENT_LIFECYCLE,
                sessionId,
                envelope(UUID.randomUUID().toString(), "/ibasho/event", EventTypes.EVENT_CANCELLED, sessionId, data));
    }

    /** A registration-lifecycle event; {@code extra} is more JSON fields, e.g. {@code ,"position":2}. */
    public static String registration(
            String type, UUID sessionId, UUID registrationId, String attendeeId, String status, String extra) {
        String data = """
                {"registrationId":"%s","sessionId":"%s","attendeeId":"%s","status":"%s"%s}
                """.formatted(registrationId, sessionId, attendeeId, status, extra == null ? "" : extra);
        return send(
                Topics.REGISTRATION_LIFECYCLE,
                sessionId,
                envelope(UUID.randomUUID().toString(), "/ibasho/registration", type, sessionId, data));
    }

    public static String childcare(String type, UUID sessionId, UUID registrationId, String extra) {
        String data = """
                {"requestId":"%s","registrationId":"%s","sessionId":"%s"%s}
                """.formatted(UUID.randomUUID(), registrationId, sessionId, extra == null ? "" : extra);
        return send(
                Topics.CHILDCARE_LIFECYCLE,
                sessionId,
                envelope(UUID.randomUUID().toString(), "/ibasho/childcare-booking", type, sessionId, data));
    }

    /**
     * VenueChanged as the event service writes it when an organiser saves or deletes a venue.
     *
     * @param partnerGroups e.g. {@code ["tsubomi"]} as JSON: every group linked to the venue now
     */
    public static String venueChanged(UUID venueId, String partnerGroups, boolean deleted) {
        String data = """
                {"venueId":"%s","organisationId":"hinata","partnerGroups":%s,"deleted":%s}
                """.formatted(venueId, partnerGroups, deleted);
        return send(
                Topics.EVENT_LIFECYCLE,
                venueId,
                envelope(UUID.randomUUID().toString(), "/ibasho/event", EventTypes.VENUE_CHANGED, venueId, data));
    }

    public static String send(String topic, UUID key, String message) {
        KafkaTopicWriter.send(topic, key.toString(), message);
        return message;
    }

    public static void resend(String topic, UUID key, String message) {
        KafkaTopicWriter.send(topic, key.toString(), message);
    }
}
