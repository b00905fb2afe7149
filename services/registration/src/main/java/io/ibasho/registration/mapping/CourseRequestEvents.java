package io.ibasho.registration.mapping;

import io.ibasho.registration.CourseRequest;
import java.util.List;
import java.util.UUID;

/** CourseRequestChanged: ids, states and numbers only; never her nickname or her children's ages. */
public final class CourseRequestEvents {
    private CourseRequestEvents() {}

    public record CourseRequestChanged(
            String courseRequestId,
            String courseId,
            String attendeeId,
            String kind,
            String status,
            Integer position,
            String offerExpiresAt,
            String courseBookingId,
            List<String> sessionIds,
            Boolean declined) {}

    /** @param position her place in line (1 = next), only while WAITING */
    public static CourseRequestChanged changed(CourseRequest request, Integer position, List<UUID> sessionIds) {
        return changed(request, position, sessionIds, null);
    }

    /** @param declined EXPIRED: true when she declined the offer herself, false when its time ran out */
    public static CourseRequestChanged changed(
            CourseRequest request, Integer position, List<UUID> sessionIds, Boolean declined) {
        return new CourseRequestChanged(
                request.id.toString(),
                request.courseId.toString(),
                request.attendeeId,
                request.kind,
                request.status,
                position,
                request.offerExpiresAt == null
                        ? null
                        : request.offerExpiresAt.toInstant().toString(),
                request.courseBookingId == null ? null : request.courseBookingId.toString(),
                sessionIds.stream().map(UUID::toString).toList(),
                declined);
    }
}
