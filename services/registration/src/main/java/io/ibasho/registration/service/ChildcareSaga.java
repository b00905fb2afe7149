package io.ibasho.registration.service;

import io.ibasho.contracts.EventTypes;
import io.ibasho.registration.Registration;
import io.ibasho.registration.Registration.ChildcareStatus;
import io.ibasho.registration.Registration.Status;
import io.ibasho.registration.SessionCopy;
import io.ibasho.registration.config.ChildcareSagaConfig;
import io.ibasho.registration.mapping.RegistrationEvents;
import io.ibasho.registration.messaging.RegistrationOutbox;
import io.ibasho.registration.repository.ChildcareHolds;
import io.ibasho.registration.repository.SeatLedger;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Step 3 of the seat-and-childcare saga (architecture.md) for first-come bookings and waitlist offers: childcare's
 * answer, matched by request id, turns the held seat into a booking or an offer, or releases it. Both or neither:
 * she never keeps a seat without childcare, nor childcare without a seat.
 * <p>
 * Only a registration still {@code PENDING_CHILDCARE} on that request id is answered; anything else (a duplicate, a
 * reply after the hold was released or cancelled, a lottery application's reply, which the lottery's own consumer
 * handles) changes nothing. The registration row is locked, so the reply, the hold sweep and her own cancellation
 * are applied one after the other and a seat is released exactly once. Runs in the caller's transaction.
 */
@ApplicationScoped
public class ChildcareSaga {
    private static final Logger LOG = Logger.getLogger(ChildcareSaga.class);

    private final BookingService bookings;
    private final RegistrationOutbox outbox;
    private final ChildcareSagaConfig config;
    private final Clock clock;

    public ChildcareSaga(BookingService bookings, RegistrationOutbox outbox, ChildcareSagaConfig config, Clock clock) {
        this.bookings = bookings;
        this.outbox = outbox;
        this.config = config;
        this.clock = clock;
    }

    /** ChildcareReserved: a booking is confirmed (with its code); a waitlist offer now stands. */
    public Uni<Boolean> childcareReserved(UUID requestId) {
        return pending(requestId).flatMap(registration -> {
            if (registration == null) {
                return Uni.createFrom().item(false);
            }
            registration.childcareStatus = ChildcareStatus.RESERVED;
            registration.childcareRejectReason = null;
            registration.childcareRequestedAt = null;
            if (!fromWaitlist(registration)) {
                return bookings.confirm(registration).replaceWith(true);
            }
            // the offer stands; the line moves on to the next free seat, if any (one childcare question at a time)
            return SessionCopy.<SessionCopy>findById(registration.sessionId)
                    .call(session -> bookings.offerHeldSeat(registration, session))
                    .call(session -> bookings.offerFreedSeats(session))
                    .replaceWith(true);
        });
    }

    /**
     * ChildcareRejected: the held seat is released and goes down the waitlist; she is told why. Except
     * UNKNOWN_SESSION: childcare-booking has not yet read the session (its copy arrives over event-lifecycle), so the
     * hold stays and asks again a little later ({@link #askAgainWhereTheSessionWasUnknown}).
     */
    public Uni<Boolean> childcareRejected(UUID requestId, String reason) {
        return pending(requestId).flatMap(registration -> {
            if (registration == null) {
                return Uni.createFrom().item(false);
            }
            if (ChildcareRequests.UNKNOWN_SESSION.equals(reason)) {
                registration.childcareRejectReason = reason;
                registration.updatedAt = OffsetDateTime.now(clock);
                return Uni.createFrom().item(true);
            }
            return (courseDate(registration)
                            ? keepSeatWithoutChildcare(registration, reason)
                            : releaseHold(registration, reason))
                    .replaceWith(true);
        });
    }

    /**
     * Holds whose last answer was UNKNOWN_SESSION ask again under a new request id, one check interval after that
     * answer (not at once: childcare-booking needs a moment to read the session). The answer timeout still bounds the
     * hold as a whole.
     */
    @Scheduled(
            every = "${ibasho.registration.childcare.answer-check:30s}",
            delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @WithTransaction
    public Uni<Void> askAgainWhereTheSessionWasUnknown() {
        OffsetDateTime answeredBefore = OffsetDateTime.now(clock).minus(config.answerCheck());
        return ChildcareHolds.answeredUnknownSession(ChildcareRequests.UNKNOWN_SESSION, answeredBefore)
                .flatMap(holds -> Multi.createFrom()
                        .iterable(holds)
                        .onItem()
                        .transformToUniAndConcatenate(registration ->
                                ChildcareRequests.askAgain(outbox, registration, OffsetDateTime.now(clock)))
                        .collect()
                        .asList())
                .replaceWithVoid();
    }

    /**
     * ChildcareReleased: children's places of this session are free again, so whoever waits on the waitlist for
     * childcare is in line again at her own place, and a free seat is offered (childcare asked first) at once.
     */
    public Uni<Void> childcareReleased(UUID sessionId) {
        return ChildcareHolds.backInLine(sessionId)
                .flatMap(waiting -> SessionCopy.<SessionCopy>findById(sessionId))
                .flatMap(session -> session == null ? Uni.createFrom().voidItem() : bookings.offerFreedSeats(session));
    }

    /**
     * A hold must not keep a seat forever when childcare never answers (the service is down, a message lost): after
     * the configured time it is released as if childcare had said no, with reason {@code NO_ANSWER}.
     * {@code FOR UPDATE SKIP LOCKED}: a hold being answered right now is left to its answer, and with several replicas
     * each hold is released by exactly one.
     */
    @Scheduled(
            every = "${ibasho.registration.childcare.answer-check:30s}",
            delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @WithTransaction
    public Uni<Void> releaseUnansweredHolds() {
        OffsetDateTime askedBefore = OffsetDateTime.now(clock).minus(config.answerTimeout());
        return ChildcareHolds.unansweredSince(askedBefore)
                .flatMap(unanswered -> Multi.createFrom()
                        .iterable(unanswered)
                        .onItem()
                        .transformToUniAndConcatenate(registration -> {
                            // no id: a request's id names her booking (docs/privacy.md)
                            LOG.info("childcare never answered a request; the held seat is released");
                            // still "session unknown" after all this time: she is told that, not "no answer"
                            String reason = ChildcareRequests.UNKNOWN_SESSION.equals(registration.childcareRejectReason)
                                    ? ChildcareRequests.UNKNOWN_SESSION
                                    : ChildcareRequests.NO_ANSWER;
                            // childcare-booking may still read the request and reserve places for it. A booking's
                            // RegistrationCancelled releases them; a waitlist promotion withdraws the request, so the
                            // places come back (and she is offered again) instead of staying taken for nobody.
                            boolean promotion = fromWaitlist(registration);
                            boolean courseDate = courseDate(registration);
                            UUID requestId = registration.childcareRequestId;
                            return (courseDate
                                            ? keepSeatWithoutChildcare(registration, reason)
                                            : releaseHold(registration, reason))
                                    // a course date keeps its seat, so nothing else would release children's places
                                    // reserved by a late answer: withdrawn like a promotion's hold
                                    .call(() -> promotion || courseDate
                                            ? ChildcareRequests.withdraw(
                                                    outbox, registration.id, registration.sessionId, requestId, reason)
                                            : Uni.createFrom().voidItem());
                        })
                        .collect()
                        .asList())
                .replaceWithVoid();
    }

    /**
     * A booking becomes CHILDCARE_UNAVAILABLE (RegistrationCancelled by SYSTEM, so childcare-booking also drops a
     * reservation it made after all); a waitlisted woman goes back to her own place in the line, now waiting for
     * childcare (Waitlisted with reason CHILDCARE_UNAVAILABLE). Either way the seat goes to the next person.
     */
    private Uni<Void> releaseHold(Registration registration, String reason) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        registration.childcareStatus = ChildcareStatus.REJECTED;
        registration.childcareRejectReason = reason;
        registration.childcareRequestedAt = null;
        registration.offerExpiresAt = null;
        registration.updatedAt = now;
        Uni<Void> told;
        if (fromWaitlist(registration)) {
            registration.status = Status.WAITLISTED;
            registration.waitlistReason = "CHILDCARE_UNAVAILABLE";
            told = Panache.getSession()
                    .flatMap(s -> s.flush())
                    .flatMap(flushed -> BookingService.position(registration))
                    .flatMap(position -> outbox.append(
                            EventTypes.WAITLISTED,
                            registration.sessionId,
                            RegistrationEvents.waitlisted(
                                    registration, position == null ? 1 : position, registration.waitlistReason)));
        } else {
            registration.status = Status.CHILDCARE_UNAVAILABLE;
            told = outbox.append(
                    EventTypes.REGISTRATION_CANCELLED,
                    registration.sessionId,
                    ChildcareRequests.cancelledBySystem(registration, "CHILDCARE_" + reason));
        }
        return told.call(() -> SeatLedger.release(registration.sessionId))
                .call(() -> SessionCopy.<SessionCopy>findById(registration.sessionId)
                        .flatMap(bookings::offerFreedSeats));
    }

    /**
     * A date of a course she booked whose childcare was refused (docs/adr/0022): she keeps the course, and this date's
     * seat, without childcare. The seat is confirmed (RegistrationConfirmed, no childcare); ChildcareRejected already
     * tells her, discreetly, that childcare could not be arranged for that date, and the app shows it beside the date.
     * Releasing the seat instead would take the date away from a woman who may still come without her children, or
     * with someone else looking after them; she can cancel the date herself.
     */
    private Uni<Void> keepSeatWithoutChildcare(Registration registration, String reason) {
        registration.childcareStatus = ChildcareStatus.REJECTED;
        registration.childcareRejectReason = reason;
        registration.childcareRequestedAt = null;
        registration.offerExpiresAt = null;
        return bookings.confirm(registration).replaceWithVoid();
    }

    /** A date of a booked course, taken with the course (not a waitlist offer of that date). */
    private static boolean courseDate(Registration registration) {
        return registration.courseBookingId != null && !fromWaitlist(registration);
    }

    /** A waitlist promotion keeps her waitlist number; a first-come booking never has one. */
    private static boolean fromWaitlist(Registration registration) {
        return registration.waitlistNumber != null;
    }

    private static Uni<Registration> pending(UUID requestId) {
        return Registration.<Registration>find(
                        "childcareRequestId = ?1 and status = ?2 and childcareStatus = ?3",
                        requestId,
                        Status.PENDING_CHILDCARE,
                        ChildcareStatus.PENDING)
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .firstResult();
    }
}
