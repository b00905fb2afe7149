package io.ibasho.event.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Which sessions are the dates of which course, in order (table course_session). */
public final class CourseDates {
    private CourseDates() {}

    /** The course's dates, first date first. */
    public static Uni<List<UUID>> of(UUID courseId) {
        return Panache.getSession()
                .flatMap(s -> s.createNativeQuery(
                                "select session_id from course_session where course_id = :id order by position",
                                UUID.class)
                        .setParameter("id", courseId)
                        .getResultList());
    }

    /** Those of the given sessions that are already a date of a course. */
    public static Uni<Set<UUID>> alreadyInACourse(Collection<UUID> sessionIds) {
        if (sessionIds.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        return Panache.getSession()
                .flatMap(s -> s.createNativeQuery(
                                "select session_id from course_session where session_id in (:ids)", UUID.class)
                        .setParameter("ids", List.copyOf(sessionIds))
                        .getResultList())
                .map(Set::copyOf);
    }

    /** Makes the sessions the course's dates, in the order given. */
    public static Uni<Void> add(UUID courseId, List<UUID> sessionIds) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (int i = 0; i < sessionIds.size(); i++) {
            int position = i;
            chain = chain.call(() -> Panache.getSession()
                    .flatMap(s -> s.createNativeQuery(
                                    "insert into course_session (course_id, session_id, position) values (:course, :session, :position)")
                            .setParameter("course", courseId)
                            .setParameter("session", sessionIds.get(position))
                            .setParameter("position", position)
                            .executeUpdate()));
        }
        return chain;
    }
}
