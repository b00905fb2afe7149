package io.ibasho.registration.messaging;

import io.ibasho.contracts.EventTypes;
import io.ibasho.plumbing.inbox.InboundEvent;
import io.ibasho.plumbing.inbox.InboundEventReader;
import io.ibasho.plumbing.inbox.ProcessedMessage;
import io.ibasho.plumbing.inbox.TransientFailures;
import io.ibasho.registration.service.LotteryAllocationService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

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

    private final InboundEventReader events;
    private final LotteryAllocationService allocations;

    public LotteryChildcareConsumer(InboundEventReader events, LotteryAllocationService allocations) {
        this.events = events;
        this.allocations = allocations;
    }

    @Incoming(CHANNEL)
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
                                event, CONSUMER, () -> allocations.answer(requestId, reserved, reason)));
    }
}
