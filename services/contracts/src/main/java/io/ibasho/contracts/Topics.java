package io.ibasho.contracts;

/** Kafka topics (channel name = topic name, as in the Quarkus Kafka quickstart). Keys are aggregate ids. */
public final class Topics {
    /**
     * EventPublished, EventChanged, EventCancelled, EventCompleted (key = session id), CoursePublished (key = course
     * id), VenueChanged (key = venue id); producer: event.
     */
    public static final String EVENT_LIFECYCLE = "event-lifecycle";
    /** Registration and lottery events; key = session id; producer: registration. */
    public static final String REGISTRATION_LIFECYCLE = "registration-lifecycle";
    /** ChildcareRequested replies: ChildcareReserved, ChildcareRejected, ChildcareReleased; key = session id; producer: childcare-booking. */
    public static final String CHILDCARE_LIFECYCLE = "childcare-lifecycle";

    /** Every consumer has its own dead-letter topic: {@code <topic>.<consumer>.dlq}. */
    public static String deadLetterOf(String topic, String consumer) {
        return topic + "." + consumer + ".dlq";
    }

    private Topics() {}
}
