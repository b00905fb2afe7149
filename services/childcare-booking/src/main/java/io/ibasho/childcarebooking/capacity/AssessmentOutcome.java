package io.ibasho.childcarebooking.capacity;

/**
 * Why a childcare request was accepted or refused. When several reasons apply, {@link
 * ChildcareCapacity#assess} reports the first in this order, which runs from facts no one can
 * change for this session to facts that could change (carers added, someone cancels), so the
 * mother is never told "full" when the truth is "not for this age".
 */
public enum AssessmentOutcome {
    ACCEPTED,
    /** The session has no childcare. */
    NOT_OFFERED,
    /** Childcare booking for the session has closed. */
    DEADLINE_PASSED,
    /** At least one requested child is outside the ages the carers can take. */
    AGE_OUT_OF_RANGE,
    /** The organisation's cap on children per session would be exceeded. */
    CAP_EXCEEDED,
    /** More carers would be needed than the session has. */
    RATIO_EXCEEDED
}
