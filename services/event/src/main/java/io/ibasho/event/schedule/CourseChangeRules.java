package io.ibasho.event.schedule;

import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * What may change in a course once it exists (docs/courses.md, "Changing a course"). A course is published the moment
 * it is made, so women may have booked, applied or joined its waitlist at any time since; the event service does not
 * see bookings (registration keeps them), so these rules hold for every course, booked or not: what a booking relies
 * on stays. Plain rules, no framework.
 *
 * <ul>
 *   <li>Always: the titles and the description (the programme).
 *   <li>The course capacity may grow, never shrink: a place given is never taken back.
 *   <li>The dates are fixed: she booked them as one. One date is changed (time, room) or cancelled on its own session
 *       page; other dates make a new course.
 *   <li>How places are given (first come or lottery) is fixed: applications or bookings are already under that rule.
 *   <li>A lottery's closing may move later (still before the first date) while it has not passed; never earlier.
 * </ul>
 */
public final class CourseChangeRules {
    private CourseChangeRules() {}

    /** The course as it is. */
    public record Current(
            String status,
            String allocation,
            int capacity,
            OffsetDateTime applicationsCloseAt,
            List<UUID> sessionIds,
            OffsetDateTime firstDateStartsAt) {}

    /** What the organiser asks for; a null allocation or null/empty sessionIds keeps what is there. */
    public record Wanted(
            int capacity,
            String allocation,
            OffsetDateTime applicationsCloseAt,
            List<UUID> sessionIds,
            UUID seriesId) {}

    /** The first rule broken, with the stable code the screens show beside a field; empty when all hold. */
    public static Optional<CourseRules.Broken> check(Current current, Wanted wanted, OffsetDateTime now) {
        if (!"PUBLISHED".equals(current.status())) {
            return broken("course-closed", "This course is " + current.status().toLowerCase() + "; it cannot change.");
        }
        boolean datesGiven = wanted.sessionIds() != null && !wanted.sessionIds().isEmpty();
        if (wanted.seriesId() != null
                || (datesGiven && !new HashSet<>(wanted.sessionIds()).equals(new HashSet<>(current.sessionIds())))) {
            return broken(
                    "course-dates-fixed",
                    "The dates of a course are fixed once it is published: women book them as one. Change or cancel"
                            + " one date on its own session page, or make a new course for other dates.");
        }
        if (wanted.allocation() != null && !wanted.allocation().equals(current.allocation())) {
            return broken(
                    "course-allocation-fixed",
                    "How places are given (" + current.allocation() + ") cannot change once the course is published:"
                            + " bookings or applications are already made under it.");
        }
        if (wanted.capacity() < current.capacity()) {
            return broken(
                    "course-capacity-lowered",
                    "The course capacity can grow but not shrink (now " + current.capacity()
                            + "): a place given is never taken back.");
        }
        if ("LOTTERY".equals(current.allocation())) {
            OffsetDateTime before = current.applicationsCloseAt();
            OffsetDateTime after = wanted.applicationsCloseAt();
            if (after != null && !after.isEqual(before)) {
                if (!before.isAfter(now)) {
                    return broken(
                            "course-closing-fixed",
                            "Applications have closed and the course is drawn or being drawn; the closing cannot move.");
                }
                if (after.isBefore(before)) {
                    return broken(
                            "course-closing-fixed",
                            "The closing can move later, never earlier: women plan their applications by it.");
                }
                if (current.firstDateStartsAt() != null && !after.isBefore(current.firstDateStartsAt())) {
                    return broken(
                            "course-lottery-closing",
                            "applicationsCloseAt must be before the course's first date, so winners know in time.");
                }
            }
        } else if (wanted.applicationsCloseAt() != null) {
            return broken(
                    "course-allocation-fixed",
                    "applicationsCloseAt is only for a LOTTERY course; a first-come course takes bookings at once.");
        }
        return Optional.empty();
    }

    private static Optional<CourseRules.Broken> broken(String code, String message) {
        return Optional.of(new CourseRules.Broken(code, message));
    }
}
