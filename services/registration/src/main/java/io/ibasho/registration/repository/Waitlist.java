package io.ibasho.registration.repository;

import io.ibasho.plumbing.sql.SessionConnection;
import io.ibasho.registration.Registration;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * The waitlist: positions drawn from one database sequence (so the order is the order of joining, across replicas),
 * the first in line for a freed seat, and the offers that lapsed. Rows are taken {@code FOR UPDATE SKIP LOCKED}: with
 * several replicas each is handled by exactly one of them, and one being changed right now is left alone.
 */
public final class Waitlist {
    private Waitlist() {}

    /** The next waitlist (and reserve list) position. */
    public static Uni<Long> nextNumber() {
        return Panache.getSession()
                .flatMap(s -> s.createNativeQuery("select nextval('waitlist_order')", Long.class)
                        .getSingleResult());
    }

    /**
     * The first one waiting for a seat of the session, locked; empty when nobody waits. Somebody whose children
     * childcare could not take waits for childcare, not for a seat: she is passed over.
     */
    public static Uni<List<Registration>> firstInLine(UUID sessionId) {
        return Panache.getSession()
                .flatMap(s -> s.createNativeQuery(
                                "select * from registration where session_id = :id and status = 'WAITLISTED' "
                                        + "and (childcare_status is null or childcare_status <> 'REJECTED') "
                                        + "order by waitlist_number limit 1 for update skip locked",
                                Registration.class)
                        .setParameter("id", sessionId)
                        .getResultList());
    }

    /**
     * Whether someone of the session's waitlist holds a seat while childcare is asked for her: the next one in line
     * waits for that answer, so two promotions never compete for the same children's places (docs/adr/0039).
     */
    public static Uni<Boolean> promotionAskingChildcare(UUID sessionId) {
        return Panache.getSession()
                .flatMap(s -> s.createNativeQuery(
                                "select count(*) from registration where session_id = :id and status = 'PENDING_CHILDCARE' "
                                        + "and waitlist_number is not null",
                                Long.class)
                        .setParameter("id", sessionId)
                        .getSingleResult()
                        .map(count -> count > 0));
    }

    /**
     * Up to 50 offers whose deadline has passed, locked, the oldest first. Polled (every 30 s, every second in tests)
     * and almost always empty: it goes past the query machinery, where each call stored a plan (ADR 0071).
     */
    public static Uni<List<Registration>> lapsedOffers(OffsetDateTime now) {
        return SessionConnection.selectEntities(
                Registration.class,
                "select id from registration where status = 'OFFERED' and offer_expires_at <= $1 "
                        + "order by offer_expires_at limit 50 for update skip locked",
                now);
    }
}
