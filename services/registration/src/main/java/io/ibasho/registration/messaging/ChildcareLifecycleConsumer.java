package io.ibasho.registration.messaging;

import java.util.UUID;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.ibasho.contracts.EventTypes;
import io.ibasho.contracts.Topics;
import io.ibasho.registration.service.ChildcareSaga;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * childcare-booking's answers for first-come bookings and waitlist offers (the saga, architecture.md), idempotently:
 * the CloudEvent id is recorded in the same transaction as the change. A reply that is not for a pending request of
 * ours (a duplicate, a late one, a lottery application's, which {@code LotteryChildcareConsumer} answers) is
 * acknowledged and changes nothing. A message that cannot be read fails and goes to
 * {@code childcare-lifecycle.registration.dlq} (never ignored).
 */
@ApplicationScoped
public class ChildcareLifecycleConsumer {
    /** Its own name in processed_message: the lottery's consumer reads the same events and must see them too. */
    static final String CONSUMER = "registration.childcare-saga";
    private static final Logger LOG = Logger.getLogger(ChildcareLifecycleConsumer.class);

    private final ObjectMapper json;
    private final ChildcareSaga saga;

    public ChildcareLifecycleConsumer(ObjectMapper json, ChildcareSaga saga) {
        this.json = json;
        this.saga = saga;
    }

    @Incoming(Topics.CHILDCARE_LIFECYCLE)
    @WithTransaction
    public Uni<Void> consume(String message) {
        JsonNode event;
        try {
            event = json.readTree(message);
        } catch (Exception e) {
            return Uni.createFrom().failure(new IllegalArgumentException("not a CloudEvent JSON message", e));
        }
        String id = event.path("id").asText(null);
        String type = event.path("type").asText("");
        if (id == null) {
            return Uni.createFrom().failure(new IllegalArgumentException("CloudEvent without id"));
        }
        if (!type.equals(EventTypes.CHILDCARE_RESERVED) && !type.equals(EventTypes.CHILDCARE_REJECTED)
                && !type.equals(EventTypes.CHILDCARE_RELEASED)) {
            return Uni.createFrom().voidItem();
        }
        // Read before recording the id: an unreadable message must fail (DLQ), not be marked as processed.
        JsonNode data = event.path("data");
        UUID requestId;
        UUID sessionId;
        String reason;
        try {
            requestId = type.equals(EventTypes.CHILDCARE_RELEASED) ? null : uuid(data, "requestId");
            sessionId = type.equals(EventTypes.CHILDCARE_RELEASED) ? uuid(data, "sessionId") : null;
            reason = type.equals(EventTypes.CHILDCARE_REJECTED) ? reason(data) : null;
        } catch (IllegalArgumentException e) {
            // Never the message itself in the log: only the type, the event id and what is wrong.
            LOG.warnf("unreadable %s %s: %s", type, id, e.getMessage());
            return Uni.createFrom().failure(e);
        }
        return ProcessedMessage.firstDelivery(id, CONSUMER).flatMap(first -> {
            if (!first) {
                LOG.debugf("duplicate %s ignored", id);
                return Uni.createFrom().voidItem();
            }
            if (type.equals(EventTypes.CHILDCARE_RELEASED)) {
                return saga.childcareReleased(sessionId);
            }
            Uni<Boolean> applied = type.equals(EventTypes.CHILDCARE_RESERVED)
                    ? saga.childcareReserved(requestId)
                    : saga.childcareRejected(requestId, reason);
            return applied.invoke(matched -> {
                if (!matched) {
                    LOG.debugf("%s for request %s: no pending hold of ours, nothing changed", type, requestId);
                }
            }).replaceWithVoid();
        });
    }

    /** The stable code, shown to her; only capitals and underscores, so nothing else can reach her screen. */
    private static String reason(JsonNode data) {
        String reason = data.path("reason").asText("");
        if (!reason.matches("[A-Z][A-Z_]{0,39}")) {
            throw new IllegalArgumentException("reason is not a stable reason code");
        }
        return reason;
    }

    private static UUID uuid(JsonNode data, String field) {
        String value = data.path(field).asText("");
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(field + " is not a UUID");
        }
    }
}
