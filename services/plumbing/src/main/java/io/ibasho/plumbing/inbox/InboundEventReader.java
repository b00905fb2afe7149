package io.ibasho.plumbing.inbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Reads the CloudEvents envelope (structured JSON mode) of an inbound Kafka message. A message that is not JSON, or
 * lacks the id or type every CloudEvent must have, fails: the consumer's failure strategy sends it to its
 * dead-letter topic, never silently dropped. Failures name what is wrong, never the message's content.
 */
@ApplicationScoped
public class InboundEventReader {
    private final ObjectMapper json;

    public InboundEventReader(ObjectMapper json) {
        this.json = json;
    }

    /** @return the event, or a failure with an {@link IllegalArgumentException} */
    public Uni<InboundEvent> read(String message) {
        return Uni.createFrom().item(() -> parse(message));
    }

    /** @throws IllegalArgumentException when the message is not a readable CloudEvent */
    public InboundEvent parse(String message) {
        JsonNode event;
        try {
            event = json.readTree(message);
        } catch (Exception e) {
            throw new IllegalArgumentException("not a CloudEvent JSON message", e);
        }
        if (event == null || !event.isObject()) {
            throw new IllegalArgumentException("not a CloudEvent JSON message");
        }
        String id = event.path("id").asText("");
        String type = event.path("type").asText("");
        if (id.isBlank()) {
            throw new IllegalArgumentException("CloudEvent without id");
        }
        if (type.isBlank()) {
            throw new IllegalArgumentException("CloudEvent without type");
        }
        String time = event.hasNonNull("time") ? event.path("time").asText() : null;
        return new InboundEvent(id, type, time, event.path("data"));
    }
}
