package io.ibasho.notification.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import java.util.UUID;

/** Who registered for which session, and in which state (table registration_copy), kept from registration's events. */
public final class RegistrationCopies {
    private RegistrationCopies() {}

    /** Keeps the registration in the given state, replacing the state kept so far. */
    public static Uni<Void> keep(UUID registrationId, UUID sessionId, String attendeeId, String state) {
        return upsert(registrationId, sessionId, attendeeId, state, true);
    }

    /** Keeps the registration only if none is kept yet: an older state never replaces a newer one. */
    public static Uni<Void> keepIfUnknown(UUID registrationId, UUID sessionId, String attendeeId, String state) {
        return upsert(registrationId, sessionId, attendeeId, state, false);
    }

    private static Uni<Void> upsert(
            UUID registrationId, UUID sessionId, String attendeeId, String state, boolean replace) {
        return Panache.getSession()
                .flatMap(session -> session.createNativeQuery(
                                "insert into registration_copy (registration_id, session_id, attendee_id, status, updated_at)"
                                        + " values (:registration, :session, :attendee, :status, now())"
                                        + " on conflict (registration_id) do "
                                        + (replace
                                                ? "update set status = excluded.status, updated_at = excluded.updated_at"
                                                : "nothing"))
                        .setParameter("registration", registrationId)
                        .setParameter("session", sessionId)
                        .setParameter("attendee", attendeeId)
                        .setParameter("status", state)
                        .executeUpdate())
                .replaceWithVoid();
    }
}
