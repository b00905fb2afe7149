package io.ibasho.registration.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import io.ibasho.contracts.EventTypes;
import io.ibasho.contracts.Topics;
import io.ibasho.plumbing.inbox.InboundEvent;
import io.ibasho.plumbing.inbox.InboundEventReader;
import io.ibasho.plumbing.inbox.ProcessedMessage;
import io.ibasho.plumbing.inbox.TransientFailures;
import io.ibasho.registration.service.ChildcareSaga;
import io.ibasho.registration.service.LotteryAllocationService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Everything registration reads on {@code childcare-lifecycle}, idempotently (the CloudEvent id is recorded in the same
 * transaction as the change), through two channels with consumer groups of their own, so that neither competes with
 * the other for a message: both see every reply, and each handles only its own.
 * <ul>
 *   <li>{@link #consume}: childcare-booking's answers for first-come bookings and waitlist offers (the saga,
 *       architecture.md). A reply that is not for a pending request of ours (a duplicate, a late one, a lottery
 *       question's) is acknowledged and changes nothing; an unreadable one goes to
 *       {@code childcare-lifecycle.registration.dlq} (never ignored).
 *   <li>{@link #consumeLotteryReply}: ChildcareReserved / ChildcareRejected replies to the questions the allocation
 *       after a draw asked (docs/lottery.md); replies whose {@code requestId} is not a lottery question are
 *       acknowledged and ignored; an unreadable one goes to {@code childcare-lifecycle.registration-lottery.dlq}.
 * </ul>
 */
@ApplicationScoped
public class ChildcareLifecycleConsumer {
    /** Its own name in processed_message: the lottery's channel reads the same events and must see them too. */
    static final String CONSUMER = "registration.childcare-saga";

    static final String LOTTERY_CONSUMER = "registration-lottery";
    static final String LOTTERY_CHANNEL = "childcare-lifecycle-lottery";

    private static final Logger LOG = Logger.getLogger(ChildcareLifecycleConsumer.class);

    private final InboundEventReader events;
    private final ChildcareSaga saga;
    private final LotteryAllocationService allocations;

    public ChildcareLifecycleConsumer(
            InboundEventReader events, ChildcareSaga saga, LotteryAllocationService allocations) {
        this.events = events;
        this.saga = saga;
        this.allocations = allocations;
    }

    @Incoming(Topics.CHILDCARE_LIFECYCLE)
    public Uni<Void> consume(String message) {
        // in a transaction of its own; a transient failure is retried with backoff, only poison is
        // dead-lettered (issue #14)
        return TransientFailures.inTransactionWithRetry(() -> consumeOnce(message));
    }

    private Uni<Void> consumeOnce(String message) {
        return events.read(message).flatMap(this::handle);
    }

    private Uni<Void> handle(InboundEvent event) {
        String id = event.id();
        String type = event.type();
        if (!type.equals(EventTypes.CHILDCARE_RESERVED)
                && !type.equals(EventTypes.CHILDCARE_REJECTED)
                && !type.equals(EventTypes.CHILDCARE_RELEASED)) {
            return Uni.createFrom().voidItem();
        }
        // Read before recording the id: an unreadable message must fail (DLQ), not be marked as processed.
        JsonNode data = event.data();
        UUID requestId;
        UUID sessionId;
        String reason;
        try {
            requestId = type.equals(EventTypes.CHILDCARE_RELEASED) ? null : event.uuid("requestId");
            sessionId = type.equals(EventTypes.CHILDCARE_RELEASED) ? event.uuid("sessionId") : null;
            reason = type.equals(EventTypes.CHILDCARE_REJECTED) ? reason(data) : null;
        } catch (IllegalArgumentException e) {
            // Never the message itself in the log: only the type, the event id and what is wrong.
            LOG.warnf("unreadable %s %s: %s", type, id, e.getMessage());
            return Uni.createFrom().failure(e);
        }
        return ProcessedMessage.once(event, CONSUMER, () -> {
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
                    })
                    .replaceWithVoid();
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

    @Incoming(LOTTERY_CHANNEL)
    public Uni<Void> consumeLotteryReply(String message) {
        // in a transaction of its own; a transient failure is retried with backoff, only poison is
        // dead-lettered (issue #14)
        return TransientFailures.inTransactionWithRetry(
                () -> events.read(message).flatMap(this::handleLotteryReply));
    }

    private Uni<Void> handleLotteryReply(InboundEvent event) {
        String id = event.id();
        String type = event.type();
        boolean reserved = type.equals(EventTypes.CHILDCARE_RESERVED);
        if (!reserved && !type.equals(EventTypes.CHILDCARE_REJECTED)) {
            return Uni.createFrom().voidItem(); // ChildcareReleased and the rest are not answers to a question
        }
        UUID requestId;
        try {
            requestId = event.uuid("requestId");
        } catch (IllegalArgumentException e) {
            // never the message itself in the log: only the type, the event id and what is wrong
            LOG.warnf("unreadable %s %s: requestId is not a UUID", type, id);
            return Uni.createFrom().failure(new IllegalArgumentException("requestId is not a UUID"));
        }
        String reason = reserved ? null : event.data().path("reason").asText("UNKNOWN");
        return LotteryAllocationService.isLotteryQuestion(requestId)
                .flatMap(ours -> !ours
                        ? Uni.createFrom().voidItem()
                        : ProcessedMessage.once(
                                event, LOTTERY_CONSUMER, () -> allocations.answer(requestId, reserved, reason)));
    }
}
