package io.ibasho.notification.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import java.time.LocalDate;

/** Which partner group got its weekly digest for which week (table partner_digest): once a week, across replicas. */
public final class PartnerDigests {
    private PartnerDigests() {}

    /** Claims the group's digest of the week; false when it was claimed before. */
    public static Uni<Boolean> claim(String group, LocalDate weekStart) {
        return Panache.getSession()
                .flatMap(session -> session.createNativeQuery("""
                insert into partner_digest (partner_group, week_start, sessions, sent_at) values (:group, :week, 0, now())
                on conflict do nothing""")
                        .setParameter("group", group)
                        .setParameter("week", weekStart)
                        .executeUpdate())
                .map(inserted -> inserted > 0);
    }

    /** Records how many sessions the digest named. */
    public static Uni<Void> recordSessions(String group, LocalDate weekStart, int sessions) {
        return Panache.getSession()
                .flatMap(session -> session.createNativeQuery(
                                "update partner_digest set sessions = :n where partner_group = :group and week_start = :week")
                        .setParameter("n", sessions)
                        .setParameter("group", group)
                        .setParameter("week", weekStart)
                        .executeUpdate())
                .replaceWithVoid();
    }
}
