package io.ibasho.childcarebooking.service;

import io.ibasho.childcarebooking.BookedChild;
import io.ibasho.childcarebooking.ChildcareBooking;
import io.ibasho.childcarebooking.ChildcareDecision;
import io.ibasho.childcarebooking.SessionOffer;
import io.ibasho.childcarebooking.capacity.Assessment;
import io.ibasho.childcarebooking.capacity.AssessmentOutcome;
import io.ibasho.childcarebooking.capacity.ChildAge;
import io.ibasho.childcarebooking.mapping.ChildcareEvents;
import io.ibasho.childcarebooking.mapping.SessionCapacity;
import io.ibasho.contracts.EventTypes;
import io.ibasho.plumbing.outbox.Outbox;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * The childcare side of the seat-and-childcare saga: decides a ChildcareRequested and reserves the children, and
 * releases them when the registration is cancelled. Each step is one transaction with its reply in the outbox.
 *
 * <p><b>Never more children than the carers allow.</b> The session's offer row is locked ({@code SELECT ... FOR
 * UPDATE}) before the confirmed children are counted, so two requests racing for the last places are decided one
 * after the other, each seeing the other's children; the second waits for the first to commit. This holds across
 * replicas and whatever the Kafka consumer's concurrency.
 */
@ApplicationScoped
public class ChildcareReservationService {
    private static final Logger LOG = Logger.getLogger(ChildcareReservationService.class);
    static final String UNKNOWN_SESSION = "UNKNOWN_SESSION";

    private final Outbox outbox;
    private final Clock clock;

    public ChildcareReservationService(Outbox outbox, Clock clock) {
        this.clock = clock;
        this.outbox = outbox;
    }

    /** Decides the request (or repeats the earlier answer to the same requestId) and publishes the answer. */
    @WithTransaction
    public Uni<ChildcareDecision> decide(ChildcareRequest request) {
        return SessionOffer.<SessionOffer>findById(request.sessionId(), LockModeType.PESSIMISTIC_WRITE)
                .flatMap(offer -> ChildcareDecision.<ChildcareDecision>findById(request.requestId())
                        .flatMap(earlier -> earlier != null ? repeat(earlier) : decideFirstTime(request, offer)));
    }

    /**
     * Releases the registration's reserved children, if any, and announces it (ChildcareReleased, every time
     * something was released); a no-op otherwise, also on replay.
     */
    @WithTransaction
    public Uni<Boolean> release(UUID registrationId, ChildcareEvents.ReleaseCause cause) {
        return ChildcareBooking.<ChildcareBooking>find(
                        "registrationId = ?1 and status = ?2", registrationId, ChildcareBooking.Status.RESERVED)
                .firstResult()
                .flatMap(booking -> {
                    if (booking == null) {
                        return Uni.createFrom().item(false);
                    }
                    // Lock the session like a reservation does, so a release and a reservation never interleave.
                    return SessionOffer.findById(booking.sessionId, LockModeType.PESSIMISTIC_WRITE)
                            .flatMap(locked -> releaseUnderLock(booking, cause))
                            .replaceWith(true);
                });
    }

    /**
     * Releases one booking whose session row the caller has already locked. (Hibernate Reactive cannot lock an offer
     * already loaded in the session: it writes the attribute name into the SQL; so a caller holding the offer locks
     * the row with SQL and comes here.)
     */
    Uni<Void> releaseUnderLock(ChildcareBooking booking, ChildcareEvents.ReleaseCause cause) {
        booking.status = ChildcareBooking.Status.RELEASED;
        booking.releasedAt = OffsetDateTime.now(clock);
        // She cancelled: the carers no longer need her notes, so they go now, not after the session.
        return BookedChild.update("childNickname = null, careNotes = null where bookingId = ?1", booking.id)
                // A drop-in reservation belongs to no registration: nobody else waits for its release.
                .call(() -> booking.kind == ChildcareBooking.Kind.DROP_IN
                        ? Uni.createFrom().voidItem()
                        : outbox.append(
                                EventTypes.CHILDCARE_RELEASED,
                                booking.sessionId,
                                new ChildcareEvents.Released(booking.registrationId, booking.sessionId, cause)))
                .replaceWithVoid();
    }

    /** Ages of the children currently reserved for the session: the "existing" of every assessment. */
    public static Uni<List<ChildAge>> reservedChildren(UUID sessionId) {
        return BookedChild.<BookedChild>find(
                        "bookingId in (select b.id from ChildcareBooking b where b.sessionId = ?1 and b.status = ?2)",
                        sessionId,
                        ChildcareBooking.Status.RESERVED)
                .list()
                .map(children -> children.stream()
                        .map(child -> ChildAge.of(child.ageYears))
                        .toList());
    }

    private Uni<ChildcareDecision> repeat(ChildcareDecision earlier) {
        LOG.debugf("request %s was already answered %s; answering the same", earlier.requestId, earlier.outcome);
        return publish(earlier);
    }

    private Uni<ChildcareDecision> decideFirstTime(ChildcareRequest request, SessionOffer offer) {
        if (offer == null) {
            // The session may simply not have arrived yet; registration retries with a new requestId
            // (docs/childcare.md).
            return record(request, UNKNOWN_SESSION);
        }
        return ChildcareBooking.<ChildcareBooking>find(
                        "registrationId = ?1 and status = ?2",
                        request.registrationId(),
                        ChildcareBooking.Status.RESERVED)
                .firstResult()
                .flatMap(alreadyReserved -> {
                    if (alreadyReserved != null) {
                        // This registration already has its children reserved: confirm, never reserve a second time.
                        return BookedChild.count("bookingId", alreadyReserved.id)
                                .flatMap(children -> record(request, ChildcareDecision.RESERVED, children.intValue()));
                    }
                    if (request.childrenAges().stream()
                            .anyMatch(age -> age < ChildAge.YOUNGEST || age > ChildAge.OLDEST)) {
                        return record(request, AssessmentOutcome.AGE_OUT_OF_RANGE.name());
                    }
                    List<ChildAge> requested =
                            request.childrenAges().stream().map(ChildAge::of).toList();
                    // Read inside the session's lock: the organisation's table as it is when this request is decided.
                    return OrganisationRatiosService.rulesOf(offer.organisationId)
                            .flatMap(rules -> reservedChildren(offer.sessionId).flatMap(existing -> {
                                Assessment assessment = SessionCapacity.of(offer, rules)
                                        .assess(existing, requested, request.requestedAt());
                                return assessment.accepted()
                                        ? reserve(request)
                                                .flatMap(ignored -> record(request, ChildcareDecision.RESERVED))
                                        : record(request, assessment.outcome().name());
                            }));
                });
    }

    private Uni<ChildcareBooking> reserve(ChildcareRequest request) {
        ChildcareBooking booking = new ChildcareBooking();
        booking.id = UUID.randomUUID();
        booking.requestId = request.requestId();
        booking.registrationId = request.registrationId();
        booking.sessionId = request.sessionId();
        booking.attendeeId = request.attendeeId();
        booking.status = ChildcareBooking.Status.RESERVED;
        booking.createdAt = OffsetDateTime.now(clock);
        return booking.<ChildcareBooking>persist().call(saved -> {
            List<BookedChild> children = new java.util.ArrayList<>();
            for (int i = 0; i < request.childrenAges().size(); i++) {
                BookedChild child = new BookedChild();
                child.id = UUID.randomUUID();
                child.bookingId = saved.id;
                child.position = i + 1;
                child.ageYears = request.childrenAges().get(i);
                children.add(child);
            }
            return BookedChild.persist(children);
        });
    }

    private Uni<ChildcareDecision> record(ChildcareRequest request, String outcome) {
        return record(request, outcome, request.childrenAges().size());
    }

    private Uni<ChildcareDecision> record(ChildcareRequest request, String outcome, int children) {
        ChildcareDecision decision = new ChildcareDecision();
        decision.requestId = request.requestId();
        decision.registrationId = request.registrationId();
        decision.sessionId = request.sessionId();
        decision.outcome = outcome;
        decision.children = children;
        decision.decidedAt = OffsetDateTime.now(clock);
        return decision.<ChildcareDecision>persist().flatMap(this::publish);
    }

    private Uni<ChildcareDecision> publish(ChildcareDecision decision) {
        Uni<Void> appended = decision.reserved()
                ? outbox.append(EventTypes.CHILDCARE_RESERVED, decision.sessionId, ChildcareEvents.reserved(decision))
                : outbox.append(EventTypes.CHILDCARE_REJECTED, decision.sessionId, ChildcareEvents.rejected(decision));
        return appended.replaceWith(decision);
    }

    /** The instant a request counts as made: its CloudEvent time, never later than now (a clock ahead buys nothing). */
    public static Instant requestedAt(Instant eventTime, Instant now) {
        return eventTime == null || eventTime.isAfter(now) ? now : eventTime;
    }
}
