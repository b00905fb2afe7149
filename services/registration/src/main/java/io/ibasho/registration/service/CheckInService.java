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

    @WithTransaction
    public Uni<Registration> recordAttendance(
            UUID sessionId, UUID registrationId, String organisationId, Registration.Attendance attendance) {
        return OrganiserAccess.session(sessionId, organisationId)
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
                    registration.attendance = attendance;
                    registration.updatedAt = OffsetDateTime.now(clock);
                    Uni<Void> survey = attendance == Registration.Attendance.ATTENDED
                            ? SurveyService.invite(registration, OffsetDateTime.now(clock))
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
        return OrganiserAccess.session(sessionId, organisationId)
                .flatMap(session -> SeatLedger.addDropIns(sessionId, count))
                .flatMap(added -> SeatLedger.counters(sessionId))
                .map(SeatLedger.Counters::dropIns);
    }
}
