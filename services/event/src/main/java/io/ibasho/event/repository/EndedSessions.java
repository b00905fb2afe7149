package io.ibasho.event.repository;

import io.ibasho.event.Session;
import io.ibasho.event.Session.SessionStatus;
import io.ibasho.plumbing.sql.SessionConnection;
import io.smallrye.mutiny.Uni;
import java.time.OffsetDateTime;
import java.util.List;

/** Published sessions whose end has passed, waiting to be completed. */
public final class EndedSessions {
    private EndedSessions() {}

    /**
     * Up to {@code limit} published sessions that ended before {@code now}, earliest end first, locked for the caller's
     * transaction; rows another replica holds are skipped, so replicas complete side by side.
     */
    public static Uni<List<Session>> lockBatch(OffsetDateTime now, int limit) {
        // a poll, nearly always empty: past the query machinery, where each run stored a plan (ADR 0071)
        return SessionConnection.selectEntities(
                Session.class,
                "select id from session where status = $1 and ends_at < $2 order by ends_at limit $3 "
                        + "for update skip locked",
                SessionStatus.PUBLISHED.name(),
                now,
                limit);
    }
}
