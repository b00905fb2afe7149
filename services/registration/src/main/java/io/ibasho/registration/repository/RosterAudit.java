package io.ibasho.registration.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import java.time.OffsetDateTime;
import java.util.UUID;

/** The record of every roster read (who read which session's nicknames, when and why), kept in the read's transaction. */
public final class RosterAudit {
    private RosterAudit() {}

    public static Uni<Void> record(
            UUID sessionId, String organisationId, String reader, String reason, OffsetDateTime at) {
        return Panache.getSession()
                .flatMap(s -> s.createNativeQuery(
                                "insert into roster_audit (id, session_id, organisation_id, reader, reason, read_at) "
                                        + "values (:id, :session, :org, :reader, :reason, :at)")
                        .setParameter("id", UUID.randomUUID())
                        .setParameter("session", sessionId)
                        .setParameter("org", organisationId)
                        .setParameter("reader", reader)
                        .setParameter("reason", reason)
                        .setParameter("at", at)
                        .executeUpdate())
                .replaceWithVoid();
    }
}
