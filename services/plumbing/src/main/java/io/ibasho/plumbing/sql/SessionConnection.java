package io.ibasho.plumbing.sql;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import java.util.ArrayList;
import java.util.List;
import org.hibernate.reactive.mutiny.Mutiny;
import org.hibernate.reactive.mutiny.impl.MutinySessionImpl;
import org.hibernate.reactive.pool.ReactiveConnection;

/**
 * A select on the connection of the current Hibernate Reactive session, so inside its transaction, without Hibernate's
 * query machinery (docs/adr/0069): for a hot statement whose cost is that machinery. Hibernate Reactive 3.2 never finds
 * a native select's plan again in its plan cache (its result-set mapping has no equals: ADR 0058), so each call builds
 * the plan and walks the dead ones of the same SQL first; the rows come back hydrated as managed entities. Here the
 * statement goes to PostgreSQL as it is written ({@code $1}, {@code $2} … for the parameters) and each row is the
 * columns' values as the PostgreSQL client reads them ({@code uuid} a UUID, {@code timestamptz} an OffsetDateTime,
 * {@code integer} an Integer, {@code bigint} a Long, {@code text} a String, SQL null a null).
 * <p>
 * The rows of {@link #select} are not in the ORM session, so the caller maps them itself and never writes them back
 * through it; {@link #selectEntities} loads managed entities by the ids it selects. Every method here is only for
 * statements that need nothing the session holds unwritten: Hibernate flushes its pending changes before a native
 * query of its own, these do not.
 */
public final class SessionConnection {
    private SessionConnection() {}

    public static Uni<List<Object[]>> select(String sql, Object... parameters) {
        return Panache.getSession()
                .flatMap(session -> Uni.createFrom()
                        .completionStage(() -> connectionOf(session).select(sql, parameters)))
                .map(result -> {
                    List<Object[]> rows = new ArrayList<>(result.size());
                    result.forEachRemaining(rows::add);
                    return rows;
                });
    }

    /**
     * The entities whose ids a select on the same connection returns, in its order, loaded by id as managed entities:
     * for a poll that locks rows ({@code select id … for update skip locked}) and then changes them through the ORM.
     * The select goes past the query machinery as {@link #select} does, and loading by id uses the entity's own loader,
     * so neither stores a query plan (a native select returning entities stored one per call: ADR 0058, 0071).
     */
    public static <T> Uni<List<T>> selectEntities(Class<T> type, String idSql, Object... parameters) {
        return select(idSql, parameters).flatMap(rows -> {
            if (rows.isEmpty()) {
                return Uni.createFrom().item(List.<T>of());
            }
            Object[] ids = rows.stream().map(row -> row[0]).toArray();
            return Panache.getSession().flatMap(session -> session.find(type, ids));
        });
    }

    /**
     * An insert, update or delete on the same connection, past the ORM as {@link #select} is: the rows it changed.
     * Hibernate flushes the session before a native statement of its own; this does not, so only for a statement that
     * needs nothing the session holds unwritten.
     */
    public static Uni<Integer> update(String sql, Object... parameters) {
        return Panache.getSession()
                .flatMap(session -> Uni.createFrom()
                        .completionStage(() -> connectionOf(session).update(sql, parameters)));
    }

    private static ReactiveConnection connectionOf(Mutiny.Session session) {
        // Mutiny.Session does not expose its connection; its only implementation does (Hibernate Reactive 3.2)
        if (session instanceof MutinySessionImpl impl) {
            return impl.getReactiveConnection();
        }
        throw new IllegalStateException(
                "the Hibernate Reactive session is a " + session.getClass().getName() + ", not MutinySessionImpl");
    }
}
