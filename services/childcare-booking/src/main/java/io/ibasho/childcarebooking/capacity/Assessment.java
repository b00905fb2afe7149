package io.ibasho.childcarebooking.capacity;

import java.util.Objects;

/**
 * The answer to "can these children be taken at this session?", with the figures behind it so
 * the caller can explain a refusal or log the decision without recomputing.
 *
 * @param outcome accepted, or the reason for refusal
 * @param childrenIfAccepted existing plus requested children
 * @param carersNeededIfAccepted carers needed for existing plus requested children; computed for
 *     every outcome so refusals can be explained, and 0 when childcare is not offered
 * @param carersAvailable carers the session has
 */
public record Assessment(
        AssessmentOutcome outcome, int childrenIfAccepted, int carersNeededIfAccepted, int carersAvailable) {

    public Assessment {
        Objects.requireNonNull(outcome, "outcome");
    }

    public boolean accepted() {
        return outcome == AssessmentOutcome.ACCEPTED;
    }
}
