package io.ibasho.childcarebooking.repository;

import io.ibasho.childcarebooking.SessionOffer;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * The row locks on a session's childcare offer (table session_offer): reservations, releases and the retention purge
 * take the same lock, so nothing is reserved or released while another of them works on the session.
 */
public final class SessionOffers {
    private SessionOffers() {}

    /** Locks the session's offer, if there is one, for the caller's transaction. */
    public static Uni<Void> lock(UUID sessionId) {
        return Panache.getSession()
                .flatMap(session -> session.createNativeQuery(
                                "select session_id from session_offer where session_id = :id for update")
                        .setParameter("id", sessionId)
                        .getResultList())
                .replaceWithVoid();
    }

    /**
     * Up to {@code limit} offers of sessions that ended before {@code endedBefore} and have no totals kept yet,
     * earliest first, locked; a busy session is skipped and waits for the next run instead of blocking this one.
     */
    public static Uni<List<SessionOffer>> lockEndedWithoutTotals(OffsetDateTime endedBefore, int limit) {
        return Panache.getSession()
                .flatMap(session -> session.createNativeQuery(
                                "select * from session_offer"
                                        + " where coalesce(ends_at, starts_at) < :endedBefore and session_id not in"
                                        + " (select t.session_id from session_childcare_total t)"
                                        + " order by starts_at limit :limit for update skip locked",
                                SessionOffer.class)
                        .setParameter("endedBefore", endedBefore)
                        .setParameter("limit", limit)
                        .getResultList());
    }
}
