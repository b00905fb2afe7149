package io.ibasho.event.mapping;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * The public face of a course: one offer listing its dates (全6回). Each date is the session's public facts only;
 * nothing about who booked. Times are Asia/Tokyo.
 */
public record CourseView(
        UUID id,
        String organisationId,
        String titleJa,
        String titleEn,
        String descriptionJa,
        String descriptionEn,
        int capacity,
        String allocation,
        OffsetDateTime applicationsCloseAt,
        String status,
        int dateCount,
        List<CourseDateView> dates) {

    /**
     * One date of the course, with whether that date offers childcare (she asks for it per date), for which ages, and
     * until when it can be asked for.
     */
    public record CourseDateView(
            UUID sessionId,
            String titleJa,
            String titleEn,
            OffsetDateTime startsAt,
            OffsetDateTime endsAt,
            String venueNameJa,
            String venueNameEn,
            boolean online,
            boolean childcareOffered,
            Integer childcareMinAge,
            Integer childcareMaxAge,
            OffsetDateTime childcareDeadline,
            String status) {}
}
