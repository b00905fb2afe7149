package io.ibasho.registration.repository;

import io.ibasho.plumbing.outbox.Outbox;
import io.ibasho.plumbing.outbox.OutboxMessage;
import io.ibasho.plumbing.sql.SessionConnection;
import io.ibasho.registration.Registration;
import io.smallrye.mutiny.Uni;

/**
 * The first-come booking's rows in one statement (docs/adr/0047): the registration, its RegistrationConfirmed outbox
 * row and the NOTIFY that wakes the outbox relay on commit, instead of an ORM flush of two entities and a separate
 * NOTIFY (three round trips). Runs on the Hibernate Reactive session's own connection, so inside its transaction:
 * booking and event commit or roll back together (the outbox's guarantee). The partial unique index
 * {@code registration_one_active} stays the guard against a second active booking of one person: the row is then not
 * written, nor its event, and the caller refuses (409 already-registered), which rolls back the seat it took.
 */
public final class BookingRows {
    private BookingRows() {}

    private static final String INSERT = "with booking as ("
            + "insert into registration (id, session_id, attendee_id, nickname, status, created_at, updated_at, "
            + "booking_code, version) values ($1, $2, $3, $4, $5, $6, $7, $8, $9) "
            // the partial unique index registration_one_active (V6): she already holds an active registration
            + "on conflict (session_id, attendee_id) "
            + "where status in ('CONFIRMED', 'APPLIED', 'WAITLISTED', 'OFFERED', 'PENDING_CHILDCARE') do nothing "
            + "returning id), "
            + "message as (insert into outbox_message (id, topic, message_key, type, payload, created_at, traceparent) "
            + "select $10, $11, $12, $13, $14, $15, cast($16 as text) "
            + "from booking) "
            + "select cast(pg_notify($17, '') as text) from booking";

    /**
     * Writes a new confirmed booking (no children, no course) and its event, and wakes the relay on commit; nothing
     * (false) when she already holds an active registration of the session. On the session's connection past the ORM
     * (docs/adr/0070): as a Hibernate native select it stored a new query plan at every booking (ADR 0058); the seat
     * statement before it went the same way (SeatLedger), so nothing of the booking waits unwritten in the session.
     */
    public static Uni<Boolean> insertConfirmed(Registration registration, OutboxMessage message) {
        return SessionConnection.select(
                        INSERT,
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
                        Outbox.WAKE_UP_CHANNEL)
                .map(rows -> !rows.isEmpty());
    }
}
