package io.ibasho.registration.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** The lock on one person's Idempotency-Key, for the rest of the caller's transaction (an advisory lock). */
public final class IdempotencyLocks {
    private IdempotencyLocks() {}

    /** Takes the lock if nobody holds it; false at once, without waiting, while another request holds it. */
    public static Uni<Boolean> tryTake(String attendeeId, String key) {
        return Panache.getSession()
                .flatMap(session -> session.createNativeQuery(
                                "select pg_try_advisory_xact_lock(hashtextextended(:lock, 0))", Boolean.class)
                        .setParameter("lock", attendeeId + "\n" + key)
                        .getSingleResult());
    }
}
