package io.ibasho.notification.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import java.util.List;
import java.util.UUID;

/** Who registered for which session, and in which state (table registration_copy), kept from registration's events. */
public final class RegistrationCopies {
    private RegistrationCopies() {}

    /** The state kept before a {@link #keepAndRecall}, and how her session is allocated; either may be null. */
    public record Recalled(String previousState, String allocation) {}

    /**
     * Keeps the registration in the given state and answers, in the same statement, the state kept before and the
     * allocation of her session (from the session copy): one round trip where reading the copy, writing it and
     * reading the session took three (docs/benchmarks.md, round 12). The read sees the row as it was before the
     * write: a statement's parts all see one snapshot.
     */
    public static Uni<Recalled> keepAndRecall(UUID registrationId, UUID sessionId, String attendeeId, String state) {
        return Panache.getSession()
                .flatMap(session -> session.createNativeQuery("""
                with previous as (select status from registration_copy where registration_id = :registration),
                     kept as (insert into registration_copy (registration_id, session_id, attendee_id, status, updated_at)
                              values (:registration, :session, :attendee, :status, now())
                              on conflict (registration_id)
                              do update set status = excluded.status, updated_at = excluded.updated_at)
                select (select status from previous),
                       (select allocation from session_copy where id = :session)""", Object[].class)
                        .setParameter("registration", registrationId)
                        .setParameter("session", sessionId)
                        .setParameter("attendee", attendeeId)
                        .setParameter("status", state)
                        .getResultList())
                .map(RegistrationCopies::recalled);
    }

    private static Recalled recalled(List<Object[]> rows) {
        Object[] row = rows.get(0);
        return new Recalled((String) row[0], (String) row[1]);
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
