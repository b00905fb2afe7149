package io.ibasho.childcarebooking.service;

import io.ibasho.childcarebooking.BookedChild;
import io.ibasho.childcarebooking.ChildcareBooking;
import io.ibasho.childcarebooking.ChildcareDecision;
import io.ibasho.childcarebooking.DeferredChildcareRequest;
import io.ibasho.childcarebooking.SessionOffer;
import io.ibasho.childcarebooking.capacity.Assessment;
import io.ibasho.childcarebooking.capacity.AssessmentOutcome;
import io.ibasho.childcarebooking.capacity.ChildAge;
import io.ibasho.childcarebooking.mapping.ChildcareEvents;
import io.ibasho.childcarebooking.mapping.SessionCapacity;
import io.ibasho.contracts.EventTypes;
import io.ibasho.plumbing.outbox.Outbox;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The childcare side of the seat-and-childcare saga: decides a ChildcareRequested and reserves the children, and
 * releases them when the registration is cancelled. Each step is one transaction with its reply in the outbox.
 *
 * <p><b>Never more children than the carers allow.</b> The session's offer row is locked ({@code SELECT ... FOR
 * UPDATE}) before the confirmed children are counted, so two requests racing for the last places are decided one
 * after the other, each seeing the other's children; the second waits for the first to commit. This holds across
 * replicas and whatever the Kafka consumer's concurrency.
 *
 * <p><b>A release on its way is waited for.</b> Registration lets a woman's places go (RegistrationCancelled,
 * OfferExpired) and may ask for the next woman's children in the same breath; both travel on the session's partition,
 * but two outbox relays can put the request first. A request that names such releases ({@code awaitsReleaseOf}) and
 * finds too few places while one of them is still reserved here is not refused: it waits ({@link
 * DeferredChildcareRequest}) and is decided again when that release is applied, or as things stand after
 * {@code ibasho.childcare.release-wait} (docs/adr/0039). So reserve number 1 is never passed over because her request
 * overtook the cancellation that freed her places.
 */
@ApplicationScoped
public class ChildcareReservationService {
    private static final Logger LOG = Logger.getLogger(ChildcareReservationService.class);
    static final String UNKNOWN_SESSION = "UNKNOWN_SESSION";

    /** The refusals a release still on its way could turn into a reservation. */
    private static final Set<String> FOR_WANT_OF_PLACES =
            Set.of(AssessmentOutcome.RATIO_EXCEEDED.name(), AssessmentOutcome.CAP_EXCEEDED.name());

    private final Outbox outbox;
    private final Clock clock;
    private final Duration releaseWait;

    public ChildcareReservationService(
            Outbox outbox,
            Clock clock,
            @ConfigProperty(name = "ibasho.childcare.release-wait", defaultValue = "PT1M") Duration releaseWait) {
        this.clock = clock;
        this.outbox = outbox;
        this.releaseWait = releaseWait;
    }

    /** Decides the request (or repeats the earlier answer to the same requestId) and publishes the answer. */
    @WithTransaction
    public Uni<ChildcareDecision> decide(ChildcareRequest request) {
        return SessionOffer.<SessionOffer>findById(request.sessionId(), LockModeType.PESSIMISTIC_WRITE)
                .flatMap(offer -> ChildcareDecision.<ChildcareDecision>findById(request.requestId())
                        .flatMap(earlier -> earlier != null ? repeat(earlier) : decideFirstTime(request, offer, true)));
    }

    /**
     * Releases the registration's reserved children, if any, and announces it (ChildcareReleased, every time
     * something was released); a no-op otherwise, also on replay.
     */
    @WithTransaction
    public Uni<Boolean> release(UUID registrationId, ChildcareEvents.ReleaseCause cause) {
        // her own request still waiting for places is moot now: she was cancelled, her offer ended, or registration
        // stopped waiting for the answer
        return DeferredChildcareRequest.delete("registrationId", registrationId)
                .<ChildcareBooking>flatMap(dropped -> ChildcareBooking.<ChildcareBooking>find(
                                "registrationId = ?1 and status = ?2", registrationId, ChildcareBooking.Status.RESERVED)
                        .firstResult())
                .flatMap(booking -> {
                    if (booking == null) {
                        return Uni.createFrom().item(false);
                    }
                    // Lock the session like a reservation does, so a release and a reservation never interleave.
                    return SessionOffer.<SessionOffer>findById(booking.sessionId, LockModeType.PESSIMISTIC_WRITE)
                            .flatMap(locked -> releaseUnderLock(booking, cause)
                                    .call(() -> Panache.getSession().flatMap(s -> s.flush()))
                                    // the requests that waited for this release are decided now, in arrival order
                                    .call(() -> decideDeferred(booking.sessionId, locked, true)))
                            .replaceWith(true);
                });
    }

    /**
     * Requests that waited longer than {@code ibasho.childcare.release-wait} are decided as things stand: a release
     * that never comes (lost, or registration named one this service never reserved) cannot hold a woman's answer.
     */
    @Scheduled(
            every = "${ibasho.childcare.release-wait-check:5s}",
            delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @WithTransaction
    public Uni<Void> decideOverdueDeferrals() {
        OffsetDateTime cutOff = OffsetDateTime.now(clock).minus(releaseWait);
        return DeferredChildcareRequest.<DeferredChildcareRequest>list("deferredAt <= ?1", cutOff)
                .flatMap(overdue -> Multi.createFrom()
                        .iterable(overdue.stream()
                                .map(deferred -> deferred.sessionId)
                                .distinct()
                                .toList())
                        .onItem()
                        .transformToUniAndConcatenate(sessionId -> SessionOffer.<SessionOffer>findById(
                                        sessionId, LockModeType.PESSIMISTIC_WRITE)
                                .flatMap(offer -> decideDeferred(sessionId, offer, false)))
                        .collect()
                        .asList())
                .replaceWithVoid();
    }

    /**
     * The session's waiting requests, oldest first, under the session's lock. With {@code mayWaitMore} a request whose
     * awaited releases are still not all applied keeps waiting; without, each is decided as things stand.
     */
    private Uni<Void> decideDeferred(UUID sessionId, SessionOffer offer, boolean mayWaitMore) {
        return DeferredChildcareRequest.<DeferredChildcareRequest>list("sessionId = ?1 order by deferredAt", sessionId)
                .flatMap(waiting -> Multi.createFrom()
                        .iterable(waiting)
                        .onItem()
                        .transformToUniAndConcatenate(deferred -> decideFirstTime(
                                        toRequest(deferred), offer, mayWaitMore)
                                .call(decision -> decision == null
                                        ? Uni.createFrom().voidItem() // still waiting
                                        : deferred.delete()
                                                .call(() -> Panache.getSession().flatMap(s -> s.flush()))))
                        .collect()
                        .asList())
                .replaceWithVoid();
    }

    private static ChildcareRequest toRequest(DeferredChildcareRequest deferred) {
        return new ChildcareRequest(
                deferred.requestId,
                deferred.registrationId,
                deferred.sessionId,
                deferred.attendeeId,
                deferred.ages(),
                deferred.requestedAt.toInstant(),
                deferred.awaited());
    }

    /**
     * Refused for want of places, but a release the request names is still reserved here: it waits (no answer yet).
     * A redelivered request that already waits changes nothing.
     */
    private Uni<ChildcareDecision> waitForRelease(ChildcareRequest request, String refusal) {
        return DeferredChildcareRequest.<DeferredChildcareRequest>findById(request.requestId())
                .flatMap(already -> {
                    if (already != null) {
                        return Uni.createFrom().nullItem();
                    }
                    // a reason code only: her request's id beside its session would join her booking to the session
                    // in the log (docs/privacy.md)
                    LOG.infof("a childcare request waits for a release on its way (%s)", refusal);
                    DeferredChildcareRequest deferred = new DeferredChildcareRequest();
                    deferred.requestId = request.requestId();
                    deferred.registrationId = request.registrationId();
                    deferred.sessionId = request.sessionId();
                    deferred.attendeeId = request.attendeeId();
                    deferred.childrenAges = DeferredChildcareRequest.join(request.childrenAges());
                    deferred.requestedAt = request.requestedAt().atOffset(ZoneOffset.UTC);
                    deferred.awaitsReleaseOf = DeferredChildcareRequest.join(request.awaitsReleaseOf());
                    deferred.deferredAt = OffsetDateTime.now(clock);
                    return deferred.persist().replaceWith(Uni.createFrom().<ChildcareDecision>nullItem());
                });
    }

    /** Whether any of the named registrations still holds children's places of the session here. */
    private static Uni<Boolean> releaseStillOnItsWay(ChildcareRequest request) {
        if (request.awaitsReleaseOf().isEmpty()) {
            return Uni.createFrom().item(false);
        }
        return ChildcareBooking.count(
                        "sessionId = ?1 and status = ?2 and registrationId in ?3",
                        request.sessionId(),
                        ChildcareBooking.Status.RESERVED,
                        request.awaitsReleaseOf())
                .map(count -> count > 0);
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

    /** @return the decision, or null when the request waits for a release on its way ({@code mayWait}) */
    private Uni<ChildcareDecision> decideFirstTime(ChildcareRequest request, SessionOffer offer, boolean mayWait) {
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
                                if (assessment.accepted()) {
                                    return reserve(request)
                                            .flatMap(ignored -> record(request, ChildcareDecision.RESERVED));
                                }
                                String refusal = assessment.outcome().name();
                                if (!mayWait || !FOR_WANT_OF_PLACES.contains(refusal)) {
                                    return record(request, refusal);
                                }
                                return releaseStillOnItsWay(request)
                                        .flatMap(onItsWay ->
                                                onItsWay ? waitForRelease(request, refusal) : record(request, refusal));
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
}
