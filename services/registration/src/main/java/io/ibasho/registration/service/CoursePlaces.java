package io.ibasho.registration.service;

import io.ibasho.contracts.EventTypes;
import io.ibasho.registration.CourseBooking;
import io.ibasho.registration.Registration;
import io.ibasho.registration.mapping.CourseEvents;
import io.ibasho.registration.messaging.RegistrationOutbox;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.LockModeType;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A course's places, taken and given back by conditional UPDATEs on its copy (never a flush of a stale count), in the
 * same transaction as the dates' seats. Lock order everywhere: the dates' session rows (by session id), then the
 * course row, so a booking and a cancellation of the same course can never wait on each other in a circle.
 */
final class CoursePlaces {
    private CoursePlaces() {}

    static Uni<Boolean> take(UUID courseId) {
        return Panache.getSession()
                .flatMap(s -> s.createNativeQuery("update course_copy set booked_places = booked_places + 1 "
                                + "where id = :id and booked_places < capacity")
                        .setParameter("id", courseId)
                        .executeUpdate())
                .map(updated -> updated == 1);
    }

    static Uni<Void> release(UUID courseId) {
        return Panache.getSession()
                .flatMap(s -> s.createNativeQuery("update course_copy set booked_places = booked_places - 1 "
                                + "where id = :id and booked_places > 0")
                        .setParameter("id", courseId)
                        .executeUpdate())
                .replaceWithVoid();
    }

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
        return release(booking.courseId)
                .call(() ->
                        outbox.append(EventTypes.COURSE_CANCELLED, booking.courseId, CourseEvents.cancelled(booking)));
    }
}
