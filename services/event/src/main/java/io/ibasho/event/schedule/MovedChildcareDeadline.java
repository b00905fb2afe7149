package io.ibasho.event.schedule;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;

/**
 * What becomes of a session's childcare (託児) deadline when the session moves. An organiser sets the deadline for the
 * carers' planning: "two days before, at 17:00". When she moves the session and leaves the deadline as the form showed
 * it, the deadline keeps its distance before the start and moves with it; one she changed in the same edit is hers, as
 * typed. Without this the old instant stayed: three weeks before the new date, or before bookings even opened, and
 * childcare closed without anyone meaning it to. A deadline that would thereby pass at once (the session moved
 * nearer, its deadline was still ahead) is not moved silently either: she is asked to set it herself.
 *
 * <p>Times are Asia/Tokyo wall-clock times, compared to the minute (the form shows minutes); {@code now} is the
 * service's clock. Pure: known-answer tests in MovedChildcareDeadlineTest.
 */
public final class MovedChildcareDeadline {
    private MovedChildcareDeadline() {}

    /**
     * @param deadline the deadline to keep (null when none was sent)
     * @param followedTheStart whether it moved with the start rather than being the one sent
     * @param violation why the move cannot keep the deadline's distance, or null
     */
    public record Outcome(LocalDateTime deadline, boolean followedTheStart, Violation violation) {
        static Outcome asSent(LocalDateTime sent) {
            return new Outcome(sent, false, null);
        }
    }

    /**
     * @param startBefore the session's start before the edit (null: a new session)
     * @param deadlineBefore its childcare deadline before the edit (null: it offered no childcare)
     * @param startAfter the start the edit asks for
     * @param deadlineSent the deadline the edit asks for (null: childcare not offered, or no deadline given)
     */
    public static Outcome of(
            LocalDateTime startBefore,
            LocalDateTime deadlineBefore,
            LocalDateTime startAfter,
            LocalDateTime deadlineSent,
            LocalDateTime now) {
        if (startBefore == null || deadlineBefore == null || startAfter == null || deadlineSent == null) {
            return Outcome.asSent(deadlineSent);
        }
        boolean moved = !minute(startBefore).isEqual(minute(startAfter));
        boolean deadlineChanged = !minute(deadlineBefore).isEqual(minute(deadlineSent));
        if (!moved || deadlineChanged) {
            return Outcome.asSent(deadlineSent);
        }
        LocalDateTime followed = deadlineBefore.plus(Duration.between(startBefore, startAfter));
        if (!followed.isAfter(now) && deadlineBefore.isAfter(now)) {
            return new Outcome(
                    deadlineSent,
                    false,
                    new Violation(
                            "childcare.deadline",
                            SessionRuleCode.CHILDCARE_DEADLINE_PASSED_BY_MOVE,
                            "Moved with the session, the childcare deadline would be " + followed
                                    + ", which has passed: give the childcare deadline for the new date"));
        }
        return new Outcome(followed, true, null);
    }

    private static LocalDateTime minute(LocalDateTime time) {
        return time.truncatedTo(ChronoUnit.MINUTES);
    }
}
