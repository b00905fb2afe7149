package io.ibasho.event.schedule;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * What makes a set of sessions a course, checked before anything is written: plain rules, no framework. Each date is
 * the organiser's own published first-come session, in the future, not in another course; at least two dates.
 */
public final class CourseRules {
    private CourseRules() {}

    /** One date as the rules see it. */
    public record CourseDate(
            UUID sessionId,
            String organisationId,
            String status,
            String allocation,
            OffsetDateTime startsAt,
            boolean inAnotherCourse) {}

    /** The first rule broken, as a stable code and a message that says what to fix; empty when all hold. */
    public record Broken(String code, String message) {}

    public static Optional<Broken> check(String organisationId, List<CourseDate> dates, OffsetDateTime now) {
        if (dates.size() < 2) {
            return Optional.of(new Broken(
                    "course-needs-dates",
                    "A course needs at least two dates: choose sessions or a series with two or more."));
        }
        for (CourseDate date : dates) {
            if (!organisationId.equals(date.organisationId())) {
                return Optional.of(
                        new Broken("course-needs-dates", "Session " + date.sessionId() + " is not one of yours."));
            }
            if (!"PUBLISHED".equals(date.status())) {
                return Optional.of(new Broken(
                        "course-date-not-published",
                        "Publish session " + date.sessionId() + " first: a course is published with its dates."));
            }
            if (!"FIRST_COME".equals(date.allocation())) {
                return Optional.of(new Broken(
                        "course-date-not-first-come",
                        "Session " + date.sessionId() + " is " + date.allocation()
                                + ": every date of a course takes first-come bookings."));
            }
            if (!date.startsAt().isAfter(now)) {
                return Optional.of(
                        new Broken("course-date-past", "Session " + date.sessionId() + " has already started."));
            }
            if (date.inAnotherCourse()) {
                return Optional.of(new Broken(
                        "course-date-taken", "Session " + date.sessionId() + " already belongs to another course."));
            }
        }
        return Optional.empty();
    }
}
