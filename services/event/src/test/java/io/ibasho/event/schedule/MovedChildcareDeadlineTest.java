package io.ibasho.event.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

/** Known answers: a café on Tuesday 8 December 2026 at 13:30, childcare requests until Sunday the 6th at 17:00. */
class MovedChildcareDeadlineTest {
    private static final LocalDateTime START = LocalDateTime.of(2026, 12, 8, 13, 30);
    private static final LocalDateTime DEADLINE = LocalDateTime.of(2026, 12, 6, 17, 0);
    private static final LocalDateTime NOW = LocalDateTime.of(2026, 11, 20, 10, 0);

    @Test
    void movedAWeekLaterItsDeadlineMovesAWeekLaterToo() {
        var outcome = MovedChildcareDeadline.of(START, DEADLINE, START.plusDays(7), DEADLINE, NOW);

        assertThat(outcome.deadline()).isEqualTo(LocalDateTime.of(2026, 12, 13, 17, 0));
        assertThat(outcome.followedTheStart()).isTrue();
        assertThat(outcome.violation()).isNull();
    }

    @Test
    void movedToTheEveningOfAnotherDayItKeepsTwoDaysAndTwentyAndAHalfHours() {
        // 13:30 on the 8th → 18:45 on the 22nd: the deadline is 1 day 20 h 30 min before, as it was
        var outcome = MovedChildcareDeadline.of(START, DEADLINE, LocalDateTime.of(2026, 12, 22, 18, 45), DEADLINE, NOW);

        assertThat(outcome.deadline()).isEqualTo(LocalDateTime.of(2026, 12, 20, 22, 15));
    }

    @Test
    void movedEarlierItsDeadlineMovesEarlierAndStaysAheadOfNow() {
        var outcome = MovedChildcareDeadline.of(START, DEADLINE, START.minusDays(14), DEADLINE, NOW);

        assertThat(outcome.deadline()).isEqualTo(LocalDateTime.of(2026, 11, 22, 17, 0));
        assertThat(outcome.violation()).isNull();
    }

    @Test
    void aDeadlineSheChangedInTheSameEditIsHersAsTyped() {
        LocalDateTime hers = LocalDateTime.of(2026, 12, 10, 12, 0);
        var outcome = MovedChildcareDeadline.of(START, DEADLINE, START.plusDays(7), hers, NOW);

        assertThat(outcome.deadline()).isEqualTo(hers);
        assertThat(outcome.followedTheStart()).isFalse();
    }

    @Test
    void aDeadlineSentBackAsTheFormShowedItToTheMinuteCountsAsUnchanged() {
        // stored with seconds (a series' date counted back from its start), shown and sent to the minute
        LocalDateTime stored = DEADLINE.plusSeconds(30);
        var outcome = MovedChildcareDeadline.of(START, stored, START.plusDays(1), DEADLINE, NOW);

        assertThat(outcome.followedTheStart()).isTrue();
        assertThat(outcome.deadline()).isEqualTo(stored.plusDays(1));
    }

    @Test
    void notMovedTheDeadlineIsTheOneSent() {
        LocalDateTime later = DEADLINE.plusHours(5);
        assertThat(MovedChildcareDeadline.of(START, DEADLINE, START, later, NOW).deadline())
                .isEqualTo(later);
        // a change of seconds is no move
        assertThat(MovedChildcareDeadline.of(START, DEADLINE, START.plusSeconds(20), DEADLINE, NOW)
                        .followedTheStart())
                .isFalse();
    }

    @Test
    void childcareOfferedForTheFirstTimeOrNoLongerHasNothingToFollow() {
        assertThat(MovedChildcareDeadline.of(START, null, START.plusDays(7), DEADLINE, NOW))
                .isEqualTo(new MovedChildcareDeadline.Outcome(DEADLINE, false, null));
        assertThat(MovedChildcareDeadline.of(START, DEADLINE, START.plusDays(7), null, NOW))
                .isEqualTo(new MovedChildcareDeadline.Outcome(null, false, null));
        assertThat(MovedChildcareDeadline.of(null, null, START, DEADLINE, NOW).deadline())
                .isEqualTo(DEADLINE);
    }

    @Test
    void movedSoNearThatItsDeadlineWouldHavePassedSheIsAskedToSetIt() {
        // now the 5th at noon; the café moves to the 6th: two days before would be the 4th, already past
        LocalDateTime now = LocalDateTime.of(2026, 12, 5, 12, 0);
        var outcome = MovedChildcareDeadline.of(START, DEADLINE, START.minusDays(2), DEADLINE, now);

        assertThat(outcome.violation()).isNotNull();
        assertThat(outcome.violation().code()).isEqualTo(SessionRuleCode.CHILDCARE_DEADLINE_PASSED_BY_MOVE);
        assertThat(outcome.violation().field()).isEqualTo("childcare.deadline");
        assertThat(outcome.violation().message()).contains("2026-12-04T17:00");
        assertThat(outcome.followedTheStart()).isFalse();
    }

    @Test
    void aDeadlineAlreadyPastMovesWithALaterSessionAndOpensAgain() {
        // childcare closed on the 6th; now the 7th, the café moves a week later: requests open until the 13th
        LocalDateTime now = LocalDateTime.of(2026, 12, 7, 9, 0);
        var later = MovedChildcareDeadline.of(START, DEADLINE, START.plusDays(7), DEADLINE, now);
        assertThat(later.deadline()).isEqualTo(LocalDateTime.of(2026, 12, 13, 17, 0));
        assertThat(later.violation()).isNull();
        // moved earlier still, it stays closed without asking: nothing was open to lose
        var earlier = MovedChildcareDeadline.of(START, DEADLINE, START.minusHours(6), DEADLINE, now);
        assertThat(earlier.violation()).isNull();
        assertThat(earlier.deadline()).isEqualTo(DEADLINE.minusHours(6));
    }
}
