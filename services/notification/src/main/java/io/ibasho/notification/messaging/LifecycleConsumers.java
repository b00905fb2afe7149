package io.ibasho.notification.messaging;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.ibasho.contracts.EventTypes;
import io.ibasho.contracts.Topics;
import io.ibasho.notification.InboxMessage;
import io.ibasho.notification.SessionCopy;
import io.ibasho.notification.message.MessageKind;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Turns domain events into inbox messages, exactly once per (event, recipient, channel): the event id is recorded
 * in the same transaction, and a unique constraint backs it. Unreadable messages fail to the dead-letter topic.
 */
@ApplicationScoped
public class LifecycleConsumers {
    static final String CONSUMER = "notification";
    static final String IN_APP = "in-app";

    private static final Map<String, MessageKind> KIND_OF = Map.of(
            EventTypes.REGISTRATION_CONFIRMED, MessageKind.BOOKING_CONFIRMED,
            EventTypes.APPLICATION_RECEIVED, MessageKind.APPLICATION_RECEIVED,
            EventTypes.SEAT_OFFERED, MessageKind.SEAT_OFFERED,
            EventTypes.OFFER_EXPIRED, MessageKind.OFFER_EXPIRED);

    private final ObjectMapper json;

    public LifecycleConsumers(ObjectMapper json) {
        this.json = json;
    }

    @Incoming(Topics.REGISTRATION_LIFECYCLE)
    @WithTransaction
    public Uni<Void> onRegistrationEvent(String message) {
        return parse(message).flatMap(event -> ProcessedMessage.firstDelivery(event.path("id").asText(), CONSUMER)
                .flatMap(first -> first ? toInbox(event) : Uni.createFrom().voidItem()));
    }

    @Incoming(Topics.EVENT_LIFECYCLE)
    @WithTransaction
    public Uni<Void> onEventLifecycle(String message) {
        return parse(message).flatMap(event -> ProcessedMessage.firstDelivery(event.path("id").asText(), CONSUMER)
                .flatMap(first -> first ? keepSession(event) : Uni.createFrom().voidItem()));
    }

    private Uni<JsonNode> parse(String message) {
        try {
            JsonNode event = json.readTree(message);
            if (!event.hasNonNull("id") || !event.hasNonNull("type")) {
                return Uni.createFrom().failure(new IllegalArgumentException("CloudEvent without id or type"));
            }
            return Uni.createFrom().item(event);
        } catch (Exception e) {
            return Uni.createFrom().failure(new IllegalArgumentException("not a CloudEvent JSON message", e));
        }
    }

    private Uni<Void> toInbox(JsonNode event) {
        String type = event.path("type").asText();
        JsonNode data = event.path("data");
        MessageKind kind = KIND_OF.get(type);
        if (type.equals(EventTypes.WAITLISTED)) {
            kind = MessageKind.LOTTERY_RESERVE;
        } else if (type.equals(EventTypes.REGISTRATION_CANCELLED)) {
            kind = "ORGANISER".equals(data.path("cancelledBy").asText()) || "SESSION_CANCELLED".equals(data.path("cancelledBy").asText())
                    ? MessageKind.CANCELLED_BY_ORGANISER : MessageKind.CANCELLED_BY_ATTENDEE;
        }
        if (kind == null) {
            return Uni.createFrom().voidItem();
        }
        InboxMessage message = new InboxMessage();
        message.id = UUID.randomUUID();
        message.recipientId = data.path("attendeeId").asText();
        message.kind = kind.name();
        message.sessionId = uuidOrNull(data.path("sessionId").asText(null));
        message.registrationId = uuidOrNull(data.path("registrationId").asText(null));
        message.sourceEventId = event.path("id").asText();
        message.channel = IN_APP;
        message.position = data.path("position").isInt() ? data.path("position").asInt() : null;
        message.deadline = data.hasNonNull("offerExpiresAt") ? OffsetDateTime.parse(data.path("offerExpiresAt").asText()) : null;
        message.reason = data.hasNonNull("reason") ? data.path("reason").asText() : null;
        message.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
        return message.persist().replaceWithVoid();
    }

    private Uni<Void> keepSession(JsonNode event) {
        String type = event.path("type").asText();
        JsonNode data = event.path("data");
        UUID sessionId = UUID.fromString(data.path("sessionId").asText());
        return SessionCopy.<SessionCopy>findById(sessionId).flatMap(existing -> {
            if (existing != null && existing.sequence > data.path("sequence").asInt()) {
                return Uni.createFrom().voidItem();
            }
            if (type.equals(EventTypes.EVENT_CANCELLED) || type.equals(EventTypes.EVENT_COMPLETED)) {
                if (existing != null) {
                    existing.status = type.equals(EventTypes.EVENT_CANCELLED) ? "CANCELLED" : "COMPLETED";
                }
                return Uni.createFrom().voidItem();
            }
            if (!type.equals(EventTypes.EVENT_PUBLISHED) && !type.equals(EventTypes.EVENT_CHANGED)) {
                return Uni.createFrom().voidItem();
            }
            SessionCopy copy = existing != null ? existing : new SessionCopy();
            copy.id = sessionId;
            copy.titleJa = data.path("titleJa").asText("");
            copy.titleEn = data.hasNonNull("titleEn") ? data.path("titleEn").asText() : null;
            copy.startsAt = OffsetDateTime.parse(data.path("startsAt").asText());
            copy.status = data.path("status").asText();
            copy.sequence = data.path("sequence").asInt();
            return existing != null ? Uni.createFrom().voidItem() : copy.persist().replaceWithVoid();
        });
    }

    private static UUID uuidOrNull(String value) {
        return value == null ? null : UUID.fromString(value);
    }
}
