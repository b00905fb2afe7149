package io.ibasho.registration.service;

import io.ibasho.contracts.EventTypes;
import io.ibasho.plumbing.refusal.Refusal;
import io.ibasho.registration.Registration;
import io.ibasho.registration.Registration.Status;
import io.ibasho.registration.SessionCopy;
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

/** The organiser's side at the door: the roster, attended / no-show, and drop-ins counted without identity. */
@ApplicationScoped
public class CheckInService {
    private final RegistrationOutbox outbox;
    private final Clock clock;

    public CheckInService(RegistrationOutbox outbox, Clock clock) {
        this.outbox = outbox;
        this.clock = clock;
    }

    public record Roster(SessionCopy session, int seatsTaken, int dropIns, List<Registration> registrations) {
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
                                .map(list ->
                                        new Roster(session, counters.confirmedSeats(), counters.dropIns(), list))));
    }

    /**
     * Attended or no-show, for a confirmed booking of a session that was not cancelled. A second check-in of the same
     * booking is refused ({@code already-checked-in}): a booking code shown twice at the door (shared, or a screenshot)
     * must be noticed, not recorded again; the first check-in's time stays.
     */
    @WithTransaction
    public Uni<Registration> recordAttendance(
            UUID sessionId, UUID registrationId, String organisationId, Registration.Attendance attendance) {
        return heldSession(sessionId, organisationId)
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

    /** Adds walk-ins to the session's count; nothing about who they are is asked or kept. */
    @WithTransaction
    public Uni<Integer> countDropIns(UUID sessionId, String organisationId, int count) {
        return heldSession(sessionId, organisationId)
                .flatMap(session -> SeatLedger.addDropIns(sessionId, count))
                .flatMap(added -> SeatLedger.counters(sessionId))
                .map(SeatLedger.Counters::dropIns);
    }

    /** The organiser's own session, refused ({@code session-cancelled}) when it was cancelled: nobody came to it. */
    private static Uni<SessionCopy> heldSession(UUID sessionId, String organisationId) {
        return OrganiserAccess.session(sessionId, organisationId).invoke(session -> {
            if ("CANCELLED".equals(session.status)) {
                throw Refusal.conflict(
                        "session-cancelled", "This session was cancelled; nothing is recorded at its door.");
            }
        });
    }
}
