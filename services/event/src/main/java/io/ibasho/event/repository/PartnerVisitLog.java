package io.ibasho.event.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import java.time.OffsetDateTime;

/** The first visit of a partner account to her schedule (table partner_visit). */
public final class PartnerVisitLog {
    private PartnerVisitLog() {}

    /**
     * Records her first visit, starting {@code now}; false when she has visited before (two tabs opened at once must
     * not both insert: a unique-key failure).
     */
    public static Uni<Boolean> recordFirstVisit(String subject, String partnerGroup, OffsetDateTime now) {
        return Panache.getSession()
                .flatMap(s -> s.createNativeQuery(
                                "insert into partner_visit (subject, partner_group, visit_started_at) values (:subject,"
                                        + " :group, :now) on conflict (subject) do nothing")
                        .setParameter("subject", subject)
                        .setParameter("group", partnerGroup)
                        .setParameter("now", now)
                        .executeUpdate())
                .map(inserted -> inserted == 1);
    }
}
