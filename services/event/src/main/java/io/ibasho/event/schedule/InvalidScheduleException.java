package io.ibasho.event.schedule;

/** A series schedule, its RRULE or a planning request that cannot be used; {@link #reason()} is stable for clients. */
public class InvalidScheduleException extends IllegalArgumentException {

    public enum Reason {
        MISSING_VALUE,
        DURATION_OUT_OF_RANGE,
        LAST_DAY_BEFORE_FIRST_START,
        COUNT_OUT_OF_RANGE,
        RRULE_EMPTY,
        RRULE_SYNTAX,
        RRULE_DUPLICATE_PART,
        RRULE_UNSUPPORTED_FREQUENCY,
        RRULE_TIME_OF_DAY_PART,
        RRULE_INTERVAL_OUT_OF_RANGE,
        RRULE_COUNT_AND_UNTIL,
        RRULE_UNTIL_WITHOUT_TIME,
        RRULE_NO_OCCURRENCES,
        WINDOW_TOO_LARGE
    }

    private final Reason reason;

    public InvalidScheduleException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public InvalidScheduleException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
