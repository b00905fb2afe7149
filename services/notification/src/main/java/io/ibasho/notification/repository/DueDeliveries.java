package io.ibasho.notification.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;

/**
 * The claim step every sender shares (e-mail, LINE, webhooks): the rows of one delivery table that are due, locked so
 * that another instance's sender skips them. Call inside a transaction.
 */
public final class DueDeliveries {
    private static final Set<String> TABLES = Set.of("email_delivery", "line_delivery", "webhook_delivery");

    private DueDeliveries() {}

    /**
     * Up to {@code limit} pending rows whose next attempt is due at {@code now} (the service's clock, which also set
     * the attempt times), the longest waiting first.
     */
    public static <D extends PanacheEntityBase> Uni<List<D>> claim(
            String table, Class<D> type, int limit, OffsetDateTime now) {
        if (!TABLES.contains(table)) {
            throw new IllegalArgumentException("not a delivery table: " + table);
        }
        return Panache.getSession()
                .flatMap(session -> session.createNativeQuery(
                                "select * from " + table + " where status = 'PENDING' and next_attempt_at <= :now "
                                        + "order by next_attempt_at limit :limit for update skip locked",
                                type)
                        .setParameter("now", now)
                        .setParameter("limit", limit)
                        .getResultList());
    }
}
