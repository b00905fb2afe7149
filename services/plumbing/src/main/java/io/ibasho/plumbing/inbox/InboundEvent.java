package io.ibasho.plumbing.inbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.UUID;

/**
 * A CloudEvent as a consumer reads it: the envelope's id and type, its time if given, and {@code data} for the
 * consumer to map into its own model at the door. Read with {@link InboundEventReader}.
 */
public record InboundEvent(String id, String type, String time, JsonNode data) {

    public boolean is(String eventType) {
        return type.equals(eventType);
    }

    /**
     * The failure that sends this event to the dead-letter topic when a field cannot be read: its type and id and the
     * field's problem ({@link #uuid}, {@link #text} name the field only), never a value of the payload.
     */
    public IllegalArgumentException unreadable(IllegalArgumentException fieldProblem) {
        return new IllegalArgumentException("unreadable " + type + " " + id + ": " + fieldProblem.getMessage());
    }

    /** @return the envelope's time, or null when the producer gave none */
    public Instant timeOrNull() {
        if (time == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(time).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("time is not an RFC 3339 timestamp");
        }
    }

    /** A required UUID of {@code data}; the message names the field only, never its value. */
    public UUID uuid(String field) {
        String value = data.path(field).asText("");
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(field + " is not a UUID");
        }
    }

    /** A required, non-blank text of {@code data}; the message names the field only. */
    public String text(String field) {
        String value = data.path(field).asText(null);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("data." + field + " is missing");
        }
        return value;
    }
}
