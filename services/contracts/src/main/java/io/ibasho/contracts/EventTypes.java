package io.ibasho.contracts;

import java.util.List;

/**
 * CloudEvents {@code type} values, versioned: a breaking change to a payload is a new type ({@code .v2}), published
 * beside the old one until every consumer has moved. Each has a JSON Schema in {@code schemas/<type>.json}.
 */
public final class EventTypes {
    private static final String PREFIX = "io.ibasho.";

    public static final String EVENT_PUBLISHED = PREFIX + "event.EventPublished.v1";
    public static final String EVENT_CHANGED = PREFIX + "event.EventChanged.v1";
    public static final String EVENT_CANCELLED = PREFIX + "event.EventCancelled.v1";
    public static final String EVENT_COMPLETED = PREFIX + "event.EventCompleted.v1";
    /**
     * A course (全6回: dated sessions booked as one) was published or changed; keyed by the course id, not a session id
     * (docs/adr/0022).
     */
    public static final String COURSE_PUBLISHED = PREFIX + "event.CoursePublished.v1";
    /**
     * A venue was created, changed or deleted: which partner groups are linked to it now (an empty list, and
     * {@code deleted}, once it is gone); keyed by the venue id, not a session id. Written with every save of the venue,
     * so a group may follow a venue as soon as it is linked and hears nothing more once it is unlinked.
     */
    public static final String VENUE_CHANGED = PREFIX + "event.VenueChanged.v1";

    public static final String APPLICATION_RECEIVED = PREFIX + "registration.ApplicationReceived.v1";
    public static final String REGISTRATION_CONFIRMED = PREFIX + "registration.RegistrationConfirmed.v1";
    public static final String WAITLISTED = PREFIX + "registration.Waitlisted.v1";
    public static final String LOTTERY_DRAWN = PREFIX + "registration.LotteryDrawn.v1";
    public static final String SEAT_OFFERED = PREFIX + "registration.SeatOffered.v1";
    public static final String OFFER_EXPIRED = PREFIX + "registration.OfferExpired.v1";
    public static final String REGISTRATION_CANCELLED = PREFIX + "registration.RegistrationCancelled.v1";
    public static final String ATTENDANCE_RECORDED = PREFIX + "registration.AttendanceRecorded.v1";
    public static final String CHILDCARE_REQUESTED = PREFIX + "registration.ChildcareRequested.v1";
    /**
     * The compensation of a ChildcareRequested that registration stopped waiting for (no answer in time, or an answer
     * that came after its question had counted as "no"): childcare-booking releases whatever it reserved for the
     * registration. It follows its request on the session's partition, so it is always decided after it.
     */
    public static final String CHILDCARE_HOLD_WITHDRAWN = PREFIX + "registration.ChildcareHoldWithdrawn.v1";
    /**
     * She deleted her account: every service deletes or anonymises what it holds about her. The one type keyed by
     * the subject (her account id), not a session id (docs/adr/0014).
     */
    public static final String SUBJECT_ERASED = PREFIX + "registration.SubjectErased.v1";
    /** One booking for a whole course: one message to her instead of one per date; keyed by the course id. */
    public static final String COURSE_BOOKED = PREFIX + "registration.CourseBooked.v1";
    /** Her whole course booking ended (she cancelled it, or every date was cancelled); keyed by the course id. */
    public static final String COURSE_CANCELLED = PREFIX + "registration.CourseCancelled.v1";
    /**
     * Her application to a course lottery, or her place on a course's waitlist or reserve list, changed: applied,
     * waiting (with her position), offered the whole course, expired, withdrawn or booked; keyed by the course id.
     */
    public static final String COURSE_REQUEST_CHANGED = PREFIX + "registration.CourseRequestChanged.v1";

    public static final String CHILDCARE_RESERVED = PREFIX + "childcare.ChildcareReserved.v1";
    public static final String CHILDCARE_REJECTED = PREFIX + "childcare.ChildcareRejected.v1";
    public static final String CHILDCARE_RELEASED = PREFIX + "childcare.ChildcareReleased.v1";
    /** Childcare reserved alone at a drop-in session (no registration): only notification listens, to tell her. */
    public static final String DROP_IN_CHILDCARE_RESERVED = PREFIX + "childcare.DropInChildcareReserved.v1";

    public static final String DROP_IN_CHILDCARE_CANCELLED = PREFIX + "childcare.DropInChildcareCancelled.v1";

    public static final List<String> ALL = List.of(
            EVENT_PUBLISHED,
            EVENT_CHANGED,
            EVENT_CANCELLED,
            EVENT_COMPLETED,
            APPLICATION_RECEIVED,
            REGISTRATION_CONFIRMED,
            WAITLISTED,
            LOTTERY_DRAWN,
            SEAT_OFFERED,
            OFFER_EXPIRED,
            REGISTRATION_CANCELLED,
            ATTENDANCE_RECORDED,
            CHILDCARE_REQUESTED,
            CHILDCARE_HOLD_WITHDRAWN,
            SUBJECT_ERASED,
            CHILDCARE_RESERVED,
            CHILDCARE_REJECTED,
            CHILDCARE_RELEASED,
            DROP_IN_CHILDCARE_RESERVED,
            DROP_IN_CHILDCARE_CANCELLED,
            COURSE_PUBLISHED,
            VENUE_CHANGED,
            COURSE_BOOKED,
            COURSE_CANCELLED,
            COURSE_REQUEST_CHANGED);

    /** The classpath location of the type's JSON Schema, also used as the CloudEvents {@code dataschema}. */
    public static String schemaOf(String type) {
        return "/schemas/" + type + ".json";
    }

    private EventTypes() {}
}
