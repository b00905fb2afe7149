package io.ibasho.notification.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import java.time.OffsetDateTime;

/** Which account a LINE user is linked to (table line_link): one LINE account reaches one person. */
public final class LineLinks {
    private LineLinks() {}

    /** Unlinks the LINE user from every account but {@code recipientId}. */
    public static Uni<Integer> takeFromOthers(String lineUserId, String recipientId) {
        return Panache.getSession()
                .flatMap(session -> session.createNativeQuery(
                                "delete from line_link where line_user_id = :line and recipient_id <> :who")
                        .setParameter("line", lineUserId)
                        .setParameter("who", recipientId)
                        .executeUpdate());
    }

    /** Unlinks the LINE user from the accounts it was linked to at or before {@code at}. */
    public static Uni<Integer> unlinkLinkedBy(String lineUserId, OffsetDateTime at) {
        return Panache.getSession()
                .flatMap(session -> session.createNativeQuery(
                                "delete from line_link where line_user_id = :line and linked_at <= :at")
                        .setParameter("line", lineUserId)
                        .setParameter("at", at)
                        .executeUpdate());
    }
}
