package io.ibasho.notification.repository;

import io.ibasho.plumbing.sql.SessionConnection;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import java.util.List;
import java.util.UUID;

/** Who registered for which session, and in which state (table registration_copy), kept from registration's events. */
public final class RegistrationCopies {
    private RegistrationCopies() {}

    /**
     * Whether this was the event's first delivery, the state kept before a {@link #keepAndRecallOnce} and how her
     * session is allocated; either of the last two may be null.
     */
    public record Recalled(boolean firstDelivery, String previousState, String allocation) {}

    /**
     * On the event's first delivery only: records the event id (table processed_message, as ProcessedMessage.once
     * does), keeps the registration in the given state and answers, in the same statement, the state kept before and
     * the allocation of her session (from the session copy). One round trip where recording the id, reading the copy,
     * writing it and reading the session took four (docs/benchmarks.md, rounds 12 and 14). A redelivered event (its id
     * recorded) keeps nothing: the copy's insert selects from the id's. The reads see the rows as they were before the
     * writes: a statement's parts all see one snapshot. In the caller's transaction.
     */
    public static Uni<Recalled> keepAndRecallOnce(
            String eventId, String consumer, UUID registrationId, UUID sessionId, String attendeeId, String state) {
        // Past the ORM (docs/adr/0070): every booking runs it, and as a native query it built a plan, resolved a
        // result mapping and auto-flushed each time (ADR 0058). Nothing unwritten in the session precedes it: the
        // consumer's transaction starts with it.
        return SessionConnection.select("""
                with first_delivery as (insert into processed_message (event_id, consumer, processed_at)
                                        values ($1, $2, now()) on conflict do nothing returning event_id),
                     previous as (select status from registration_copy where registration_id = $3),
                     kept as (insert into registration_copy (registration_id, session_id, attendee_id, status, updated_at)
                              select cast($3 as uuid), cast($4 as uuid), cast($5 as text), cast($6 as text), now()
                              from first_delivery
                              on conflict (registration_id)
                              do update set status = excluded.status, updated_at = excluded.updated_at)
                select (select count(*) from first_delivery),
                       (select status from previous),
                       (select allocation from session_copy where id = $4)""", eventId, consumer, registrationId, sessionId, attendeeId, state)
                .map(RegistrationCopies::recalled);
    }

    private static Recalled recalled(List<Object[]> rows) {
        Object[] row = rows.get(0);
        return new Recalled(((Number) row[0]).intValue() > 0, (String) row[1], (String) row[2]);
    }

    /** Keeps the registration only if none is kept yet: an older state never replaces a newer one. */
    public static Uni<Void> keepIfUnknown(UUID registrationId, UUID sessionId, String attendeeId, String state) {
        return Panache.getSession()
                .flatMap(session -> session.createNativeQuery(
                                "insert into registration_copy (registration_id, session_id, attendee_id, status, updated_at)"
                                        + " values (:registration, :session, :attendee, :status, now())"
                                        + " on conflict (registration_id) do nothing")
                        .setParameter("registration", registrationId)
                        .setParameter("session", sessionId)
                        .setParameter("attendee", attendeeId)
                        .setParameter("status", state)
                        .executeUpdate())
                .replaceWithVoid();
    }
}
