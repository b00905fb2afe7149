package io.ibasho.registration.service;

import io.ibasho.contracts.EventTypes;
import io.ibasho.plumbing.refusal.Refusal;
import io.ibasho.registration.Registration;
import io.ibasho.registration.Registration.Status;
import io.ibasho.registration.SessionCopy;
import io.ibasho.registration.door.DoorDay;
import io.ibasho.registration.mapping.RegistrationEvents;
import io.ibasho.registration.messaging.RegistrationOutbox;
import io.ibasho.registration.repository.RosterAudit;
import io.ibasho.registration.repository.SeatLedger;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * The organiser's side at the door: the roster, attended / no-show, and drop-ins counted without identity. Attendance
 * and drop-ins are taken only while the door is open ({@link DoorDay}: the session's day in Tokyo, by this service's
 * clock), whoever calls: the web app's door page says the same, but this is the rule.
 */
@ApplicationScoped
public class CheckInService {
    private final RegistrationOutbox outbox;
    private final Clock clock;

    public CheckInService(RegistrationOutbox outbox, Clock clock) {
        this.outbox = outbox;
        this.clock = clock;
    }

    /** {@code door}: whether attendance and drop-ins are taken now (the door page shows its forms only then). */
    public record Roster(
            SessionCopy session, int seatsTaken, int dropIns, List<Registration> registrations, DoorDay.State door) {
        public long confirmed() {
            return registrations.stream()
                    .filter(r -> r.status == Status.CONFIRMED)
                    .count();
        }

        /** Capacity was lowered below the confirmed bookings: nobody was removed, the organiser decides. */
        public boolean overCapacity() {
            return session.capacity != null && confirmed() > session.capacity;
        }
    }

    /**
     * The roster holds nicknames, so every read is audited (reader, session, when, why) in the same transaction: there
     * is no read without its record. Another organisation's session is 404 and leaves no record.
     */
    @WithTransaction
    public Uni<Roster> roster(UUID sessionId, String organisationId, String reader, String reason) {
        return OrganiserAccess.session(sessionId, organisationId)
                .call(session -> RosterAudit.record(
                        sessionId, session.organisationId, reader, reason, OffsetDateTime.now(clock)))
                .flatMap(session -> SeatLedger.counters(sessionId)
                        .flatMap(counters -> Registration.<Registration>list(
                                        "sessionId = ?1 and status in ?2 order by status, waitlistNumber nulls first, createdAt",
                                        sessionId,
                                        BookingService.ACTIVE)
                                .map(list -> new Roster(
                                        session,
                                        counters.confirmedSeats(),
                                        counters.dropIns(),
                                        list,
                                        doorOf(session)))));
    }

    /**
     * Attended or no-show, for a confirmed booking, while the session's door is open. A second check-in of the same
     * booking is refused ({@code already-checked-in}): a booking code shown twice at the door (shared, or a screenshot)
     * must be noticed, not recorded again; the first check-in's time stays.
     */
    @WithTransaction
    public Uni<Registration> recordAttendance(
            UUID sessionId, UUID registrationId, String organisationId, Registration.Attendance attendance) {
        return openDoor(sessionId, organisationId)
                // locked: a cancellation at the same moment must not be overwritten by a stale CONFIRMED
                .flatMap(session -> Registration.<Registration>find(
                                "id = ?1 and sessionId = ?2", registrationId, sessionId)
                        .withLock(LockModeType.PESSIMISTIC_WRITE)
                        .<Registration>firstResult())
                .onItem()
                .ifNull()
                .failWith(() -> Refusal.notFound("registration"))
                .flatMap(registration -> {
                    if (registration.status != Status.CONFIRMED) {
                        return Uni.createFrom()
                                .failure(Refusal.conflict(
                                        "not-confirmed", "Attendance is recorded for confirmed bookings only."));
                    }
                    if (attendance == Registration.Attendance.ATTENDED
                            && registration.attendance == Registration.Attendance.ATTENDED) {
                        return Uni.createFrom()
                                .failure(Refusal.conflict(
                                        "already-checked-in",
                                        "This booking was already checked in at " + registration.attendedAt + "."));
                    }
                    OffsetDateTime now = OffsetDateTime.now(clock);
                    registration.attendance = attendance;
                    registration.attendedAt = attendance == Registration.Attendance.ATTENDED ? now : null;
                    registration.updatedAt = now;
                    Uni<Void> survey = attendance == Registration.Attendance.ATTENDED
                            ? SurveyService.invite(registration, now)
                            : SurveyService.withdrawInvitation(registration);
                    return survey.flatMap(ignored -> outbox.append(
                                    EventTypes.ATTENDANCE_RECORDED,
                                    sessionId,
                                    RegistrationEvents.attendance(registration))
                            .replaceWith(registration));
                });
    }

    /** Adds walk-ins to the session's count while its door is open; nothing about who they are is asked or kept. */
    @WithTransaction
    public Uni<Integer> countDropIns(UUID sessionId, String organisationId, int count) {
        return openDoor(sessionId, organisationId)
                .flatMap(session -> SeatLedger.addDropIns(sessionId, count))
                .flatMap(added -> SeatLedger.counters(sessionId))
                .map(SeatLedger.Counters::dropIns);
    }

    /**
     * The organiser's own session while its door is open; refused with {@code session-cancelled} when it was cancelled
     * (nobody came to it) and with {@code not-door-day} before or after its day(s).
     */
    private Uni<SessionCopy> openDoor(UUID sessionId, String organisationId) {
        return OrganiserAccess.session(sessionId, organisationId).invoke(session -> {
            switch (doorOf(session)) {
                case OPEN -> {}
                case CANCELLED ->
                    throw Refusal.conflict(
                            "session-cancelled", "This session was cancelled; nothing is recorded at its door.");
                case NOT_THE_DAY ->
                    throw Refusal.conflict(
                            "not-door-day",
                            "Attendance and drop-ins are recorded on the session's day in Asia/Tokyo ("
                                    + (session.startsAt == null ? "unknown" : DoorDay.firstDay(session.startsAt))
                                    + "; from " + DoorDay.OPENS_BEFORE_START.toHours()
                                    + " hours before its start when that is the evening before), not now.");
            }
        });
    }

    private DoorDay.State doorOf(SessionCopy session) {
        return DoorDay.at("CANCELLED".equals(session.status), session.startsAt, session.endsAt, clock.instant());
    }

    /** The problem type a check-in or drop-in is refused with while the door is in this state; null while it is open. */
    public static String refusalOf(DoorDay.State door) {
        return switch (door) {
            case OPEN -> null;
            case CANCELLED -> "session-cancelled";
            case NOT_THE_DAY -> "not-door-day";
        };
    }
}
