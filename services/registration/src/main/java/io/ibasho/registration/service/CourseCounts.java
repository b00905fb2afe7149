package io.ibasho.registration.service;

import io.ibasho.registration.CourseCopy;
import io.ibasho.registration.CourseRequest;
import io.ibasho.registration.SessionCopy;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The organiser's course screen in numbers (docs/courses.md): per course of her own organisation, the places booked of
 * its capacity, how many applied to its lottery, wait (waitlist or reserve list) or hold an offer, and each date's
 * seats taken of its capacity. Counts only, like {@link WaitlistCounts}: who is behind them is the audited roster's.
 */
@ApplicationScoped
public class CourseCounts {
    public static final int MAX_COURSES = 50;

    /** One date's seat ledger: single bookings, course bookings and seats held by offers share it. */
    public record DateSeats(UUID sessionId, OffsetDateTime startsAt, Integer capacity, int seatsTaken) {}

    /**
     * @param applied lottery applications not drawn yet
     * @param waiting on the course's waitlist or, after the draw, its reserve list
     * @param offersOut whole-course offers not answered yet
     * @param firstOfferExpiresAt the earliest deadline of those offers; null when none is out
     */
    public record Counts(
            UUID courseId,
            int capacity,
            int bookedPlaces,
            long applied,
            long waiting,
            long offersOut,
            OffsetDateTime firstOfferExpiresAt,
            List<DateSeats> dates) {}

    /** Her organisation's courses among those asked, in the order asked; others' and unknown ids are left out. */
    @WithSession
    public Uni<List<Counts>> of(List<UUID> courseIds, String organisationId) {
        List<UUID> ids = courseIds.stream().distinct().toList();
        if (ids.isEmpty() || organisationId == null) {
            return Uni.createFrom().item(List.of());
        }
        return CourseCopy.<CourseCopy>list("id in ?1 and organisationId = ?2", ids, organisationId)
                .flatMap(courses -> {
                    if (courses.isEmpty()) {
                        return Uni.createFrom().item(List.<Counts>of());
                    }
                    Set<UUID> hers = courses.stream().map(c -> c.id).collect(Collectors.toSet());
                    Set<UUID> dates = courses.stream()
                            .flatMap(c -> c.sessionIdList().stream())
                            .collect(Collectors.toSet());
                    return SessionCopy.<SessionCopy>list("id in ?1", dates)
                            .flatMap(sessions -> requestCounts(hers).map(rows -> {
                                Map<UUID, CourseCopy> byId =
                                        courses.stream().collect(Collectors.toMap(c -> c.id, c -> c));
                                Map<UUID, SessionCopy> sessionsById =
                                        sessions.stream().collect(Collectors.toMap(s -> s.id, s -> s));
                                return ids.stream()
                                        .filter(byId::containsKey)
                                        .map(id -> counts(byId.get(id), sessionsById, rows))
                                        .toList();
                            }));
                });
    }

    private static Uni<List<Object[]>> requestCounts(Set<UUID> courseIds) {
        return Panache.getSession()
                .flatMap(s -> s.createSelectionQuery(
                                "select r.courseId, r.status, count(r), min(r.offerExpiresAt) from CourseRequest r"
                                        + " where r.courseId in :ids and r.status in :open group by r.courseId,"
                                        + " r.status",
                                Object[].class)
                        .setParameter("ids", courseIds)
                        .setParameter("open", CourseRequest.OPEN)
                        .getResultList());
    }

    static Counts counts(CourseCopy course, Map<UUID, SessionCopy> sessions, List<Object[]> rows) {
        long applied = 0;
        long waiting = 0;
        long offers = 0;
        OffsetDateTime firstDeadline = null;
        for (Object[] row : rows) {
            if (!course.id.equals(row[0])) {
                continue;
            }
            long count = (Long) row[2];
            switch ((String) row[1]) {
                case CourseRequest.APPLIED -> applied = count;
                case CourseRequest.WAITING -> waiting = count;
                default -> {
                    offers = count;
                    firstDeadline = (OffsetDateTime) row[3];
                }
            }
        }
        List<DateSeats> dates = course.sessionIdList().stream()
                .map(id -> {
                    SessionCopy session = sessions.get(id);
                    return session == null
                            ? new DateSeats(id, null, null, 0)
                            : new DateSeats(id, session.startsAt, session.capacity, session.confirmedSeats);
                })
                .toList();
        return new Counts(
                course.id, course.capacity, course.bookedPlaces, applied, waiting, offers, firstDeadline, dates);
    }
}
