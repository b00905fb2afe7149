package io.ibasho.childcarebooking.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import io.ibasho.childcarebooking.SessionOffer;
import io.ibasho.childcarebooking.capacity.CarerRecount;
import io.ibasho.childcarebooking.mapping.SessionCapacity;
import io.ibasho.childcarebooking.service.ChildcareReservationService;
import io.ibasho.childcarebooking.service.DropInChildcareService;
import io.ibasho.childcarebooking.service.OrganisationRatiosService;
import io.ibasho.contracts.EventTypes;
import io.ibasho.contracts.Topics;
import io.ibasho.plumbing.inbox.InboundEventReader;
import io.ibasho.plumbing.inbox.ProcessedMessage;
import io.ibasho.plumbing.inbox.SessionTombstone;
import io.ibasho.plumbing.inbox.TransientFailures;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/** Keeps each session's childcare offer, idempotently; unreadable messages go to the dead-letter topic. */
@ApplicationScoped
public class EventLifecycleConsumer {
    static final String CONSUMER = "childcare-booking";
    private static final Logger LOG = Logger.getLogger(EventLifecycleConsumer.class);
    /** The types about one session (keyed and identified by its session id): the only ones childcare acts on. */
    private static final Set<String> SESSION_EVENTS = Set.of(
            EventTypes.EVENT_PUBLISHED,
            EventTypes.EVENT_CHANGED,
            EventTypes.EVENT_CANCELLED,
            EventTypes.EVENT_COMPLETED);

    private final InboundEventReader events;
    private final DropInChildcareService dropIns;

    public EventLifecycleConsumer(InboundEventReader events, DropInChildcareService dropIns) {
        this.events = events;
        this.dropIns = dropIns;
    }

    @Incoming(Topics.EVENT_LIFECYCLE)
    public Uni<Void> consume(String message) {
        // in a transaction of its own; a transient failure is retried with backoff, only poison is
        // dead-lettered (issue #14)
        return TransientFailures.inTransactionWithRetry(() -> consumeOnce(message));
    }

    private Uni<Void> consumeOnce(String message) {
        return events.read(message)
                .flatMap(event -> ProcessedMessage.once(event, CONSUMER, () -> apply(event.type(), event.data())));
    }

    /**
     * Fewer carers never drop confirmed children: the recount is only reported (here for operators, on the staff view
     * for organisers as carersShort / overCapacity), and new requests are refused until the children fit again.
     */
    private static Uni<Void> reportShortfall(SessionOffer offer) {
        return OrganisationRatiosService.rulesOf(offer.organisationId)
                .flatMap(rules -> ChildcareReservationService.reservedChildren(offer.sessionId)
                        .invoke(confirmed -> {
                            CarerRecount recount =
                                    SessionCapacity.of(offer, rules).recountForCarers(confirmed, offer.carers);
                            if (!recount.allConfirmedFit()) {
                                LOG.warnf(
                                        "session %s: %d carer(s) short for its %d confirmed children after a change of carers",
                                        offer.sessionId, recount.carersShort(), recount.confirmedChildren());
                            }
                        }))
                .replaceWithVoid();
    }

    private Uni<Void> apply(String type, JsonNode data) {
        if (!SESSION_EVENTS.contains(type)) {
            // a course or a venue has no session id (each date's own events carry childcare): acknowledged and skipped,
            // as every type this consumer does not need
            return Uni.createFrom().voidItem();
        }
        UUID sessionId = UUID.fromString(data.path("sessionId").asText());
        return SessionOffer.<SessionOffer>findById(sessionId).flatMap(existing -> {
            if (existing != null && existing.sequence > data.path("sequence").asInt()) {
                return Uni.createFrom().voidItem();
            }
            if (type.equals(EventTypes.EVENT_CANCELLED) || type.equals(EventTypes.EVENT_COMPLETED)) {
                String ended = type.equals(EventTypes.EVENT_CANCELLED) ? "CANCELLED" : "COMPLETED";
                Uni<Void> kept;
                if (existing != null) {
                    existing.status = ended;
                    // its sequence moves the offer on, so an older EventChanged read after it (another relay's) is
                    // recognised as stale instead of opening the cancelled session to drop-in childcare again
                    existing.sequence =
                            Math.max(existing.sequence, data.path("sequence").asInt());
                    kept = Uni.createFrom().voidItem();
                } else {
                    // read before the session's publication (another relay's, issue #14): remembered, so the older
                    // EventPublished read next does not open it to childcare
                    kept = SessionTombstone.remember(
                            sessionId, ended, data.path("sequence").asInt());
                }
                // Seat childcare is released by registration's cancellations; drop-in childcare has no registration.
                return type.equals(EventTypes.EVENT_CANCELLED)
                        ? kept.flatMap(ignored -> dropIns.endAllOf(sessionId))
                        : kept;
            }
            // EventPublished or EventChanged from here on
            if (existing != null && ("CANCELLED".equals(existing.status) || "COMPLETED".equals(existing.status))) {
                return Uni.createFrom().voidItem(); // the end of a session is final: nothing reopens it
            }
            if (existing == null) {
                // its end may have been read first (a tombstone, issue #14): the offer is then made already ended, so
                // childcare is refused and staff see it cancelled, as for any cancelled session
                return SessionTombstone.endedAtOrAfter(
                                sessionId, data.path("sequence").asInt())
                        .flatMap(ended -> keepOffer(null, sessionId, data, ended));
            }
            return keepOffer(existing, sessionId, data, null);
        });
    }

    private Uni<Void> keepOffer(SessionOffer existing, UUID sessionId, JsonNode data, SessionTombstone.Ended ended) {
        SessionOffer offer = existing != null ? existing : new SessionOffer();
        JsonNode childcare = data.path("childcare");
        offer.sessionId = sessionId;
        offer.organisationId = data.path("organisationId").asText();
        offer.offered = childcare.path("offered").asBoolean(false);
        offer.minAgeYears = childcare.path("minAgeYears").isInt()
                ? childcare.path("minAgeYears").asInt()
                : null;
        offer.maxAgeYears = childcare.path("maxAgeYears").isInt()
                ? childcare.path("maxAgeYears").asInt()
                : null;
        int carersBefore = existing != null ? existing.carers : 0;
        offer.carers = childcare.path("carers").asInt(0);
        offer.deadline = childcare.hasNonNull("deadline")
                ? OffsetDateTime.parse(childcare.path("deadline").asText())
                : null;
        offer.maxChildren = childcare.path("maxChildren").isInt()
                ? childcare.path("maxChildren").asInt()
                : null;
        offer.startsAt = OffsetDateTime.parse(data.path("startsAt").asText());
        offer.endsAt = data.hasNonNull("endsAt")
                ? OffsetDateTime.parse(data.path("endsAt").asText())
                : null;
        offer.allocation = data.path("allocation").asText(null);
        offer.status = data.path("status").asText();
        offer.sequence = data.path("sequence").asInt();
        if (ended != null) {
            offer.status = ended.status();
            offer.sequence = Math.max(offer.sequence, ended.sequence());
        }
        if (existing == null) {
            return offer.persist().replaceWithVoid();
        }
        return offer.carers < carersBefore
                ? reportShortfall(offer)
                : Uni.createFrom().voidItem();
    }
}
