package io.ibasho.notification.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** When a requester asked for a verification code (table code_request), to limit how often she may. */
public final class CodeRequestLog {
    private CodeRequestLog() {}

    /** Her requests after {@code since}, oldest first. */
    public static Uni<List<OffsetDateTime>> since(String requester, OffsetDateTime since) {
        return Panache.getSession()
                .flatMap(session -> session.createNativeQuery("""
                        select requested_at from code_request where requester = :requester and requested_at > :since
                        order by requested_at""", OffsetDateTime.class)
                        .setParameter("requester", requester)
                        .setParameter("since", since)
                        .getResultList());
    }

    /** Records a request made {@code now}. */
    public static Uni<Void> record(String requester, OffsetDateTime now) {
        return Panache.getSession()
                .flatMap(session -> session.createNativeQuery(
                                "insert into code_request (id, requester, requested_at) values (:id, :requester, :now)")
                        .setParameter("id", UUID.randomUUID())
                        .setParameter("requester", requester)
                        .setParameter("now", now)
                        .executeUpdate())
                .replaceWithVoid();
    }
}
