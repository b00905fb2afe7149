package io.ibasho.registration.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.ibasho.registration.SessionCopy;
import io.ibasho.registration.lottery.LotteryPolicy;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The event service's lottery settings as a policy, and the winner's confirmation deadline: plain unit tests. */
class LotteryPoliciesTest {

    static LotteryPolicy policy(String settings) {
        SessionCopy session = new SessionCopy();
        session.capacity = 10;
        session.lotterySettings = settings;
        return LotteryPolicies.of(session);
    }

    @Test
    void withoutConfirmationWinnersAreConfirmedAtOnce() {
        LotteryPolicy policy = policy("{}");
        assertThat(policy.confirmationRequired()).isFalse();
        assertThat(policy.confirmationHours()).isZero();
        assertThat(policy.childcareRequiredToWin()).isTrue();
    }

    @Test
    void confirmationRequiredTakesItsHoursOrTheDefault48() {
        assertThat(policy("{\"confirmationRequired\":true,\"confirmationHours\":24}")
                        .confirmationHours())
                .isEqualTo(24);
        assertThat(policy("{\"confirmationRequired\":true}").confirmationHours())
                .isEqualTo(48);
        // a broken setting must not stop the draw: it falls back to the default
        assertThat(policy("{\"confirmationRequired\":true,\"confirmationHours\":0}")
                        .confirmationHours())
                .isEqualTo(48);
        assertThat(policy("{\"confirmationRequired\":true,\"confirmationHours\":100000}")
                        .confirmationHours())
                .isEqualTo(48);
        assertThat(policy("{\"confirmationHours\":24}").confirmationRequired()).isFalse();
        assertThat(policy("not json").confirmationRequired()).isFalse();
    }

    @Test
    void theConfirmationDeadlineIsNeverAfterTheStart() {
        OffsetDateTime now = OffsetDateTime.of(2026, 12, 1, 9, 0, 0, 0, ZoneOffset.UTC);
        assertThat(LotteryAllocationService.confirmationDeadline(now, 48, now.plusDays(7)))
                .isEqualTo(now.plusHours(48));
        assertThat(LotteryAllocationService.confirmationDeadline(now, 48, now.plusHours(10)))
                .isEqualTo(now.plusHours(10));
    }
}
