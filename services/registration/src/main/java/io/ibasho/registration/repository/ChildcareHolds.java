package io.ibasho.registration.repository;

import io.ibasho.plumbing.sql.SessionConnection;
import io.ibasho.registration.Registration;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * Seats held while childcare answers (PENDING_CHILDCARE), and those waiting for childcare rather than a seat. Rows are
 * taken {@code FOR UPDATE SKIP LOCKED}, up to 50 at a time: with several replicas each hold is handled by exactly one.
 */
public final class ChildcareHolds {
    private ChildcareHolds() {}

    /**
     * Holds whose answer was "session unknown" (given with {@code unknownReason}) before the given time, locked. Both
     * polls here run every 30 s and are almost always empty: past the query machinery (ADR 0071).
     */
    public static Uni<List<Registration>> answeredUnknownSession(String unknownReason, OffsetDateTime answeredBefore) {
        return SessionConnection.selectEntities(
                Registration.class,
                "select id from registration where status = 'PENDING_CHILDCARE' and childcare_status = 'PENDING' "
                        + "and childcare_reject_reason = $1 and updated_at <= $2 "
                        + "order by updated_at limit 50 for update skip locked",
                unknownReason,
                answeredBefore);
    }

    /** Holds asked before the given time and never answered, locked, the oldest first. */
    public static Uni<List<Registration>> unansweredSince(OffsetDateTime askedBefore) {
        return SessionConnection.selectEntities(
                Registration.class,
                "select id from registration where status = 'PENDING_CHILDCARE' and childcare_requested_at <= $1 "
                        + "order by childcare_requested_at limit 50 for update skip locked",
                askedBefore);
    }

    /** Whoever waits on the session's waitlist for childcare is in line again at her own place. */
    public static Uni<Integer> backInLine(UUID sessionId) {
        return Panache.getSession()
                .flatMap(s -> s.createNativeQuery(
                                "update registration set childcare_status = null, childcare_reject_reason = null, version = version + 1 "
                                        + "where session_id = :id and status = 'WAITLISTED' and childcare_status = 'REJECTED'")
                        .setParameter("id", sessionId)
                        .executeUpdate());
    }

    /**
     * Registrations of the session whose reserved children's places registration let go (her cancellation, an offer
     * that lapsed or was declined) since the given time, the latest first, at most 50: the releases a new childcare
     * request of the session names, so it is not refused before they reach childcare-booking (docs/adr/0039).
     */
    public static Uni<List<String>> releasedSince(UUID sessionId, OffsetDateTime since) {
        return Panache.getSession()
                .flatMap(s -> s.createNativeQuery(
                                "select cast(id as text) from registration where session_id = :id and childcare_status = 'RELEASED' "
                                        + "and updated_at >= :since order by updated_at desc limit 50",
                                String.class)
                        .setParameter("id", sessionId)
                        .setParameter("since", since)
                        .getResultList());
    }
}
