package io.ibasho.registration.messaging;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.ibasho.contracts.CloudEvent;
import io.ibasho.contracts.EventTypes;
import io.ibasho.contracts.Topics;
import io.ibasho.registration.SessionCopy;
import io.ibasho.registration.mapping.SessionParts;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Appends an integration event to the outbox. Must be called inside the transaction that changes the state, so the
 * event exists if and only if the change was committed (the step quarkus-super-heroes leaves out).
 */
@ApplicationScoped
public class RegistrationOutbox {
    static final String SOURCE = "/ibasho/registration";

    private final ObjectMapper json;

    public RegistrationOutbox(ObjectMapper json) {
        this.json = json;
    }

    public Uni<Void> append(String type, UUID sessionId, Object data) {
        if (EventTypes.REGISTRATION_CONFIRMED.equals(type)) {
            // Every path that confirms a seat (booking, accepted offer, childcare's answer, lottery win) comes through
            // here, so the session's parts are named in one place: one booking is for all parts together, never split.
            return SessionCopy.<SessionCopy>findById(sessionId)
                    .flatMap(session -> write(type, sessionId, withPartIds(data, SessionParts.ids(session))));
        }
        return write(type, sessionId, data);
    }

    private ObjectNode withPartIds(Object data, List<String> partIds) {
        ObjectNode payload = json.valueToTree(data);
        ArrayNode ids = payload.putArray("partIds");
        partIds.forEach(ids::add);
        return payload;
    }

    private Uni<Void> write(String type, UUID sessionId, Object data) {
        OutboxMessage message = new OutboxMessage();
        message.id = UUID.randomUUID();
        message.topic = Topics.REGISTRATION_LIFECYCLE;
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
