package io.ibasho.childcarebooking.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import io.ibasho.childcarebooking.capacity.RequestTime;
import io.ibasho.childcarebooking.mapping.ChildcareEvents;
import io.ibasho.childcarebooking.service.ChildcareRequest;
import io.ibasho.childcarebooking.service.ChildcareReservationService;
import io.ibasho.childcarebooking.service.HerData;
import io.ibasho.contracts.EventTypes;
import io.ibasho.contracts.Topics;
import io.ibasho.plumbing.inbox.InboundEvent;
import io.ibasho.plumbing.inbox.InboundEventReader;
import io.ibasho.plumbing.inbox.ProcessedMessage;
import io.ibasho.plumbing.inbox.TransientFailures;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * The childcare side of the saga: ChildcareRequested (whatever its purpose: BOOKING, LOTTERY or WAITLIST_PROMOTION
 * are decided alike) is answered with ChildcareReserved or ChildcareRejected, and RegistrationCancelled or
 * OfferExpired releases the children's places. Idempotent (the CloudEvent id is recorded in the same
 * transaction as the change); a message that cannot be read fails and goes to
 * {@code registration-lifecycle.childcare-booking.dlq}, never silently dropped. Other registration events are
 * acknowledged and ignored.
 */
@ApplicationScoped
public class RegistrationLifecycleConsumer {
    static final String CONSUMER = "childcare-booking";
    /**
     * The registration events after which a registration holds no seat and no pending offer, so childcare reserved
     * for it must be freed: a cancellation (by her, the organiser or the session's cancellation), and a seat offer
     * (waitlist promotion, for which childcare was reserved first) that expired or was declined, and a request that
     * registration stopped waiting for (ChildcareHoldWithdrawn: places reserved for an answer nobody waits for any more
     * would otherwise stay taken).
     */
    static final Map<String, ChildcareEvents.ReleaseCause> RELEASING = Map.of(
            EventTypes.REGISTRATION_CANCELLED, ChildcareEvents.ReleaseCause.REGISTRATION_CANCELLED,
            EventTypes.OFFER_EXPIRED, ChildcareEvents.ReleaseCause.OFFER_EXPIRED,
            EventTypes.CHILDCARE_HOLD_WITHDRAWN, ChildcareEvents.ReleaseCause.HOLD_WITHDRAWN);

    private static final Logger LOG = Logger.getLogger(RegistrationLifecycleConsumer.class);

    private final InboundEventReader events;
    private final ChildcareReservationService reservations;
    private final Clock clock;
    private final HerData herData;

    public RegistrationLifecycleConsumer(
            InboundEventReader events, ChildcareReservationService reservations, Clock clock, HerData herData) {
        this.clock = clock;
        this.herData = herData;
        this.events = events;
        this.reservations = reservations;
    }

    @Incoming(Topics.REGISTRATION_LIFECYCLE)
    public Uni<Void> consume(String message) {
        // in a transaction of its own; a transient failure is retried with backoff, only poison is
        // dead-lettered (issue #14)
        return events.read(message)
                .flatMap(event -> concernsChildcare(event)
                        ? TransientFailures.inTransactionWithRetry(() -> handle(event))
                        // most of the topic (every booking's RegistrationConfirmed): acknowledged without a
                        // transaction,
                        // which cost a pool connection and two round trips for nothing (docs/benchmarks.md, round 12)
                        : Uni.createFrom().voidItem());
    }

    private static boolean concernsChildcare(InboundEvent event) {
        return event.is(EventTypes.SUBJECT_ERASED)
                || event.is(EventTypes.CHILDCARE_REQUESTED)
                || RELEASING.containsKey(event.type());
    }

    private Uni<Void> handle(InboundEvent event) {
        String id = event.id();
        String type = event.type();
        if (event.is(EventTypes.SUBJECT_ERASED)) {
            return erase(event);
        }
        ChildcareEvents.ReleaseCause releaseCause = RELEASING.get(type);
        if (!type.equals(EventTypes.CHILDCARE_REQUESTED) && releaseCause == null) {
            return Uni.createFrom().voidItem();
        }
        // Parse before recording the id: an unreadable message must fail (DLQ), not be marked as processed.
        ChildcareRequest request = null;
        UUID cancelledRegistration = null;
        try {
            if (type.equals(EventTypes.CHILDCARE_REQUESTED)) {
                request = request(event);
            } else {
                cancelledRegistration = event.uuid("registrationId");
            }
        } catch (IllegalArgumentException e) {
            // Never the message itself in the log: only the type, the event id and what is wrong.
            LOG.warnf("unreadable %s %s: %s", type, id, e.getMessage());
            return Uni.createFrom().failure(e);
        }
        ChildcareRequest childcareRequested = request;
        UUID registrationCancelled = cancelledRegistration;
        return ProcessedMessage.once(
                event,
                CONSUMER,
                () -> childcareRequested != null
                        ? reservations.decide(childcareRequested).replaceWithVoid()
                        : reservations
                                .release(registrationCancelled, releaseCause)
                                .replaceWithVoid());
    }

    /** She deleted her account: her places still to come are released, her nicknames and notes go (docs/adr/0014). */
    private Uni<Void> erase(InboundEvent event) {
        ErasedSubject subject;
        try {
            subject = ErasedSubject.of(event);
        } catch (IllegalArgumentException e) {
            LOG.warnf("unreadable %s %s: %s", event.type(), event.id(), e.getMessage());
            return Uni.createFrom().failure(e);
        }
        return ProcessedMessage.once(
                event,
                CONSUMER,
                () -> herData.erase(subject.attendeeId(), subject.registrationIds())
                        .replaceWithVoid());
    }

    private ChildcareRequest request(InboundEvent event) {
        JsonNode data = event.data();
        JsonNode ages = data.path("childrenAges");
        if (!ages.isArray() || ages.isEmpty()) {
            throw new IllegalArgumentException("childrenAges must be a non-empty array");
        }
        List<Integer> childrenAges = new ArrayList<>();
        for (JsonNode age : ages) {
            if (!age.isInt()) {
                throw new IllegalArgumentException("childrenAges must hold whole years");
            }
            childrenAges.add(age.asInt());
        }
        String attendeeId = data.path("attendeeId").asText("");
        if (attendeeId.isBlank()) {
            throw new IllegalArgumentException("attendeeId is missing");
        }
        // optional (added to ChildcareRequested.v1): the releases registration sent before asking (docs/adr/0039)
        List<UUID> awaitsReleaseOf = new ArrayList<>();
        for (JsonNode id : data.path("awaitsReleaseOf")) {
            try {
                awaitsReleaseOf.add(UUID.fromString(id.asText("")));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("awaitsReleaseOf must hold registration ids");
            }
        }
        // optional (added to ChildcareRequested.v1): when she asked for childcare with her lottery application
        Instant askedAt = null;
        String asked = data.path("askedAt").asText("");
        if (!asked.isBlank()) {
            try {
                askedAt = OffsetDateTime.parse(asked).toInstant();
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("askedAt must be a date-time");
            }
        }
        return new ChildcareRequest(
                event.uuid("requestId"),
                event.uuid("registrationId"),
                event.uuid("sessionId"),
                attendeeId,
                childrenAges,
                RequestTime.countsFrom(askedAt, event.timeOrNull(), clock.instant()),
                awaitsReleaseOf);
    }
}
