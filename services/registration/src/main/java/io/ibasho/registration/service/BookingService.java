package io.ibasho.registration.service;

import io.ibasho.contracts.EventTypes;
import io.ibasho.plumbing.code.DoorCodes;
import io.ibasho.plumbing.refusal.Refusal;
import io.ibasho.registration.Registration;
import io.ibasho.registration.Registration.ChildcareStatus;
import io.ibasho.registration.Registration.Status;
import io.ibasho.registration.SessionCopy;
import io.ibasho.registration.config.RegistrationConfig;
import io.ibasho.registration.mapping.RegistrationEvents;
import io.ibasho.registration.mapping.RegistrationEvents.ChildcarePurpose;
import io.ibasho.registration.messaging.RegistrationOutbox;
import io.ibasho.registration.repository.BookingRows;
import io.ibasho.registration.repository.SeatLedger;
import io.ibasho.registration.repository.Waitlist;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * First-come booking, the waitlist with its offers, and cancellation.
 * <p>
 * A seat is taken by one conditional UPDATE on the session row: PostgreSQL serialises concurrent bookers on that row,
 * so taken seats can never exceed capacity (and a CHECK constraint backs it). A seat freed while people wait is held
 * for the first of them (an offer holds the seat), so a first-come booker can never jump the queue.
 */
@ApplicationScoped
public class BookingService {
    static final List<Status> ACTIVE =
            List.of(Status.CONFIRMED, Status.APPLIED, Status.WAITLISTED, Status.OFFERED, Status.PENDING_CHILDCARE);

    private final RegistrationOutbox outbox;
    private final RegistrationConfig config;
    private final Clock clock;

    public BookingService(RegistrationOutbox outbox, RegistrationConfig config, Clock clock) {
        this.outbox = outbox;
        this.config = config;
        this.clock = clock;
    }

    public Uni<Registration> book(UUID sessionId, String attendeeId, String nickname) {
        return book(sessionId, attendeeId, nickname, List.of());
    }

    /**
     * Without children: the seat is confirmed at once. With children's ages: the seat is held (the same conditional
     * UPDATE) and she is {@code PENDING_CHILDCARE} until childcare-booking answers (the saga, architecture.md): both
     * or neither.
     * <p>
     * In the caller's transaction when it has one (an Idempotency-Key's, whose stored answer commits with the
     * booking); otherwise a booking without children is two statements and no transaction (ADR 0089): the unlocked
     * read, and the seat, booking and event in one statement that commits as it ends. Every other way opens a
     * transaction that holds the session's row.
     */
    @WithSession
    public Uni<Registration> book(UUID sessionId, String attendeeId, String nickname, List<Integer> childrenAges) {
        if (childrenAges != null && !childrenAges.isEmpty()) {
            return bookHoldingTheRow(sessionId, attendeeId, nickname, childrenAges);
        }
        // Without children (ADR 0088): the session read first without a lock, so a refusal never waits for the row
        // and a booking holds the row for one statement (seat, booking and event) and the commit.
        return SeatLedger.firstLook(sessionId, attendeeId).flatMap(look -> {
            if (look.session() == null) {
                return Uni.createFrom().failure(Refusal.notFound("session"));
            }
            if (!"FIRST_COME".equals(look.session().allocation)) {
                // a lottery's leftover seats: their own rules, in the path that holds the row
                return bookHoldingTheRow(sessionId, attendeeId, nickname, List.of());
            }
            return requireOpenFirstCome(look.session()).flatMap(session -> {
                if (look.herActive() > 0) {
                    return Uni.createFrom().failure(alreadyRegistered());
                }
                if (!look.seatFree()) {
                    return Uni.createFrom().failure(sessionFull(false));
                }
                Registration registration = newRegistration(session, attendeeId, nickname);
                confirmedNow(registration);
                return BookingRows.takeSeatAndInsertConfirmed(
                                registration,
                                outbox.confirmed(
                                        look.eventSequence(), session, ChildcareRequests.confirmed(registration)),
                                session)
                        .flatMap(outcome -> switch (outcome) {
                            case BOOKED -> Uni.createFrom().item(registration);
                            // a booking of hers committed since the read; the statement that took a seat aborted
                            case ALREADY_REGISTERED -> Uni.createFrom().failure(alreadyRegistered());
                            // the last seat went, or the session changed, since the read: decided again, holding the
                            // row
                            case NOT_TAKEN -> bookHoldingTheRow(sessionId, attendeeId, nickname, List.of());
                        });
            });
        });
    }

    /**
     * The booking that takes the seat first and decides holding the session's row (ADR 0047, 0056): with children,
     * for a lottery's leftover seats, and when the session changed after a booking without children read it.
     */
    private Uni<Registration> bookHoldingTheRow(
            UUID sessionId, String attendeeId, String nickname, List<Integer> childrenAges) {
        // the caller's transaction, or one of its own: the seat and what follows it commit or roll back together
        return Panache.withTransaction(() -> takeSeatThenDecide(sessionId, attendeeId, nickname, childrenAges));
    }

    private Uni<Registration> takeSeatThenDecide(
            UUID sessionId, String attendeeId, String nickname, List<Integer> childrenAges) {
        boolean withChildren = childrenAges != null && !childrenAges.isEmpty();
        // A first-come session's seat first, in one statement that also returns the session and the event's sequence
        // number (ADR 0047), or, when no seat was taken, the session and her active registrations of it: a refused
        // attempt (the rush) is this one statement (ADR 0056). A seat taken for a session that is not bookable, or by
        // somebody who already holds one, goes back with the rollback that her refusal causes.
        return SeatLedger.takeOrSayWhy(sessionId, attendeeId).flatMap(seat -> {
            if (!seat.taken()) {
                // nothing taken: no such session, one not open, a lottery's leftover seats, her second booking, a full
                // first-come session, or a seat freed or a copy changed while the UPDATE waited (the row read shows
                // a free seat): the checks in their old order, then the guarded seat UPDATE as before
                if (seat.session() == null) {
                    return Uni.createFrom().failure(Refusal.notFound("session"));
                }
                return requireOpenFirstCome(seat.session())
                        .invoke(session -> {
                            if (seat.herActive() > 0) {
                                throw alreadyRegistered();
                            }
                        })
                        .flatMap(session -> fullWhenRead(session)
                                ? Uni.createFrom().failure(sessionFull(withChildren))
                                : SeatLedger.take(session.id).flatMap(taken -> {
                                    if (!taken) {
                                        return Uni.createFrom().failure(sessionFull(withChildren));
                                    }
                                    Registration registration = newRegistration(session, attendeeId, nickname);
                                    if (!withChildren) {
                                        return confirm(registration);
                                    }
                                    registration.childrenAges = Registration.childrenAgesOf(childrenAges);
                                    return ChildcareRequests.ask(outbox, registration, ChildcarePurpose.BOOKING, now());
                                }));
            }
            return requireOpenFirstCome(seat.session()).flatMap(session -> {
                Registration registration = newRegistration(session, attendeeId, nickname);
                if (!withChildren) {
                    // her second active booking is caught by the unique index registration_one_active
                    return confirmNew(registration, session, seat.eventSequence());
                }
                registration.childrenAges = Registration.childrenAgesOf(childrenAges);
                return noActiveRegistration(sessionId, attendeeId)
                        .flatMap(ignored ->
                                ChildcareRequests.ask(outbox, registration, ChildcarePurpose.BOOKING, now()));
            });
        });
    }

    /**
     * A first-come session the guarded UPDATE found without a free seat, and whose row, read after it in the same
     * transaction, still says full: the answer is "full" without asking the UPDATE a second time (the rush: almost
     * every attempt ends here, round 13). Only ever a refusal, so it cannot overbook; the read is a moment at which the
     * session was full, as the UPDATE's was. A seat freed since (a cancellation) or a copy that just arrived shows as a
     * free seat in the read, and the guarded UPDATE decides again, as before (ADR 0047). Lottery sessions keep the old
     * order.
     */
    private static boolean fullWhenRead(SessionCopy session) {
        return "FIRST_COME".equals(session.allocation)
                && session.capacity != null
                && session.confirmedSeats >= session.capacity;
    }

    private static Refusal sessionFull(boolean withChildren) {
        return Refusal.conflict(
                "session-full",
                withChildren
                        ? "All seats are taken. You can join the waitlist with your children's ages: a seat is then "
                                + "offered to you together with childcare."
                        : "All seats are taken. You can join the waitlist.");
    }

    /** A new booking confirmed at once: its row, its event and the relay's wake-up in one statement (BookingRows). */
    private Uni<Registration> confirmNew(Registration registration, SessionCopy session, long eventSequence) {
        confirmedNow(registration);
        return BookingRows.insertConfirmed(
                        registration,
                        outbox.confirmed(eventSequence, session, ChildcareRequests.confirmed(registration)))
                .map(inserted -> {
                    if (!inserted) {
                        throw alreadyRegistered();
                    }
                    return registration;
                });
    }

    /** A new registration, not yet written, becomes a confirmed booking with its door code. */
    private void confirmedNow(Registration registration) {
        registration.status = Status.CONFIRMED;
        registration.bookingCode = DoorCodes.next();
        registration.updatedAt = now();
        registration.version = 0L;
    }

    public Uni<WaitlistPlace> joinWaitlist(UUID sessionId, String attendeeId, String nickname) {
        return joinWaitlist(sessionId, attendeeId, nickname, List.of());
    }

    /**
     * She joins the end of the waitlist of a full session and learns her position. With children's ages it is the
     * waitlist for both: she waits for a seat and childcare together, so she may join while seats are free (childcare
     * is what she waits for); each offer asks childcare first.
     */
    @WithTransaction
    public Uni<WaitlistPlace> joinWaitlist(
            UUID sessionId, String attendeeId, String nickname, List<Integer> childrenAges) {
        boolean withChildren = childrenAges != null && !childrenAges.isEmpty();
        return openFirstComeSession(sessionId)
                // joins of one session queue on its row: her number is drawn and her position counted only after
                // everyone ahead of her has committed, so no two women are told the same position
                .call(session -> SeatLedger.lockSession(session.id))
                .call(session -> noActiveRegistration(sessionId, attendeeId))
                .flatMap(session -> SeatLedger.hasFreeSeat(session.id).flatMap(free -> {
                    if (free && !withChildren) {
                        return Uni.createFrom()
                                .failure(
                                        Refusal.conflict(
                                                "seats-available",
                                                "This session still has free seats: book one instead of joining the waitlist."));
                    }
                    Registration registration = newRegistration(session, attendeeId, nickname);
                    registration.status = Status.WAITLISTED;
                    registration.waitlistReason = free ? "CHILDCARE_UNAVAILABLE" : "FULL";
                    registration.childrenAges = Registration.childrenAgesOf(childrenAges);
                    return Waitlist.nextNumber()
                            .invoke(number -> registration.waitlistNumber = number)
                            .flatMap(number -> registration.<Registration>persist())
                            .call(saved -> flush())
                            .flatMap(saved -> position(saved))
                            .call(position -> outbox.append(
                                    EventTypes.WAITLISTED,
                                    sessionId,
                                    RegistrationEvents.waitlisted(registration, position, registration.waitlistReason)))
                            // a seat freed in the meantime goes to the head of the queue, possibly her
                            .call(position -> offerFreedSeats(session))
                            .map(position -> new WaitlistPlace(registration, position));
                }));
    }

    public record WaitlistPlace(Registration registration, Integer position) {}

    @WithTransaction
    public Uni<Registration> acceptOffer(UUID registrationId, String attendeeId) {
        return own(registrationId, attendeeId).flatMap(registration -> {
            if (registration.status != Status.OFFERED || !registration.offerExpiresAt.isAfter(now())) {
                return Uni.createFrom()
                        .failure(Refusal.conflict(
                                "no-open-offer",
                                "There is no open seat offer on this registration (it may have expired)."));
            }
            registration.offerExpiresAt = null;
            return confirm(registration); // the seat was held for her since the offer
        });
    }

    @WithTransaction
    public Uni<Registration> declineOffer(UUID registrationId, String attendeeId) {
        return own(registrationId, attendeeId)
                .flatMap(registration -> registration.status != Status.OFFERED
                        ? Uni.createFrom()
                                .failure(Refusal.conflict(
                                        "no-open-offer", "There is no open seat offer on this registration."))
                        : expire(registration, true).replaceWith(registration));
    }

    /** She cancels her own booking or waitlist place; a seat only until the cut-off before the start. */
    @WithTransaction
    public Uni<Registration> cancelOwn(UUID registrationId, String attendeeId) {
        return own(registrationId, attendeeId).flatMap(registration -> {
            if (!registration.status.active()) {
                return Uni.createFrom()
                        .failure(Refusal.conflict(
                                "not-active",
                                "This registration is already "
                                        + registration.status.name().toLowerCase() + "."));
            }
            return SessionCopy.<SessionCopy>findById(registration.sessionId).flatMap(session -> {
                boolean holdsSeat = holdsSeat(registration);
                if (holdsSeat
                        && now().isAfter(session.startsAt.minus(
                                config.cancellation().attendeeCutOff()))) {
                    return Uni.createFrom()
                            .failure(Refusal.conflict(
                                    "cancellation-closed",
                                    "It is too close to the start to cancel here; please tell the organiser instead."));
                }
                return cancel(registration, session, "ATTENDEE", null).replaceWith(registration);
            });
        });
    }

    /** An organiser of the session's organisation cancels anyone, with a reason that is shown to her. */
    @WithTransaction
    public Uni<Registration> cancelByOrganiser(
            UUID sessionId, UUID registrationId, String organisationId, String reason) {
        return OrganiserAccess.session(sessionId, organisationId)
                .flatMap(session -> Registration.<Registration>find(
                                "id = ?1 and sessionId = ?2", registrationId, sessionId)
                        .withLock(LockModeType.PESSIMISTIC_WRITE)
                        .firstResult()
                        .onItem()
                        .ifNull()
                        .failWith(() -> Refusal.notFound("registration"))
                        .flatMap(registration -> !registration.status.active()
                                ? Uni.createFrom()
                                        .failure(Refusal.conflict(
                                                "not-active",
                                                "This registration is already "
                                                        + registration
                                                                .status
                                                                .name()
                                                                .toLowerCase() + "."))
                                : cancel(registration, session, "ORGANISER", reason)
                                        .replaceWith(registration)));
    }

    /** The session itself was cancelled: every active booking, offer, application and waitlist place goes with it. */
    public Uni<Void> cancelAllOfSession(SessionCopy session) {
        return cancelActiveOf(session)
                // Giving the seats back takes the session's row, so it waits for the bookings in flight (each holds
                // the row from its seat to its commit) and holds the row to the end: no booking commits after it.
                .call(() -> SeatLedger.releaseAll(session.id))
                // Those that committed after the first pass read the registrations go too (they held the row then).
                .call(() -> cancelActiveOf(session));
    }

    private Uni<Void> cancelActiveOf(SessionCopy session) {
        // locked, in one order: an attendee cancelling or accepting at this moment goes first or finds it cancelled
        return Registration.<Registration>find("sessionId = ?1 and status in ?2 order by id", session.id, ACTIVE)
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .list()
                .flatMap(registrations -> Multi.createFrom()
                        .iterable(registrations)
                        // one cancelled by the first pass and not yet written is still active in the database
                        .filter(registration -> registration.status.active())
                        .onItem()
                        .transformToUniAndConcatenate(registration -> {
                            markCancelled(registration, "SESSION_CANCELLED", null);
                            return outbox.append(
                                    EventTypes.REGISTRATION_CANCELLED,
                                    session.id,
                                    RegistrationEvents.cancelled(registration));
                        })
                        .collect()
                        .asList())
                .replaceWithVoid();
    }

    Uni<Void> cancel(Registration registration, SessionCopy session, String cancelledBy, String reason) {
        return cancel(registration, session, cancelledBy, reason, false);
    }

    /** @param withCourse the date goes because her whole course booking is cancelled (she is told once, per course) */
    Uni<Void> cancel(
            Registration registration, SessionCopy session, String cancelledBy, String reason, boolean withCourse) {
        boolean heldSeat = holdsSeat(registration);
        markCancelled(registration, cancelledBy, reason);
        // childcare-booking releases reserved children on this RegistrationCancelled (and one reserved by a reply
        // still on its way: the request and this event share the session's partition, so it is decided first)
        return endsHerCourse(registration, cancelledBy, withCourse)
                .flatMap(endsCourse -> outbox.append(
                        EventTypes.REGISTRATION_CANCELLED,
                        session.id,
                        withCourse || endsCourse
                                ? RegistrationEvents.cancelledWithCourse(registration)
                                : RegistrationEvents.cancelled(registration)))
                .call(() -> heldSeat
                        ? SeatLedger.release(session.id).call(() -> offerFreedSeats(session))
                        : Uni.createFrom().voidItem())
                // a date of a course: the course place goes once no date of it is left (the other dates stay hers)
                .call(() -> registration.courseBookingId == null
                        ? Uni.createFrom().voidItem()
                        : CoursePlaces.endIfNoDateLeft(outbox, registration.courseBookingId, cancelledBy, now()));
    }

    /**
     * Whether she is cancelling the last date she still holds of a booked course: then CourseCancelled follows in this
     * transaction and is her one message, so this date's event carries the course booking's id like the dates of a
     * whole-course cancellation (docs/adr/0030). An organiser's cancellation keeps its own message (and its reason).
     */
    private static Uni<Boolean> endsHerCourse(Registration registration, String cancelledBy, boolean withCourse) {
        if (withCourse || registration.courseBookingId == null || !"ATTENDEE".equals(cancelledBy)) {
            return Uni.createFrom().item(false);
        }
        return Registration.count(
                        "courseBookingId = ?1 and status in ?2 and id <> ?3",
                        registration.courseBookingId,
                        ACTIVE,
                        registration.id)
                .flatMap(others -> others > 0
                        ? Uni.createFrom().item(false)
                        : io.ibasho.registration.CourseBooking.count(
                                        "id = ?1 and status = ?2",
                                        registration.courseBookingId,
                                        io.ibasho.registration.CourseBooking.BOOKED)
                                .map(booked -> booked > 0));
    }

    /** Too close to the start for her to cancel a seat herself (she tells the organiser instead). */
    boolean pastCancellationCutOff(SessionCopy session) {
        return now().isAfter(session.startsAt.minus(config.cancellation().attendeeCutOff()));
    }

    /**
     * Until when she may give up the seat she holds herself ({@link #cancelOwn} refuses it after, cancellation-closed),
     * so her app offers the button exactly as long as it works; null when she holds no seat or the session is unknown.
     */
    public OffsetDateTime cancellableUntil(Registration registration, SessionCopy session) {
        return session == null || !holdsSeat(registration)
                ? null
                : session.startsAt.minus(config.cancellation().attendeeCutOff());
    }

    /** A confirmed booking, an open offer and a hold waiting for childcare's answer each take one seat. */
    static boolean holdsSeat(Registration registration) {
        return registration.status == Status.CONFIRMED
                || registration.status == Status.OFFERED
                || registration.status == Status.PENDING_CHILDCARE;
    }

    private void markCancelled(Registration registration, String cancelledBy, String reason) {
        if (registration.childcareStatus == ChildcareStatus.RESERVED) {
            registration.childcareStatus = ChildcareStatus.RELEASED;
        }
        registration.status = Status.CANCELLED;
        registration.cancelledBy = cancelledBy;
        registration.cancelReason = reason;
        registration.offerExpiresAt = null;
        registration.updatedAt = now();
    }

    /**
     * Lapsed offers pass to the next person. {@code FOR UPDATE SKIP LOCKED}: with several replicas each lapsed offer is
     * taken by exactly one of them, and a booking being accepted right now is left alone.
     */
    @Scheduled(
            every = "${ibasho.registration.waitlist.expiry-check:30s}",
            delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @WithTransaction
    public Uni<Void> expireLapsedOffers() {
        return Waitlist.lapsedOffers(now())
                .flatMap(lapsed -> Multi.createFrom()
                        .iterable(lapsed)
                        .onItem()
                        .transformToUniAndConcatenate(registration -> expire(registration, false))
                        .collect()
                        .asList())
                .replaceWithVoid();
    }

    private Uni<Void> expire(Registration registration, boolean declined) {
        boolean childcareReserved = registration.childcareStatus == ChildcareStatus.RESERVED;
        registration.status = Status.EXPIRED;
        // who ended the offer, so that her list says "you declined" rather than "the deadline passed"
        registration.cancelledBy = declined ? "ATTENDEE" : null;
        registration.offerExpiresAt = null;
        registration.updatedAt = now();
        if (childcareReserved) {
            registration.childcareStatus = ChildcareStatus.RELEASED;
        }
        return outbox.append(
                        EventTypes.OFFER_EXPIRED,
                        registration.sessionId,
                        RegistrationEvents.offerExpired(registration, declined))
                // the children's places reserved with the offer go back: childcare-booking releases on
                // RegistrationCancelled
                .call(() -> childcareReserved
                        ? outbox.append(
                                EventTypes.REGISTRATION_CANCELLED,
                                registration.sessionId,
                                ChildcareRequests.cancelledBySystem(registration, "OFFER_EXPIRED"))
                        : Uni.createFrom().voidItem())
                .call(() -> SeatLedger.release(registration.sessionId))
                .call(() -> SessionCopy.<SessionCopy>findById(registration.sessionId)
                        .flatMap(this::offerFreedSeats));
    }

    /**
     * While a seat is free and somebody waits, the first in line gets an offer that holds the seat. Called after a
     * cancellation, a declined or lapsed offer, a raised capacity, when somebody joins the waitlist, after a childcare
     * rejection, when childcare places are released and when a promotion's childcare is reserved. Somebody whose
     * children childcare could not take waits for childcare, not for a seat: she is passed over until childcare places
     * are released ({@link ChildcareSaga#childcareReleased}). While someone's childcare is being asked, nobody behind
     * her is offered anything: her answer continues the line.
     */
    public Uni<Void> offerFreedSeats(SessionCopy session) {
        if (!"PUBLISHED".equals(session.status) || !session.startsAt.isAfter(now())) {
            return Uni.createFrom().voidItem();
        }
        // One promotion asks childcare at a time, in line order (as the lottery's allocation does): two asked at once
        // could reach childcare-booking in either order, and number 2 would take the places number 1 needed. Under the
        // session's lock, so two transactions freeing seats at once cannot each ask someone (docs/adr/0039).
        return flush().flatMap(ignored -> SeatLedger.lockSession(session.id))
                .flatMap(locked -> Waitlist.promotionAskingChildcare(session.id))
                .flatMap(asking -> asking ? Uni.createFrom().<Void>voidItem() : offerToFirstInLine(session));
    }

    private Uni<Void> offerToFirstInLine(SessionCopy session) {
        return Waitlist.firstInLine(session.id)
                .flatMap(next -> next.isEmpty()
                        ? Uni.createFrom().voidItem()
                        : SeatLedger.take(session.id)
                                .flatMap(taken -> taken
                                        ? offer(next.get(0), session).call(() -> offerFreedSeats(session))
                                        : Uni.createFrom().voidItem()));
    }

    /** She needs childcare: the seat is held while childcare is asked; the offer stands once it is reserved. */
    private Uni<Void> offer(Registration registration, SessionCopy session) {
        return registration.needsChildcare()
                ? ChildcareRequests.ask(outbox, registration, ChildcarePurpose.WAITLIST_PROMOTION, now())
                        .replaceWithVoid()
                : offerHeldSeat(registration, session);
    }

    Uni<Void> offerHeldSeat(Registration registration, SessionCopy session) {
        registration.status = Status.OFFERED;
        registration.offerExpiresAt = now().plus(holdTime(session.startsAt));
        registration.updatedAt = now();
        return outbox.append(EventTypes.SEAT_OFFERED, session.id, RegistrationEvents.offered(registration));
    }

    /** Default 24 h, but at most half the time left before the start, so a declined seat can still pass on. */
    Duration holdTime(OffsetDateTime startsAt) {
        Duration half = Duration.between(now(), startsAt).dividedBy(2);
        return half.compareTo(config.waitlist().offerHold()) < 0
                ? half
                : config.waitlist().offerHold();
    }

    @WithSession
    public Uni<List<Registration>> mine(String attendeeId) {
        return Registration.list("attendeeId = ?1 order by createdAt desc", attendeeId);
    }

    /** The sessions of her registrations, by id, so her view can show each session's parts. */
    @WithSession
    public Uni<Map<UUID, SessionCopy>> sessionsOf(List<Registration> registrations) {
        List<UUID> ids = registrations.stream().map(r -> r.sessionId).distinct().toList();
        if (ids.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return SessionCopy.<SessionCopy>list("id in ?1", ids)
                .map(sessions ->
                        sessions.stream().collect(Collectors.toMap(session -> session.id, session -> session)));
    }

    /**
     * Her own confirmed booking, for its QR code: 404 for anybody else's (whether it exists is not hers to know), 409
     * {@code not-confirmed} while it has no booking code (waitlisted, offered, cancelled, waiting for childcare).
     */
    @WithSession
    public Uni<Registration> ownConfirmed(UUID registrationId, String attendeeId) {
        return Registration.<Registration>find("id = ?1 and attendeeId = ?2", registrationId, attendeeId)
                .firstResult()
                .onItem()
                .ifNull()
                .failWith(() -> Refusal.notFound("registration"))
                .invoke(registration -> {
                    if (registration.status != Status.CONFIRMED || registration.bookingCode == null) {
                        throw Refusal.conflict(
                                "not-confirmed",
                                "This registration has no booking code yet: "
                                        + "only a confirmed booking has one (and its QR code).");
                    }
                });
    }

    /** Her place among those still waiting (1 = next to get an offer). */
    public static Uni<Integer> position(Registration registration) {
        if (registration.status != Status.WAITLISTED || registration.waitlistNumber == null) {
            return Uni.createFrom().nullItem();
        }
        return Registration.count(
                        "sessionId = ?1 and status = ?2 and waitlistNumber <= ?3",
                        registration.sessionId,
                        Status.WAITLISTED,
                        registration.waitlistNumber)
                .map(Long::intValue);
    }

    Uni<Registration> confirm(Registration registration) {
        registration.status = Status.CONFIRMED;
        registration.bookingCode = DoorCodes.next();
        registration.updatedAt = now();
        Uni<Registration> saved =
                registration.isPersistent() ? Uni.createFrom().item(registration) : registration.persist();
        return saved.call(
                r -> outbox.append(EventTypes.REGISTRATION_CONFIRMED, r.sessionId, ChildcareRequests.confirmed(r)));
    }

    private Registration newRegistration(SessionCopy session, String attendeeId, String nickname) {
        OffsetDateTime now = now();
        Registration registration = new Registration();
        registration.id = UUID.randomUUID();
        registration.sessionId = session.id;
        registration.attendeeId = attendeeId;
        registration.nickname = nickname;
        registration.createdAt = now;
        registration.updatedAt = now;
        return registration;
    }

    private Uni<SessionCopy> openFirstComeSession(UUID sessionId) {
        return SessionCopy.<SessionCopy>findById(sessionId)
                .onItem()
                .ifNull()
                .failWith(() -> Refusal.notFound("session"))
                .flatMap(this::requireOpenFirstCome);
    }

    /** The session takes first-come bookings now, or the refusal that says why not. */
    private Uni<SessionCopy> requireOpenFirstCome(SessionCopy found) {
        return Uni.createFrom()
                .item(found)
                .invoke(session -> {
                    if (!"PUBLISHED".equals(session.status)) {
                        throw Refusal.conflict(
                                "session-not-open",
                                "This session is " + session.status.toLowerCase() + " and takes no bookings.");
                    }
                    // a lottery's leftover seats open after the draw, so after its deadline: only the start applies
                    ApplicationWindow.refusal(session, now(), !"LOTTERY".equals(session.allocation))
                            .ifPresent(refusal -> {
                                throw refusal;
                            });
                })
                // a lottery session opens its leftover seats first-come once the reserve list is exhausted
                .call(session -> LeftoverSeats.requireFirstCome(session, now()));
    }

    static Uni<Void> noActiveRegistration(UUID sessionId, String attendeeId) {
        return Registration.count("sessionId = ?1 and attendeeId = ?2 and status in ?3", sessionId, attendeeId, ACTIVE)
                .invoke(count -> {
                    if (count > 0) {
                        throw alreadyRegistered();
                    }
                })
                .replaceWithVoid();
    }

    private static Refusal alreadyRegistered() {
        return Refusal.conflict("already-registered", "You already have a booking for this session.");
    }

    /** 404 for somebody else's registration: whether it exists is not hers to know. */
    private static Uni<Registration> own(UUID registrationId, String attendeeId) {
        // locked: childcare's reply or the hold sweep may be changing the same registration right now
        return Registration.<Registration>find("id = ?1 and attendeeId = ?2", registrationId, attendeeId)
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .firstResult()
                .onItem()
                .ifNull()
                .failWith(() -> Refusal.notFound("registration"));
    }

    private static Uni<Void> flush() {
        return Panache.getSession().flatMap(s -> s.flush());
    }

    OffsetDateTime now() {
        return OffsetDateTime.now(clock);
    }
}
