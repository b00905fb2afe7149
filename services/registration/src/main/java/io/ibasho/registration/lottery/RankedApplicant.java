package io.ibasho.registration.lottery;

import java.util.UUID;

/**
 * An applicant's place in the drawn order.
 *
 * @param drawPosition position in the whole drawn order, 1 = first
 * @param applicant    the application as it was entered into the draw
 * @param rankGroup    her tier, or the "already won this month" group after every tier
 * @param rankKeyHex   HMAC-SHA256(seed, id) in lower-case hex; kept so that anyone can re-check each line
 */
public record RankedApplicant(int drawPosition, LotteryApplicant applicant, int rankGroup, String rankKeyHex) {

    public UUID applicationId() {
        return applicant.applicationId();
    }
}
