package io.ibasho.plumbing.inbox;

import io.ibasho.plumbing.sql.SessionConnection;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * The end (EventCancelled, EventCompleted) of a session a consumer had no copy of yet: another relay may still be
 * publishing the session's older EventPublished or EventChanged (issue #14, docs/adr/0031), which must not then make the
 * session look open. Only the session id, how it ended and its sequence are kept, in each consuming service's own
 * {@code session_tombstone} table (made by its own Flyway migration). Runs in the caller's transaction.
 */
public final class SessionTombstone {
    /** How long a tombstone is kept: well past Kafka's retention (7 days) and a dead letter's replay, as handled ids. */
    public static final Duration KEPT = ProcessedMessage.REMEMBERED;

    private SessionTombstone() {}

    /** Remembers that the session ended ({@code status} CANCELLED or COMPLETED) at {@code sequence}; idempotent. */
    public static Uni<Void> remember(UUID sessionId, String status, int sequence) {
        // a cancellation is final and outranks a completion read in any order
        return Panache.getSession()
                .flatMap(session -> session.createNativeQuery("""
                                insert into session_tombstone (session_id, status, sequence, recorded_at)
                                values (:id, :status, :sequence, now())
                                on conflict (session_id) do update set
                                  sequence = greatest(session_tombstone.sequence, excluded.sequence),
                                  status = case when session_tombstone.status = 'CANCELLED' then 'CANCELLED'
                                                else excluded.status end""")
                        .setParameter("id", sessionId)
                        .setParameter("status", status)
                        .setParameter("sequence", sequence)
                        .executeUpdate())
                .replaceWithVoid();
    }

    /** How a session ended and at which of its sequence numbers. */
    public record Ended(String status, int sequence) {}

    /**
     * @return how the session ended if a tombstone outranks an event with {@code sequence} (lower or equal), else
     *     null
     */
    public static Uni<Ended> endedAtOrAfter(UUID sessionId, int sequence) {
        // past the query machinery: a native select stored a plan per call (ADR 0071); no entity maps this table
        return SessionConnection.select(
                        "select status, sequence from session_tombstone where session_id = $1 and sequence >= $2",
                        sessionId,
                        sequence)
                .map(rows -> rows.isEmpty()
                        ? null
                        : new Ended((String) rows.get(0)[0], ((Number) rows.get(0)[1]).intValue()));
    }

    /** Forgets the tombstones recorded before {@code before} (the retention jobs pass now minus {@link #KEPT}). */
    public static Uni<Integer> forgetBefore(OffsetDateTime before) {
        return Panache.getSession()
                .flatMap(session -> session.createNativeQuery(
                                "delete from session_tombstone where recorded_at < :before")
                        .setParameter("before", before)
                        .executeUpdate());
    }
}
