package io.ibasho.registration.repository;

import io.ibasho.plumbing.outbox.Outbox;
import io.ibasho.plumbing.outbox.OutboxMessage;
import io.ibasho.registration.Registration;
import io.quarkus.hibernate.reactive.panache.Panache;
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
            + "booking_code, version) values (:id, :session, :attendee, :nickname, :status, :created, :updated, :code, "
            + ":version) "
            // the partial unique index registration_one_active (V6): she already holds an active registration
            + "on conflict (session_id, attendee_id) "
            + "where status in ('CONFIRMED', 'APPLIED', 'WAITLISTED', 'OFFERED', 'PENDING_CHILDCARE') do nothing "
            + "returning id), "
            + "message as (insert into outbox_message (id, topic, message_key, type, payload, created_at, traceparent) "
            + "select :message, :topic, :key, :type, :payload, :messageCreated, cast(:traceparent as text) "
            + "from booking) "
            + "select cast(pg_notify(:channel, '') as text) from booking";

    /**
     * Writes a new confirmed booking (no children, no course) and its event, and wakes the relay on commit; nothing
     * (false) when she already holds an active registration of the session.
     */
    public static Uni<Boolean> insertConfirmed(Registration registration, OutboxMessage message) {
        return Panache.getSession()
                .flatMap(s -> s.createNativeQuery(INSERT)
                        .setParameter("id", registration.id)
                        .setParameter("session", registration.sessionId)
                        .setParameter("attendee", registration.attendeeId)
                        .setParameter("nickname", registration.nickname)
                        .setParameter("status", registration.status.name())
                        .setParameter("created", registration.createdAt)
                        .setParameter("updated", registration.updatedAt)
                        .setParameter("code", registration.bookingCode)
                        .setParameter("version", registration.version)
                        .setParameter("message", message.id)
                        .setParameter("topic", message.topic)
                        .setParameter("key", message.messageKey)
                        .setParameter("type", message.type)
                        .setParameter("payload", message.payload)
                        .setParameter("messageCreated", message.createdAt)
                        .setParameter("traceparent", message.traceparent)
                        .setParameter("channel", Outbox.WAKE_UP_CHANNEL)
                        .getResultList())
                .map(rows -> !rows.isEmpty());
    }
}
