package io.ibasho.registration.mapping;

import io.ibasho.registration.CourseBooking;
import io.ibasho.registration.Registration;
import java.util.List;

/** CourseBooked / CourseCancelled: ids, states and a count only; never her nickname or her children's ages. */
public final class CourseEvents {
    private CourseEvents() {}

    public record CourseBooked(
            String courseBookingId,
            String courseId,
            String attendeeId,
            String status,
            List<String> registrationIds,
            List<String> sessionIds,
            int childcareDates) {}

    public record CourseCancelled(
            String courseBookingId, String courseId, String attendeeId, String status, String cancelledBy) {}

    public static CourseBooked booked(CourseBooking booking, List<Registration> dates) {
        return new CourseBooked(
                booking.id.toString(),
                booking.courseId.toString(),
                booking.attendeeId,
                booking.status,
                dates.stream().map(r -> r.id.toString()).toList(),
                dates.stream().map(r -> r.sessionId.toString()).toList(),
                (int) dates.stream().filter(Registration::needsChildcare).count());
    }

    public static CourseCancelled cancelled(CourseBooking booking) {
        return new CourseCancelled(
                booking.id.toString(),
                booking.courseId.toString(),
                booking.attendeeId,
                booking.status,
                booking.cancelledBy);
    }
}
