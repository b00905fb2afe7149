package io.ibasho.registration.repository;

import io.ibasho.plumbing.sql.SessionConnection;
import io.smallrye.mutiny.Uni;

/** The lock on one person's Idempotency-Key, for the rest of the caller's transaction (an advisory lock). */
public final class IdempotencyLocks {
    private IdempotencyLocks() {}

    /** Takes the lock if nobody holds it; false at once, without waiting, while another request holds it. */
    public static Uni<Boolean> tryTake(String attendeeId, String key) {
        // the first statement of the request's transaction; past the ORM (docs/adr/0070), as a native select it stored
        // a new query plan at every keyed POST (ADR 0058)
        return SessionConnection.select(
                        "select pg_try_advisory_xact_lock(hashtextextended($1, 0))", attendeeId + "\n" + key)
                .map(rows -> (Boolean) rows.get(0)[0]);
    }
}
