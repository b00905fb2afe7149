package io.ibasho.contracts;

import java.time.OffsetDateTime;

/**
 * The one envelope of every Kafka message: a CloudEvents 1.0 event in structured JSON mode. {@code id} is what
 * consumers deduplicate on; {@code subject} is the aggregate id (also the Kafka key, so one session's events stay in
 * order); {@code data} carries ids and states only, never personal data (docs/events.md).
 *
 * @param <T> the payload type; consumers read {@code data} into their own model (eShop style)
 */
public record CloudEvent<T>(
        String specversion,
        String id,
        String source,
        String type,
        OffsetDateTime time,
        String subject,
        String datacontenttype,
        String dataschema,
        T data) {

    public static final String SPEC_VERSION = "1.0";
    public static final String JSON = "application/json";

    public static <T> CloudEvent<T> of(
            String id, String source, String type, OffsetDateTime time, String subject, T data) {
        return new CloudEvent<>(SPEC_VERSION, id, source, type, time, subject, JSON, EventTypes.schemaOf(type), data);
    }
}
