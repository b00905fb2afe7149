package io.ibasho.registration.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import java.util.List;
import java.util.UUID;

/**
 * Her erasure's bulk statements (docs/adr/0014), in the caller's transaction: what points to her beyond her
 * registrations, which the erasure changes one by one.
 */
public final class ErasureStore {
    private ErasureStore() {}

    /** Her survey invitations (they name her registrations); answers stay, anonymous. */
    public static Uni<Integer> deleteSurveyInvitations(List<UUID> registrationIds) {
        return Panache.getSession()
                .flatMap(s -> s.createNativeQuery("delete from survey_invitation where registration_id in (:ids)")
                        .setParameter("ids", registrationIds)
                        .executeUpdate());
    }

    /**
     * Her course bookings: unlinked from her like her registrations, and those still held end, giving their course
     * places back (each date's seat goes back with its registration, one by one).
     */
    public static Uni<Void> unlinkCourseBookings(String attendeeId) {
        return Panache.getSession()
                .flatMap(s -> s.createNativeQuery("update course_copy c set booked_places = booked_places - "
                                + "(select count(*) from course_booking b where b.course_id = c.id and b.attendee_id = :who "
                                + "and b.status = 'BOOKED') where c.id in (select course_id from course_booking "
                                + "where attendee_id = :who and status = 'BOOKED')")
                        .setParameter("who", attendeeId)
                        .executeUpdate()
                        // an offer of a whole course held its place and a seat on every date (docs/adr/0026): they go
                        // back, and her applications and waitlist places (nickname, children's ages) are deleted
                        .flatMap(ignored -> s.createNativeQuery(
                                        "update session_copy x set confirmed_seats = "
                                                + "greatest(0, confirmed_seats - (select count(*) from course_request q join course_copy c "
                                                + "on c.id = q.course_id where q.attendee_id = :who and q.status = 'OFFERED' "
                                                + "and position(cast(x.id as text) in c.session_ids) > 0)) where exists (select 1 "
                                                + "from course_request q join course_copy c on c.id = q.course_id where q.attendee_id = :who "
                                                + "and q.status = 'OFFERED' and position(cast(x.id as text) in c.session_ids) > 0)")
                                .setParameter("who", attendeeId)
                                .executeUpdate())
                        .flatMap(ignored -> s.createNativeQuery("update course_copy c set booked_places = greatest(0, "
                                        + "booked_places - (select count(*) from course_request q where q.course_id = c.id "
                                        + "and q.attendee_id = :who and q.status = 'OFFERED')) where c.id in (select course_id "
                                        + "from course_request where attendee_id = :who and status = 'OFFERED')")
                                .setParameter("who", attendeeId)
                                .executeUpdate())
                        .flatMap(ignored -> s.createNativeQuery("delete from course_request where attendee_id = :who")
                                .setParameter("who", attendeeId)
                                .executeUpdate())
                        .flatMap(ignored -> s.createNativeQuery("update course_booking set status = 'CANCELLED', "
                                        + "cancelled_by = coalesce(cancelled_by, 'ATTENDEE'), attendee_id = 'erased:' || id "
                                        + "where attendee_id = :who")
                                .setParameter("who", attendeeId)
                                .executeUpdate()))
                .replaceWithVoid();
    }

    /** The replayable answers of her idempotent requests (they hold her nickname). */
    public static Uni<Integer> deleteIdempotencyRecords(String attendeeId) {
        return Panache.getSession()
                .flatMap(s -> s.createNativeQuery("delete from idempotency_record where attendee_id = :who")
                        .setParameter("who", attendeeId)
                        .executeUpdate());
    }
}
