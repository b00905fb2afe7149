package io.ibasho.registration.repository;

import io.ibasho.plumbing.sql.SessionConnection;
import io.ibasho.registration.CourseRequest;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * A course's waitlist ({@code course_request} rows WAITING, in position order) and its offers. Rows are taken
 * {@code FOR UPDATE SKIP LOCKED}: with several replicas each is handled by exactly one of them.
 */
public final class CourseWaitlist {
    private CourseWaitlist() {}

    /** The next course waitlist position, from one database sequence (the order of joining, across replicas). */
    public static Uni<Long> nextNumber() {
        return Panache.getSession()
                .flatMap(s -> s.createNativeQuery("select nextval('course_waitlist_number')", Long.class)
                        .getSingleResult());
    }

    /**
     * Up to 50 course offers whose deadline has passed, locked, the oldest first. This and the next are the course
     * sweep's polls (every 30 s, almost always empty): past the query machinery (ADR 0071).
     */
    public static Uni<List<CourseRequest>> lapsedOffers(OffsetDateTime now) {
        return SessionConnection.selectEntities(
                CourseRequest.class,
                "select id from course_request where status = 'OFFERED' and offer_expires_at <= $1 "
                        + "order by offer_expires_at limit 50 for update skip locked",
                now);
    }

    /** The courses somebody waits for. */
    public static Uni<List<UUID>> coursesWithSomebodyWaiting() {
        return SessionConnection.select("select distinct course_id from course_request where status = 'WAITING'")
                .map(rows -> rows.stream().map(row -> (UUID) row[0]).toList());
    }

    /** The first one waiting for the course, locked; null when nobody waits. */
    public static Uni<CourseRequest> firstInLine(UUID courseId) {
        return Panache.getSession()
                .flatMap(s -> s.createNativeQuery(
                                "select * from course_request where course_id = :id and status = 'WAITING' "
                                        + "order by position limit 1 for update skip locked",
                                CourseRequest.class)
                        .setParameter("id", courseId)
                        .getResultList())
                .map(rows -> rows.isEmpty() ? null : rows.get(0));
    }

    /** She booked the course: her place in its line is withdrawn. */
    public static Uni<Integer> withdraw(UUID courseId, String attendeeId, OffsetDateTime now) {
        return Panache.getSession()
                .flatMap(s -> s.createNativeQuery("update course_request set status = 'WITHDRAWN', updated_at = :now "
                                + "where course_id = :course and attendee_id = :who and status = 'WAITING'")
                        .setParameter("now", now)
                        .setParameter("course", courseId)
                        .setParameter("who", attendeeId)
                        .executeUpdate());
    }
}
