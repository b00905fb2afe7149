package io.ibasho.registration.service;

import io.ibasho.contracts.EventTypes;
import io.ibasho.registration.CourseBooking;
import io.ibasho.registration.CourseRequest;
import io.ibasho.registration.Registration;
import io.ibasho.registration.mapping.CourseEvents;
import io.ibasho.registration.messaging.RegistrationOutbox;
import io.ibasho.registration.repository.CourseLedger;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.LockModeType;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A course booking's end: when no date of it is still hers, its place goes back ({@link CourseLedger}, where the course
 * lock order is described) and CourseCancelled is told.
 */
final class CoursePlaces {
    private CoursePlaces() {}

    /**
     * After one date was cancelled: when no date of the course booking is still hers, the booking ends and its course
     * place is given back (CourseCancelled). Otherwise she keeps the course and its other dates.
     */
    static Uni<Void> endIfNoDateLeft(
            RegistrationOutbox outbox, UUID courseBookingId, String cancelledBy, OffsetDateTime now) {
        return Panache.getSession()
                .flatMap(s -> s.flush())
                .flatMap(flushed -> Registration.count(
                        "courseBookingId = ?1 and status in ?2", courseBookingId, BookingService.ACTIVE))
                .flatMap(active -> active > 0
                        ? Uni.createFrom().voidItem()
                        : CourseBooking.<CourseBooking>find(
                                        "id = ?1 and status = ?2", courseBookingId, CourseBooking.BOOKED)
                                .withLock(LockModeType.PESSIMISTIC_WRITE)
                                .firstResult()
                                .flatMap(booking -> booking == null
                                        ? Uni.createFrom().voidItem()
                                        : end(outbox, booking, cancelledBy, now)));
    }

    static Uni<Void> end(RegistrationOutbox outbox, CourseBooking booking, String cancelledBy, OffsetDateTime now) {
        booking.status = CourseBooking.CANCELLED;
        booking.cancelledBy = cancelledBy;
        booking.updatedAt = now;
        return endRequestThatBecame(booking, now)
                .chain(() -> CourseLedger.release(booking.courseId))
                .call(() ->
                        outbox.append(EventTypes.COURSE_CANCELLED, booking.courseId, CourseEvents.cancelled(booking)));
    }

    /**
     * The accepted waitlist offer or lottery win that became this booking ends with it, whoever ended the course
     * booking (her pages then list it with what has ended, not as "every date is booked"). Silently: the
     * CourseCancelled told next is her one message about it, and a CourseRequestChanged would tell her a second time.
     */
    private static Uni<Integer> endRequestThatBecame(CourseBooking booking, OffsetDateTime now) {
        return CourseRequest.update(
                "status = ?1, updatedAt = ?2 where courseBookingId = ?3 and status = ?4",
                CourseRequest.ENDED,
                now,
                booking.id,
                CourseRequest.BOOKED);
    }
}
