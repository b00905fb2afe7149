package io.ibasho.registration.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * A course's places ({@code course_copy.booked_places} against its capacity), taken and given back by conditional
 * UPDATEs (never a flush of a stale count) in the same transaction as the dates' seats, and the course lock order: the
 * dates' session rows by session id, then the course row, so a booking and a cancellation of the same course can never
 * wait on each other in a circle.
 */
public final class CourseLedger {
    private CourseLedger() {}

    /** Takes one place if one is free; false when the course is full. */
    public static Uni<Boolean> take(UUID courseId) {
        return Panache.getSession()
                .flatMap(s -> s.createNativeQuery("update course_copy set booked_places = booked_places + 1 "
                                + "where id = :id and booked_places < capacity")
                        .setParameter("id", courseId)
                        .executeUpdate())
                .map(updated -> updated == 1);
    }

    /** Gives one place back (never below zero). */
    public static Uni<Void> release(UUID courseId) {
        return Panache.getSession()
                .flatMap(s -> s.createNativeQuery("update course_copy set booked_places = booked_places - 1 "
                                + "where id = :id and booked_places > 0")
                        .setParameter("id", courseId)
                        .executeUpdate())
                .replaceWithVoid();
    }

    /** Locks the dates' session rows, in id order: the first step of the course lock order. */
    public static Uni<Void> lockDates(List<UUID> sessionIdsInOrder) {
        return Panache.getSession()
                .flatMap(s -> s.createNativeQuery(
                                "select id from session_copy where id in (:ids) order by id for update", UUID.class)
                        .setParameter("ids", sessionIdsInOrder)
                        .getResultList())
                .replaceWithVoid();
    }

    /** How many of these dates are published, still ahead and have a free seat (counted in SQL, not from copies). */
    public static Uni<Long> openDatesWithFreeSeat(List<UUID> sessionIds, OffsetDateTime now) {
        return Panache.getSession()
                .flatMap(s -> s.createNativeQuery(
                                "select count(*) from session_copy where id in (:ids) and status = 'PUBLISHED' "
                                        + "and starts_at > :now and (capacity is null or confirmed_seats < capacity)",
                                Long.class)
                        .setParameter("ids", sessionIds)
                        .setParameter("now", now)
                        .getSingleResult());
    }

    /** Locks the course row: the last step of the course lock order; whether it has a free place. */
    public static Uni<Boolean> lockHasFreePlace(UUID courseId) {
        return Panache.getSession()
                .flatMap(s -> s.createNativeQuery(
                                "select booked_places < capacity from course_copy where id = :id for update",
                                Boolean.class)
                        .setParameter("id", courseId)
                        .getSingleResult());
    }

    /**
     * Locks the course row and counts the places that fit on every date: the course's free places, but no more than the
     * fewest free seats of any date.
     */
    public static Uni<Integer> lockFreeOnEveryDate(UUID courseId, List<UUID> sessionIds) {
        return Panache.getSession()
                .flatMap(s -> s.createNativeQuery(
                                "select least(c.capacity - c.booked_places, coalesce((select min(x.capacity - x.confirmed_seats) "
                                        + "from session_copy x where x.id in (:ids) and x.capacity is not null), c.capacity)) "
                                        + "from course_copy c where c.id = :course for update",
                                Integer.class)
                        .setParameter("ids", sessionIds)
                        .setParameter("course", courseId)
                        .getSingleResult());
    }
}
