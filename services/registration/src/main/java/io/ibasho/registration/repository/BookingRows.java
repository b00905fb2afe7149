package io.ibasho.registration.repository;

import io.ibasho.plumbing.outbox.Outbox;
import io.ibasho.plumbing.outbox.OutboxMessage;
import io.ibasho.plumbing.sql.SessionConnection;
import io.ibasho.plumbing.sql.UniqueViolations;
import io.ibasho.plumbing.time.CommitWakeUp;
import io.ibasho.registration.Registration;
import io.ibasho.registration.SessionCopy;
import io.smallrye.mutiny.Uni;
import java.util.Arrays;

/**
 * The first-come booking's rows in one statement (docs/adr/0047): the registration, its RegistrationConfirmed outbox
 * row and the NOTIFY that wakes the outbox relay on commit (or, inside {@code CommitWakeUp.collecting}, the relay's
 * wake-up collected for when the request has ended: ADR 0090), instead of an ORM flush of two entities and a separate
 * NOTIFY (three round trips). Runs on the Hibernate Reactive session's own connection, so inside its transaction:
 * booking and event commit or roll back together (the outbox's guarantee). The partial unique index
 * {@code registration_one_active} stays the guard against a second active booking of one person: the row is then not
 * written, nor its event, and the caller refuses (409 already-registered), which rolls back the seat it took.
 */
public final class BookingRows {
    private BookingRows() {}

    private static final String REGISTRATION_COLUMNS =
            "insert into registration (id, session_id, attendee_id, nickname, status, created_at, updated_at, "
                    + "booking_code, version) ";

    // the partial unique index registration_one_active (V6): she already holds an active registration
    private static final String UNLESS_SHE_HOLDS_ONE = "on conflict (session_id, attendee_id) "
            + "where status in ('CONFIRMED', 'APPLIED', 'WAITLISTED', 'OFFERED', 'PENDING_CHILDCARE') do nothing "
            + "returning id), ";

    private static final String ITS_EVENT =
            "message as (insert into outbox_message (id, topic, message_key, type, payload, created_at, traceparent) "
                    + "select $10, $11, $12, $13, $14, $15, cast($16 as text) "
                    + "from booking) ";

    // the relay's NOTIFY, unless its wake-up is collected ($17 null: CommitWakeUp.inStatement, ADR 0090)
    private static final String WAKE_UP =
            "case when cast($17 as text) is not null then cast(pg_notify($17, '') as text) else '' end";

    private static final String INSERT = "with booking as ("
            + REGISTRATION_COLUMNS
            + "values ($1, $2, $3, $4, $5, $6, $7, $8, $9) "
            + UNLESS_SHE_HOLDS_ONE
            + ITS_EVENT
            + "select " + WAKE_UP + " from booking";

    /**
     * The seat, the booking, its event and the relay's wake-up in one statement (ADR 0088): the seat is taken by the
     * guarded UPDATE of ADR 0047 with two more conditions, that the session is still published and that its row is
     * the one the booking was built from (its sequence and updated_at: every change of the copy moves them; a seat
     * taken or given back moves neither). The statement is whole on its own (ADR 0089): a seat taken for her second
     * active registration aborts it ({@code refuse_already_registered}, V30), so it can run without a transaction and
     * commit as it ends, holding the row lock for itself only, or inside the caller's.
     */
    private static final String SEAT_AND_INSERT = "with seat as ("
            + "update session_copy set confirmed_seats = confirmed_seats + 1 "
            + "where id = $2 and allocation = 'FIRST_COME' and status = 'PUBLISHED' "
            + "and (capacity is null or confirmed_seats < capacity) and sequence = $18 and updated_at = $19 "
            + "returning id), "
            + "booking as ("
            + REGISTRATION_COLUMNS
            + "select $1, $2, $3, $4, $5, $6, $7, $8, $9 from seat "
            + UNLESS_SHE_HOLDS_ONE
            + ITS_EVENT
            + "select exists (select 1 from seat), (select " + WAKE_UP + " from booking), "
            + "(select refuse_already_registered() "
            + "where exists (select 1 from seat) and not exists (select 1 from booking))";

    /** What {@link #takeSeatAndInsertConfirmed} did. */
    public enum SeatAndBooking {
        /** Seat, booking and event written. */
        BOOKED,
        /** She already holds an active registration of the session: the statement was aborted, nothing written. */
        ALREADY_REGISTERED,
        /** Nothing written: no free seat any more, or the session changed since it was read. */
        NOT_TAKEN
    }

    /**
     * Writes a new confirmed booking (no children, no course) and its event, and wakes the relay on commit; nothing
     * (false) when she already holds an active registration of the session. On the session's connection past the ORM
     * (docs/adr/0070): as a Hibernate native select it stored a new query plan at every booking (ADR 0058); the seat
     * statement before it went the same way (SeatLedger), so nothing of the booking waits unwritten in the session.
     */
    public static Uni<Boolean> insertConfirmed(Registration registration, OutboxMessage message) {
        CommitWakeUp.InStatement wakeUp = CommitWakeUp.inStatement(Outbox.WAKE_UP_CHANNEL);
        return SessionConnection.select(INSERT, parameters(registration, message, wakeUp))
                .map(rows -> !rows.isEmpty())
                .invoke(wakeUp::ifGaveWork);
    }

    /**
     * Takes a seat of the session as it was read ({@code asRead}: its sequence and updated_at) and writes the new
     * confirmed booking (no children, no course) and its event, waking the relay on commit, all in one statement: on
     * the session's connection, in its transaction if it has one, and otherwise committed as the statement ends.
     */
    public static Uni<SeatAndBooking> takeSeatAndInsertConfirmed(
            Registration registration, OutboxMessage message, SessionCopy asRead) {
        CommitWakeUp.InStatement wakeUp = CommitWakeUp.inStatement(Outbox.WAKE_UP_CHANNEL);
        return SessionConnection.select(
                        SEAT_AND_INSERT, parameters(registration, message, wakeUp, asRead.sequence, asRead.updatedAt))
                .map(rows -> Boolean.TRUE.equals(rows.get(0)[0]) ? SeatAndBooking.BOOKED : SeatAndBooking.NOT_TAKEN)
                .invoke(taken -> wakeUp.ifGaveWork(taken == SeatAndBooking.BOOKED))
                .onFailure(BookingRows::oneActiveRefused)
                .recoverWithItem(SeatAndBooking.ALREADY_REGISTERED);
    }

    /** The statement aborted by registration_one_active: her second active registration of the session. */
    static boolean oneActiveRefused(Throwable failure) {
        // the index's own error names it; refuse_already_registered's (V30) says so in its message, which is all of it
        // that Hibernate Reactive's conversion keeps
        return UniqueViolations.in(failure, "registration_one_active") || UniqueViolations.in(failure, REFUSED);
    }

    /** The message of {@code refuse_already_registered()} (V30). */
    private static final String REFUSED = "an active registration of this person exists for this session";

    /** $1-$17 of both statements (the registration's columns, the outbox row's, the relay's channel), then more. */
    private static Object[] parameters(
            Registration registration, OutboxMessage message, CommitWakeUp.InStatement wakeUp, Object... more) {
        Object[] shared = {
            registration.id,
            registration.sessionId,
            registration.attendeeId,
            registration.nickname,
            registration.status.name(),
            registration.createdAt,
            registration.updatedAt,
            registration.bookingCode,
            registration.version,
            message.id,
            message.topic,
            message.messageKey,
            message.type,
            message.payload,
            message.createdAt,
            message.traceparent,
            wakeUp.parameter()
        };
        Object[] parameters = Arrays.copyOf(shared, shared.length + more.length);
        System.arraycopy(more, 0, parameters, shared.length, more.length);
        return parameters;
    }
}
