package io.ibasho.notification.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** Who of the consultation staff did what with which request to talk, and when (table talk_request_audit). */
public final class TalkRequestAudit {
    private TalkRequestAudit() {}

    /** One row per request, one after another (one reactive session never runs two statements at once). */
    public static Uni<Void> record(
            List<UUID> requestIds, String organisationId, String actor, String action, OffsetDateTime at) {
        return Panache.getSession()
                .flatMap(session -> {
                    Uni<Integer> chain = Uni.createFrom().item(0);
                    for (UUID requestId : requestIds) {
                        chain = chain.flatMap(ignored -> session.createNativeQuery(
                                        "insert into talk_request_audit (id, request_id, organisation_id, actor, action, at) "
                                                + "values (:id, :request, :org, :actor, :action, :at)")
                                .setParameter("id", UUID.randomUUID())
                                .setParameter("request", requestId)
                                .setParameter("org", organisationId)
                                .setParameter("actor", actor)
                                .setParameter("action", action)
                                .setParameter("at", at)
                                .executeUpdate());
                    }
                    return chain;
                })
                .replaceWithVoid();
    }
}
