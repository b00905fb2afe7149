package io.ibasho.registration.mapping;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ibasho.registration.SessionCopy;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The parts of a session booked together (1部/2部). They are kept as the event service sent them, reduced to the four
 * public fields, so that her view can show them and RegistrationConfirmed can name them: one booking is always for all
 * parts, never split.
 */
public final class SessionParts {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SessionParts() {}

    /** The event's {@code parts} array as stored on {@link SessionCopy#parts}; null when there are none. */
    public static String fromEvent(JsonNode parts) {
        if (parts == null || !parts.isArray() || parts.isEmpty()) {
            return null;
        }
        var kept = JSON.createArrayNode();
        for (JsonNode part : parts) {
            if (!part.hasNonNull("partId") || !part.hasNonNull("startsAt") || !part.hasNonNull("endsAt")) {
                // the schema requires them: a message without them fails (and goes to the DLQ) rather than being
                // half-kept
                throw new IllegalArgumentException("a session part without partId, startsAt or endsAt");
            }
            var copy = kept.addObject();
            copy.put("partId", part.path("partId").asText());
            copy.put("label", part.hasNonNull("label") ? part.path("label").asText() : null);
            copy.put(
                    "startsAt",
                    OffsetDateTime.parse(part.path("startsAt").asText()).toString());
            copy.put(
                    "endsAt", OffsetDateTime.parse(part.path("endsAt").asText()).toString());
        }
        return kept.toString();
    }

    /** The parts as her view shows them; null when the session has none (the field is then left out). */
    public static List<RegistrationView.Part> of(SessionCopy session) {
        if (session == null || session.parts == null) {
            return null;
        }
        try {
            List<RegistrationView.Part> parts = new ArrayList<>();
            for (JsonNode part : JSON.readTree(session.parts)) {
                parts.add(new RegistrationView.Part(
                        part.path("partId").asText(),
                        part.hasNonNull("label") ? part.path("label").asText() : null,
                        OffsetDateTime.parse(part.path("startsAt").asText()),
                        OffsetDateTime.parse(part.path("endsAt").asText())));
            }
            return parts;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored session parts are not JSON", e);
        }
    }

    /** Every part's id, for RegistrationConfirmed: a booking is for all of them together. Empty when none. */
    public static List<String> ids(SessionCopy session) {
        List<RegistrationView.Part> parts = of(session);
        return parts == null
                ? List.of()
                : parts.stream().map(RegistrationView.Part::partId).toList();
    }
}
