package io.ibasho.registration.mapping;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * Her booking of a whole course, as she sees it: the course's titles and each date as her own registration (its code,
 * childcare status and what to do next), in date order. {@code status}: booked or cancelled.
 */
public record CourseBookingView(
        UUID id,
        UUID courseId,
        String titleJa,
        String titleEn,
        String status,
        OffsetDateTime createdAt,
        List<CourseDate> dates) {

    /** One date: the session's time and her registration for it. */
    public record CourseDate(
            UUID sessionId, OffsetDateTime startsAt, OffsetDateTime endsAt, RegistrationView registration) {}
}
