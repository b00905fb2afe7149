package io.ibasho.registration.mapping;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * An organiser's roster of a course, per date: who booked the course (nickname, status, door code, childcare on that
 * date as a status and a count of children, never ages or notes). Only for her own organisation's course.
 */
public record CourseRosterView(UUID courseId, String titleJa, int capacity, int bookedPlaces, List<Date> dates) {

    public record Date(UUID sessionId, OffsetDateTime startsAt, int confirmed, List<Entry> entries) {}

    public record Entry(
            UUID registrationId,
            String nickname,
            String status,
            String bookingCode,
            String childcareStatus,
            int children,
            /** ATTENDED or NO_SHOW once marked at the date's door; null until then. */
            String attendance) {}
}
