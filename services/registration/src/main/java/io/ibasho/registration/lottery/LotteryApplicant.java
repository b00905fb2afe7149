package io.ibasho.registration.lottery;

import java.util.Objects;
import java.util.UUID;

/**
 * One application as the lottery sees it. Deliberately no name, contact or children's details:
 * these records are published with the draw so that anyone can check it.
 *
 * @param applicationId       the application's id; it is published, so it must not double as a secret
 *                            (links that let someone cancel or confirm need their own token)
 * @param tier                priority tier, 0 = first; must be below {@link LotteryPolicy#tierCount()}
 * @param alreadyWonThisMonth won another Ibasho lottery this calendar month (only matters when the policy
 *                            limits wins to one per month)
 * @param needsChildcare      asked for childcare with this application
 */
public record LotteryApplicant(UUID applicationId, int tier, boolean alreadyWonThisMonth, boolean needsChildcare) {

    public LotteryApplicant {
        Objects.requireNonNull(applicationId, "applicationId");
        if (tier < 0) {
            throw new IllegalArgumentException("tier must be 0 or more, was " + tier);
        }
    }

    /** An applicant in the first tier with no flags set. */
    public static LotteryApplicant of(UUID applicationId) {
        return new LotteryApplicant(applicationId, 0, false, false);
    }

    /**
     * The exact text that is hashed and sorted: Java's {@link UUID#toString()}, which is always the
     * 36-character lower-case form. Ids are compared as these strings, never with
     * {@link UUID#compareTo}, which compares signed numbers and would sort differently from other languages.
     */
    public String canonicalId() {
        return applicationId.toString();
    }
}
