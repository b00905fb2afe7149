package io.ibasho.registration.repository;

import io.ibasho.registration.SessionCopy;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * Retention's statements: a past session's registrations reduced to one row of anonymous totals
 * ({@code session_registration_total}, counted with the report's own {@link ReportFigures}) and then deleted with
 * whatever only they kept alive; roster-read audit rows past their time.
 */
public final class RetentionStore {
    private RetentionStore() {}

    /**
     * Sessions ended before the given time and not reduced yet, the oldest first, locked like every booking locks them
     * ({@code SKIP LOCKED}: a busy session waits for the next run instead of blocking this one).
     */
    public static Uni<List<SessionCopy>> endedSessionsNotReduced(OffsetDateTime endedBefore, int limit) {
        return Panache.getSession()
                .flatMap(s -> s.createNativeQuery(
                                "select * from session_copy c where coalesce(c.ends_at, c.starts_at) < :endedBefore "
                                        + "and not exists (select 1 from session_registration_total t where t.session_id = c.id) "
                                        + "order by c.starts_at limit :limit for update skip locked",
                                SessionCopy.class)
                        .setParameter("endedBefore", endedBefore)
                        .setParameter("limit", limit)
                        .getResultList());
    }

    /**
     * Keeps the session's totals and deletes its registrations, in the caller's transaction: nothing personal is copied
     * anywhere. A course's applications and waitlist places go with its last date (its session_ids end with it), and a
     * course booking with no date left holds nothing but her account id, so it goes too.
     */
    public static Uni<Void> reduceToTotals(SessionCopy session, OffsetDateTime now) {
        return Panache.getSession()
                .flatMap(s -> s.createNativeQuery(
                                "insert into session_registration_total (session_id, organisation_id, confirmed, "
                                        + "attended, no_show, cancelled, waitlisted, with_childcare, drop_ins, anonymised_at, "
                                        + "applications, children_0_2, children_3_5, children_6_up) "
                                        + "select :id, :org, "
                                        + "count(*) filter (where r.status = 'CONFIRMED'), "
                                        + "count(*) filter (where r.status = 'CONFIRMED' and r.attendance = 'ATTENDED'), "
                                        + "count(*) filter (where r.status = 'CONFIRMED' and r.attendance = 'NO_SHOW'), "
                                        + "count(*) filter (where r.status in ('CANCELLED', 'CHILDCARE_UNAVAILABLE')), "
                                        + "count(*) filter (where r.status in ('WAITLISTED', 'APPLIED')), "
                                        + "count(*) filter (where r.status = 'CONFIRMED' and r.childcare_status = 'RESERVED'), "
                                        + ":dropIns, :now, "
                                        + ReportFigures.APPLICATIONS + ", "
                                        + ReportFigures.CHILDREN_BY_BAND
                                        + " from registration r join session_copy c on c.id = r.session_id "
                                        + ReportFigures.CHILDREN_OF_EACH_BOOKING
                                        + " where r.session_id = :id")
                        .setParameter("id", session.id)
                        .setParameter("org", session.organisationId)
                        .setParameter("dropIns", session.dropInCount)
                        .setParameter("now", now)
                        .executeUpdate()
                        .flatMap(ignored -> s.createNativeQuery("delete from registration where session_id = :id")
                                .setParameter("id", session.id)
                                .executeUpdate())
                        .flatMap(ignored -> s.createNativeQuery("delete from course_request q where q.course_id in "
                                        + "(select c.id from course_copy c where c.session_ids like :last)")
                                .setParameter("last", "%" + session.id)
                                .executeUpdate())
                        .flatMap(ignored -> s.createNativeQuery("delete from course_booking b where not exists "
                                        + "(select 1 from registration r where r.course_booking_id = b.id)")
                                .executeUpdate()))
                .replaceWithVoid();
    }

    public static Uni<Integer> forgetRosterReadsBefore(OffsetDateTime before) {
        return Panache.getSession()
                .flatMap(s -> s.createNativeQuery("delete from roster_audit where read_at < :before")
                        .setParameter("before", before)
                        .executeUpdate());
    }
}
