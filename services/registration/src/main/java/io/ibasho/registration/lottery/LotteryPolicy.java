package io.ibasho.registration.lottery;

import java.util.List;
import java.util.Objects;

/**
 * The rules of one session's lottery. They are shown to applicants before they apply and cannot
 * change afterwards: the policy is part of the input digest, so a changed rule would be visible.
 *
 * @param seats                  seats to fill by lottery
 * @param priorityTiers          labels of the priority tiers, first tier first (for example
 *                               "初めての方 / first-time participants", "その他 / everyone else");
 *                               empty means no priority, everyone is in tier 0
 * @param oneWinPerMonth         if true, applicants who already won another lottery this month are ranked
 *                               after everyone else (they can still win a seat nobody else wanted)
 * @param childcareRequiredToWin if true, an applicant who needs childcare wins only if childcare could be
 *                               reserved for her children; otherwise she keeps her rank on the reserve list
 * @param confirmationRequired     winners confirm their seat by a deadline, else it is offered to the reserve list
 * @param confirmationHours      hours to confirm after being told; 0 when no confirmation is asked for
 */
public record LotteryPolicy(
        int seats,
        List<String> priorityTiers,
        boolean oneWinPerMonth,
        boolean childcareRequiredToWin,
        boolean confirmationRequired,
        int confirmationHours) {

    public LotteryPolicy {
        if (seats < 1) {
            throw new IllegalArgumentException("a lottery needs at least one seat, was " + seats);
        }
        priorityTiers = List.copyOf(Objects.requireNonNull(priorityTiers, "priorityTiers"));
        if (confirmationRequired && confirmationHours < 1) {
            throw new IllegalArgumentException("winners who must confirm need at least one hour to do so");
        }
        if (!confirmationRequired && confirmationHours != 0) {
            throw new IllegalArgumentException("confirmationHours is only meaningful when winners must confirm");
        }
    }

    /** The default policy: one tier, no monthly limit, childcare required to win, no confirmation. */
    public static LotteryPolicy withSeats(int seats) {
        return new LotteryPolicy(seats, List.of(), false, true, false, 0);
    }

    public LotteryPolicy withPriorityTiers(String... labels) {
        return new LotteryPolicy(
                seats,
                List.of(labels),
                oneWinPerMonth,
                childcareRequiredToWin,
                confirmationRequired,
                confirmationHours);
    }

    public LotteryPolicy withOneWinPerMonth(boolean limit) {
        return new LotteryPolicy(
                seats, priorityTiers, limit, childcareRequiredToWin, confirmationRequired, confirmationHours);
    }

    public LotteryPolicy withChildcareRequiredToWin(boolean required) {
        return new LotteryPolicy(
                seats, priorityTiers, oneWinPerMonth, required, confirmationRequired, confirmationHours);
    }

    public LotteryPolicy withConfirmationWithinHours(int hours) {
        return new LotteryPolicy(seats, priorityTiers, oneWinPerMonth, childcareRequiredToWin, true, hours);
    }

    /** Number of tiers applicants may be in; at least 1 even when there are no priorities. */
    public int tierCount() {
        return Math.max(1, priorityTiers.size());
    }

    /**
     * The group an applicant is ranked in: her tier, or, when wins are limited to one a month and she
     * already won, a group after every tier. Lower groups are ranked first.
     */
    public int rankGroup(LotteryApplicant applicant) {
        if (applicant.tier() >= tierCount()) {
            throw new IllegalArgumentException("application " + applicant.applicationId() + " is in tier "
                    + applicant.tier() + " but the policy has only " + tierCount() + " tier(s)");
        }
        return oneWinPerMonth && applicant.alreadyWonThisMonth() ? tierCount() : applicant.tier();
    }
}
