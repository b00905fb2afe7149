package io.ibasho.registration.mapping;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.ibasho.registration.Registration;
import java.time.OffsetDateTime;

/** Payloads carry ids and states: never the nickname or the booking code. */
public final class RegistrationEvents {
    private RegistrationEvents() {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RegistrationState(
            String registrationId,
            String sessionId,
            String attendeeId,
            String status,
            Integer position,
            String reason,
            OffsetDateTime offerExpiresAt,
            Boolean declined,
            String cancelledBy,
            String attendance,
            String courseBookingId) {
        /** Without a course booking: a date booked or cancelled on its own, or an ordinary session. */
        public RegistrationState(
                String registrationId,
                String sessionId,
                String attendeeId,
                String status,
                Integer position,
                String reason,
                OffsetDateTime offerExpiresAt,
                Boolean declined,
                String cancelledBy,
                String attendance) {
            this(
                    registrationId,
                    sessionId,
                    attendeeId,
                    status,
                    position,
                    reason,
                    offerExpiresAt,
                    declined,
                    cancelledBy,
                    attendance,
                    null);
        }
    }

    private static RegistrationState state(Registration r, Integer position, String reason, Boolean declined) {
        return state(r, position, reason, declined, null);
    }

    private static RegistrationState state(
            Registration r, Integer position, String reason, Boolean declined, java.util.UUID courseBookingId) {
        return new RegistrationState(
                r.id.toString(),
                r.sessionId.toString(),
                r.attendeeId,
                r.status.name(),
                position,
                reason,
                r.status == Registration.Status.OFFERED ? r.offerExpiresAt : null,
                declined,
                r.cancelledBy,
                r.attendance == null ? null : r.attendance.name(),
                courseBookingId == null ? null : courseBookingId.toString());
    }

    /**
     * A date of a course booking carries the booking's id: notification tells her once, by CourseBooked, instead of
     * once per date (docs/events.md).
     */
    public static RegistrationState confirmed(Registration registration) {
        return state(registration, null, null, null, registration.courseBookingId);
    }

    public static RegistrationState waitlisted(Registration registration, int position, String reason) {
        return state(registration, position, reason, null);
    }

    public static RegistrationState offered(Registration registration) {
        return state(registration, null, null, null);
    }

    public static RegistrationState offerExpired(Registration registration, boolean declined) {
        return state(registration, null, null, declined);
    }

    /** The organiser's reason goes in {@code reason}: it is shown to her and is never personal data. */
    public static RegistrationState cancelled(Registration registration) {
        return state(registration, null, registration.cancelReason, null);
    }

    /**
     * A date cancelled because her whole course booking was cancelled: it carries the course booking's id, so she is
     * told once, by CourseCancelled. A date she cancels on its own has no such id and gets its own message.
     */
    public static RegistrationState cancelledWithCourse(Registration registration) {
        return state(registration, null, registration.cancelReason, null, registration.courseBookingId);
    }

    public static RegistrationState attendance(Registration registration) {
        return state(registration, null, null, null);
    }

    /** Purposes of a ChildcareRequested, as in the schema and architecture.md's saga. */
    public enum ChildcarePurpose {
        BOOKING,
        LOTTERY,
        WAITLIST_PROMOTION
    }

    /**
     * Asks childcare-booking to take her children: ids, ages and purpose only; never names. {@code awaitsReleaseOf}
     * (left out when empty): the session's registrations whose children's places registration let go shortly before,
     * so a refusal for want of places waits for those releases if they have not arrived yet (docs/adr/0039).
     * {@code askedAt} (left out when null): when she asked for childcare with her lottery application, for the draw's
     * question and for offers down the lottery's reserve list; childcare-booking judges its deadline at that instant,
     * since the draw always comes after the application deadline (docs/childcare.md).
     */
    public record ChildcareRequestedPayload(
            String registrationId,
            String sessionId,
            String attendeeId,
            String status,
            String requestId,
            java.util.List<Integer> childrenAges,
            String purpose,
            @JsonInclude(JsonInclude.Include.NON_EMPTY) java.util.List<String> awaitsReleaseOf,
            @JsonInclude(JsonInclude.Include.NON_NULL) String askedAt) {}

    public static ChildcareRequestedPayload childcareRequested(
            Registration r, java.util.UUID requestId, ChildcarePurpose purpose) {
        return childcareRequested(r, requestId, purpose, java.util.List.of());
    }

    public static ChildcareRequestedPayload childcareRequested(
            Registration r,
            java.util.UUID requestId,
            ChildcarePurpose purpose,
            java.util.List<String> awaitsReleaseOf) {
        return new ChildcareRequestedPayload(
                r.id.toString(),
                r.sessionId.toString(),
                r.attendeeId,
                r.status.name(),
                requestId.toString(),
                r.childrenAgeList(),
                purpose.name(),
                awaitsReleaseOf,
                askedWithApplication(r, purpose));
    }

    /** A lottery applicant asked for childcare when she applied; RFC 3339 with seconds, as the schema says. */
    private static String askedWithApplication(Registration r, ChildcarePurpose purpose) {
        boolean lotteryApplication = purpose == ChildcarePurpose.LOTTERY || r.reserveNumber != null;
        return lotteryApplication && r.createdAt != null
                ? r.createdAt.toInstant().toString()
                : null;
    }
}
