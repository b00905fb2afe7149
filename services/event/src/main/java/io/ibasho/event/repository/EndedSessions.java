package io.ibasho.event.repository;

import io.ibasho.event.Session;
import io.ibasho.event.Session.SessionStatus;
import io.quarkus.hibernate.reactive.panache.Panache;
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
        return Panache.getSession()
                .flatMap(db -> db.createNativeQuery(
                                "select * from session where status = :published and ends_at < :now"
                                        + " order by ends_at limit :limit for update skip locked",
                                Session.class)
                        .setParameter("published", SessionStatus.PUBLISHED.name())
                        .setParameter("now", now)
                        .setParameter("limit", limit)
                        .getResultList());
    }
}
