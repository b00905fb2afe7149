package io.ibasho.event.messaging;

import io.ibasho.contracts.EventTypes;
import io.ibasho.contracts.Topics;
import io.ibasho.event.repository.AttendeeConfirmations;
import io.ibasho.event.service.HerData;
import io.ibasho.plumbing.inbox.InboundEvent;
import io.ibasho.plumbing.inbox.InboundEventReader;
import io.ibasho.plumbing.inbox.OneTransactionPerBatch;
import io.ibasho.plumbing.inbox.ProcessedMessage;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import org.eclipse.microprofile.reactive.messaging.Acknowledgment;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Keeps, from registration's events, who holds a confirmed place in which session (table attendee_confirmation), so
 * the attendee-details endpoint can release a hidden address or a meeting link without calling registration.
 * RegistrationConfirmed sets a registration confirmed; RegistrationCancelled and OfferExpired set it not confirmed;
 * every other type is acknowledged and skipped. Idempotent: the CloudEvent id is recorded in the same transaction.
 * A message that cannot be read fails and goes to {@code registration-lifecycle.event.dlq} (never ignored: a lost
 * cancellation would keep releasing a shelter's directions to someone who no longer comes).
 */
@ApplicationScoped
public class RegistrationLifecycleConsumer {
    static final String CONSUMER = "event";

    private final InboundEventReader events;
    private final HerData herData;

    public RegistrationLifecycleConsumer(InboundEventReader events, HerData herData) {
        this.events = events;
        this.herData = herData;
    }

    /**
     * One poll's records in one transaction (ADR 0084). A type this service does not need (most of a booking's events)
     * is acknowledged and skipped without a transaction (docs/benchmarks.md, round 14); a batch of those opens none. A
     * batch that fails is handled again one record at a time, each in a transaction of its own: a transient failure is
     * retried with backoff, only poison is dead-lettered (issue #14), alone, to {@code registration-lifecycle.event.dlq}.
     */
    @Incoming(Topics.REGISTRATION_LIFECYCLE)
    @Acknowledgment(Acknowledgment.Strategy.MANUAL)
    public Uni<Void> consume(KafkaRecordBatch<String, String> batch) {
        return OneTransactionPerBatch.handle(
                batch,
                events::parse,
                event -> event.is(EventTypes.SUBJECT_ERASED) || confirmedAfter(event.type()) != null,
                this::consumeOnce);
    }

    private Uni<Void> consumeOnce(InboundEvent event) {
        if (event.is(EventTypes.SUBJECT_ERASED)) {
            return erase(event);
        }
        boolean confirmed = confirmedAfter(event.type());
        Confirmation confirmation;
        try {
            confirmation = Confirmation.of(event, confirmed);
        } catch (IllegalArgumentException e) {
            // The event id only: the payload holds an attendee id next to a session id.
            return Uni.createFrom().failure(event.unreadable(e));
        }
        // Keyed by registration: she may cancel and book again, which is a new registration of the same session.
        // The event id and the confirmation in one statement: exactly once, one round trip (round 14).
        return AttendeeConfirmations.recordOnce(
                event.id(),
                CONSUMER,
                confirmation.registrationId(),
                confirmation.sessionId(),
                confirmation.attendeeId(),
                confirmation.confirmed(),
                confirmation.sequence(),
                AttendeeConfirmations.Place.SEAT);
    }

    /** She deleted her account: her confirmations go (docs/adr/0014). */
    private Uni<Void> erase(InboundEvent event) {
        ErasedSubject subject;
        try {
            subject = ErasedSubject.of(event);
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().failure(event.unreadable(e));
        }
        return ProcessedMessage.once(
                event,
                CONSUMER,
                () -> herData.erase(subject.attendeeId(), subject.registrationIds())
                        .replaceWithVoid());
    }

    /** true/false for the types that change a confirmation, null for the others. */
    static Boolean confirmedAfter(String type) {
        if (type.equals(EventTypes.REGISTRATION_CONFIRMED)) {
            return true;
        }
        if (type.equals(EventTypes.REGISTRATION_CANCELLED) || type.equals(EventTypes.OFFER_EXPIRED)) {
            return false;
        }
        return null;
    }

    /** {@code sequence}: the registration event's, null from a producer that did not send one yet. */
    record Confirmation(UUID registrationId, UUID sessionId, String attendeeId, boolean confirmed, Long sequence) {
        static Confirmation of(InboundEvent event, boolean confirmed) {
            String attendee = event.data().path("attendeeId").asText("");
            if (attendee.isBlank()) {
                throw new IllegalArgumentException("attendeeId missing");
            }
            Long sequence = event.data().path("sequence").isIntegralNumber()
                    ? event.data().path("sequence").asLong()
                    : null;
            return new Confirmation(
                    event.uuid("registrationId"), event.uuid("sessionId"), attendee, confirmed, sequence);
        }
    }
}
