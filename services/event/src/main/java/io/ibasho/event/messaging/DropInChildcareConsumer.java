package io.ibasho.event.messaging;

import io.ibasho.contracts.EventTypes;
import io.ibasho.contracts.Topics;
import io.ibasho.event.repository.AttendeeConfirmations;
import io.ibasho.plumbing.inbox.InboundEvent;
import io.ibasho.plumbing.inbox.InboundEventReader;
import io.ibasho.plumbing.inbox.TransientFailures;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Keeps, from childcare-booking's events, who holds drop-in childcare at a café that takes no booking (table
 * attendee_confirmation, place DROP_IN_CHILDCARE): she brings her children to the venue, so its attendees-only address
 * is released to her as to a woman with a seat. DropInChildcareReserved holds the place, DropInChildcareCancelled (by
 * her, or with the session) ends it; every other type on the topic (the seats' childcare replies) is acknowledged and
 * skipped. Exactly once by the CloudEvent id; an unreadable message goes to {@code childcare-lifecycle.event.dlq}
 * (never ignored: a lost cancellation would keep showing a hidden address to someone who no longer comes).
 */
@ApplicationScoped
public class DropInChildcareConsumer {
    static final String CONSUMER = "event";

    private final InboundEventReader events;

    public DropInChildcareConsumer(InboundEventReader events) {
        this.events = events;
    }

    @Incoming(Topics.CHILDCARE_LIFECYCLE)
    public Uni<Void> consume(String message) {
        return events.read(message).flatMap(event -> {
            if (!event.is(EventTypes.DROP_IN_CHILDCARE_RESERVED) && !event.is(EventTypes.DROP_IN_CHILDCARE_CANCELLED)) {
                return Uni.createFrom().voidItem();
            }
            return TransientFailures.inTransactionWithRetry(() -> consumeOnce(event));
        });
    }

    private Uni<Void> consumeOnce(InboundEvent event) {
        UUID reservation;
        UUID session;
        String attendee;
        try {
            reservation = event.uuid("reservationId");
            session = event.uuid("sessionId");
            attendee = event.text("attendeeId");
        } catch (IllegalArgumentException e) {
            // the event id and the field's name only: the payload holds an attendee id next to a session id
            return Uni.createFrom().failure(event.unreadable(e));
        }
        // reservation ids are never reused and both events of one reservation share the session's partition, so
        // their order holds without a sequence
        return AttendeeConfirmations.recordOnce(
                event.id(),
                CONSUMER,
                reservation,
                session,
                attendee,
                event.is(EventTypes.DROP_IN_CHILDCARE_RESERVED),
                null,
                AttendeeConfirmations.Place.DROP_IN_CHILDCARE);
    }
}
