package io.ibasho.notification.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Deliveries that failed for good go to the {@code notification.delivery.dlq} topic, never silently away. The
 * record carries ids, the channel and the reason only: no address, no text, no recipient.
 */
@ApplicationScoped
public class DeadLetters {
    public static final String CHANNEL = "delivery-dead-letter";

    private final MutinyEmitter<String> emitter;
    private final ObjectMapper json;

    private final Clock clock;

    public DeadLetters(@Channel(CHANNEL) MutinyEmitter<String> emitter, ObjectMapper json, Clock clock) {
        this.clock = clock;
        this.emitter = emitter;
        this.json = json;
    }

    public Uni<Void> publish(String channel, UUID deliveryId, String sourceEventId, int attempts, String reason) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("channel", channel);
        record.put("deliveryId", deliveryId.toString());
        record.put("sourceEventId", sourceEventId);
        record.put("attempts", attempts);
        record.put("reason", reason);
        record.put("deadAt", OffsetDateTime.now(clock).toString());
        String value;
        try {
            value = json.writeValueAsString(record);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
        return emitter.sendMessage(Message.of(value)
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                        .withKey(deliveryId.toString())
                        .build()));
    }
}
