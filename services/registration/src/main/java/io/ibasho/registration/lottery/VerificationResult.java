package io.ibasho.registration.lottery;

import java.util.Objects;
import java.util.Optional;

/**
 * The verdict on a published draw: OK, or the first thing that did not match. Only the first, because
 * everything after a mismatch follows from it and would bury the real finding.
 *
 * @param ok          whether every check passed
 * @param failedCheck which check failed; null when ok
 * @param message     a summary when ok, else what was published and what was recomputed
 */
public record VerificationResult(boolean ok, Check failedCheck, String message) {

    /** The checks, in the order the verifier makes them. */
    public enum Check {
        /** The file could not be read as a published draw. */
        FORMAT,
        /** SHA-256 of the revealed seed is not the commitment published when applications opened. */
        COMMITMENT,
        /** The draw is dated before applications closed. */
        DRAWN_AT,
        /**
         * The session, closing time, policy or applications are not the ones fingerprinted when applications
         * closed.
         */
        INPUT_DIGEST,
        /** An application's once-a-month flag disagrees with the published month wins (MonthWins). */
        MONTH_FLAGS,
        /** The published order is not the order the seed gives. */
        ORDER,
        /** A needed childcare answer is missing, or one is published that was never needed. */
        CHILDCARE_ANSWERS,
        WINNERS,
        RESERVE
    }

    public VerificationResult {
        Objects.requireNonNull(message, "message");
        if (ok != (failedCheck == null)) {
            throw new IllegalArgumentException("a result is ok exactly when no check failed");
        }
    }

    static VerificationResult passed(String summary) {
        return new VerificationResult(true, null, summary);
    }

    public static VerificationResult mismatch(Check check, String message) {
        return new VerificationResult(false, check, message);
    }

    public Optional<Check> failed() {
        return Optional.ofNullable(failedCheck);
    }

    @Override
    public String toString() {
        return ok ? "OK: " + message : "MISMATCH (" + failedCheck + "): " + message;
    }
}
