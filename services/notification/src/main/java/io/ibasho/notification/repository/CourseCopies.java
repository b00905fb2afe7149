package io.ibasho.notification.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** The courses as the event service last announced them (table course_copy), and her course messages so far. */
public final class CourseCopies {
    private CourseCopies() {}

    /** Keeps the course's dates, allocation and status; an older state arriving late ({@code sequence}) is dropped. */
    public static Uni<Void> keep(
            UUID courseId,
            List<String> sessionIds,
            String allocation,
            String status,
            int sequence,
            OffsetDateTime now) {
        return Panache.getSession()
                .flatMap(session -> session.createNativeQuery("""
                insert into course_copy (id, session_ids, allocation, status, sequence, updated_at)
                values (:id, :sessions, :allocation, :status, :sequence, :now)
                on conflict (id) do update set session_ids = excluded.session_ids, allocation = excluded.allocation,
                    status = excluded.status, sequence = excluded.sequence, updated_at = excluded.updated_at
                where course_copy.sequence <= excluded.sequence""")
                        .setParameter("id", courseId)
                        .setParameter("sessions", String.join(",", sessionIds))
                        .setParameter("allocation", allocation)
                        .setParameter("status", status)
                        .setParameter("sequence", sequence)
                        .setParameter("now", now)
                        .executeUpdate())
                .replaceWithVoid();
    }

    /** Whether she was offered this course before (a message of kind COURSE_OFFERED in her inbox). */
    public static Uni<Boolean> offeredBefore(UUID courseId, String attendeeId) {
        return Panache.getSession()
                .flatMap(session -> session.createNativeQuery(
                                "select count(*) from inbox_message where recipient_id = :who and course_id = :course "
                                        + "and kind = 'COURSE_OFFERED'",
                                Long.class)
                        .setParameter("who", attendeeId)
                        .setParameter("course", courseId)
                        .getSingleResult())
                .map(count -> count > 0);
    }
}
