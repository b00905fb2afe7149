package io.ibasho.childcarebooking.messaging;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.ibasho.contracts.CloudEvent;
import io.ibasho.contracts.Topics;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Appends an integration event to the outbox. Must be called inside the transaction that changes the state, so the
 * event exists if and only if the change was committed; {@link OutboxRelay} publishes it.
 */
@ApplicationScoped
public class ChildcareOutbox {
    static final String SOURCE = "/ibasho/childcare-booking";

    private final ObjectMapper json;

    public ChildcareOutbox(ObjectMapper json) {
        this.json = json;
    }

    public Uni<Void> append(String type, UUID sessionId, Object data) {
        OutboxMessage message = new OutboxMessage();
        message.id = UUID.randomUUID();
        message.topic = Topics.CHILDCARE_LIFECYCLE;
        message.messageKey = sessionId.toString();
        message.type = type;
        message.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
        try {
            message.payload = json.writeValueAsString(
                    CloudEvent.of(message.id.toString(), SOURCE, type, message.createdAt, message.messageKey, data));
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(new IllegalStateException("event payload not serialisable: " + type, e));
        }
        return message.persist().replaceWithVoid();
    }
}
