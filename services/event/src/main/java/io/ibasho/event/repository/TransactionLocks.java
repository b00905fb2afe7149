package io.ibasho.event.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * A lock on a name for the rest of the caller's transaction (PostgreSQL's advisory transaction lock), for changes that
 * replace a set of rows no single row stands for: two at once take turns instead of colliding.
 */
public final class TransactionLocks {
    private TransactionLocks() {}

    /** Waits for, then holds until commit or rollback, the lock named {@code key}. */
    public static Uni<Void> take(String key) {
        return Panache.getSession()
                .flatMap(session -> session.createNativeQuery(
                                "select 1 from (select pg_advisory_xact_lock(hashtext(:key))) locked")
                        .setParameter("key", key)
                        .getSingleResult())
                .replaceWithVoid();
    }
}
