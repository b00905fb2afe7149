package io.ibasho.event.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.ibasho.event.Session;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;

/** While a lottery's applications are open its deadline moves later only (plain, no Quarkus). */
class FrozenLotteryRulesTest {
    private static final OffsetDateTime NOW = OffsetDateTime.parse("2026-12-06T10:00:00+09:00");
    private static final OffsetDateTime DEADLINE = NOW.plusDays(3);

    @Test
    void anOpenDeadlineMayMoveLaterButNeverEarlier() {
        assertThat(FrozenLotteryRules.deadlineMovedEarlier(DEADLINE, DEADLINE.plusDays(1), NOW))
                .isFalse();
        assertThat(FrozenLotteryRules.deadlineMovedEarlier(DEADLINE, DEADLINE, NOW))
                .isFalse();
        assertThat(FrozenLotteryRules.deadlineMovedEarlier(DEADLINE, DEADLINE.minusHours(1), NOW))
                .isTrue();
        assertThat(FrozenLotteryRules.deadlineMovedEarlier(DEADLINE, NOW, NOW)).isTrue();
        // one that has passed is the freeze's to refuse (any move would reopen the lottery), not this rule's
        assertThat(FrozenLotteryRules.deadlineMovedEarlier(NOW.minusHours(1), NOW.minusHours(2), NOW))
                .isFalse();
    }

    @Test
    void aSeriesEditKeepsAnOpenOccurrencesDeadlineUnlessItMovesLater() {
        Session frozen = new Session();
        frozen.applicationClosesAt = DEADLINE;
        Session earlier = new Session();
        earlier.applicationClosesAt = DEADLINE.minusDays(1);
        FrozenLotteryRules.keepFrozen(frozen, earlier, NOW);
        assertThat(earlier.applicationClosesAt).isEqualTo(DEADLINE);

        Session later = new Session();
        later.applicationClosesAt = DEADLINE.plusDays(1);
        FrozenLotteryRules.keepFrozen(frozen, later, NOW);
        assertThat(later.applicationClosesAt).isEqualTo(DEADLINE.plusDays(1));
    }
}
