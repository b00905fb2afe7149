package io.ibasho.registration.messaging;

import java.util.UUID;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.ibasho.contracts.EventTypes;
import io.ibasho.registration.service.LotteryAllocationService;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The lottery's side of the childcare saga: ChildcareReserved / ChildcareRejected replies to the questions the
 * allocation after a draw asked (docs/lottery.md). It has its own channel and consumer group on
 * {@code childcare-lifecycle}, so it never competes with the consumer of first-come bookings for a message: both see
 * every reply, and each handles only its own. Replies whose {@code requestId} is not a lottery question are
 * acknowledged and ignored here. Idempotent (the CloudEvent id is recorded in the same transaction as the step it
 * causes); an unreadable reply fails and goes to {@code childcare-lifecycle.registration-lottery.dlq}.
 */
@ApplicationScoped
public class LotteryChildcareConsumer {
    static final String CONSUMER = "registration-lottery";
    static final String CHANNEL = "childcare-lifecycle-lottery";
    private static final Logger LOG = Logger.getLogger(LotteryChildcareConsumer.class);

    private final ObjectMapper json;
    private final LotteryAllocationService allocations;

    public LotteryChildcareConsumer(ObjectMapper json, LotteryAllocationService allocations) {
        this.json = json;
        this.allocations = allocations;
    }

    @Incoming(CHANNEL)
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
        boolean reserved = type.equals(EventTypes.CHILDCARE_RESERVED);
        if (!reserved && !type.equals(EventTypes.CHILDCARE_REJECTED)) {
            return Uni.createFrom().voidItem(); // ChildcareReleased and the rest are not answers to a question
        }
        UUID requestId;
        try {
            requestId = UUID.fromString(event.path("data").path("requestId").asText(""));
        } catch (IllegalArgumentException e) {
            // never the message itself in the log: only the type, the event id and what is wrong
            LOG.warnf("unreadable %s %s: requestId is not a UUID", type, id);
            return Uni.createFrom().failure(new IllegalArgumentException("requestId is not a UUID"));
        }
        String reason = reserved ? null : event.path("data").path("reason").asText("UNKNOWN");
        return LotteryAllocationService.isLotteryQuestion(requestId).flatMap(ours -> !ours ? Uni.createFrom().voidItem()
                : ProcessedMessage.firstDelivery(id, CONSUMER).flatMap(first -> {
                    if (!first) {
                        LOG.debugf("duplicate %s ignored", id);
                        return Uni.createFrom().voidItem();
                    }
                    return allocations.answer(requestId, reserved, reason);
                }));
    }
}
