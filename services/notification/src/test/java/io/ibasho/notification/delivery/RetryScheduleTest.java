package io.ibasho.notification.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class RetryScheduleTest {
    private static final Instant FIRST = Instant.parse("2025-04-01T00:00:00Z");

    /** A generator that always returns the same fraction, to pin jitter at its extremes. */
    private static RandomGenerator constant(double fraction) {
        return new RandomGenerator() {
            @Override
            public long nextLong() {
                throw new UnsupportedOperationException();
            }

            @Override
            public double nextDouble() {
                return fraction;
            }
        };
    }

    /** Fails every attempt as soon as it is made and collects the attempt times. */
    private static List<Instant> attemptTimes(RetrySchedule schedule) {
        List<Instant> attempts = new ArrayList<>(List.of(FIRST));
        while (true) {
            RetryDecision decision = schedule.afterFailure(attempts.size(), FIRST, attempts.getLast());
            if (decision instanceof RetryDecision.RetryAt retry) {
                attempts.add(retry.at());
            } else {
                return attempts;
            }
        }
    }

    @Test
    void withoutJitterFollowsTheDocumentedTable() {
        List<Instant> attempts = attemptTimes(RetrySchedule.standard(constant(0.0)));

        List<Duration> delays = new ArrayList<>();
        for (int i = 1; i < attempts.size(); i++) {
            delays.add(Duration.between(attempts.get(i - 1), attempts.get(i)));
        }
        assertThat(delays)
                .containsExactly(
                        Duration.ofSeconds(5),
                        Duration.ofMinutes(5),
                        Duration.ofMinutes(30),
                        Duration.ofHours(2),
                        Duration.ofHours(5),
                        Duration.ofHours(10),
                        Duration.ofHours(10),
                        Duration.ofHours(14),
                        Duration.ofHours(14),
                        Duration.ofHours(14));
    }

    @Test
    void givesUpWithADeadLetterAfterTheLastAttempt() {
        RetrySchedule schedule = RetrySchedule.standard(new Random(1));
        List<Instant> attempts = attemptTimes(schedule);

        assertThat(attempts).hasSize(schedule.maxAttempts()).hasSize(11);
        assertThat(schedule.afterFailure(11, FIRST, attempts.getLast())).isInstanceOf(RetryDecision.DeadLetter.class);
    }

    @Test
    void everyAttemptFallsWithinThreeDaysOfTheFirst() {
        for (double fraction : new double[] {0.0, 0.5, 0.999}) {
            List<Instant> attempts = attemptTimes(RetrySchedule.standard(constant(fraction)));

            assertThat(attempts.getLast()).isBefore(FIRST.plus(Duration.ofDays(3)));
            assertThat(Duration.between(FIRST, attempts.getLast())).isGreaterThan(Duration.ofHours(60));
        }
    }

    @Test
    void jitterOnlyShortensADelayByAtMostTenPercent() {
        Instant failedAt = FIRST.plus(Duration.ofMinutes(36));

        var shortest = (RetryDecision.RetryAt)
                RetrySchedule.standard(constant(0.999_999)).afterFailure(4, FIRST, failedAt);
        var longest =
                (RetryDecision.RetryAt) RetrySchedule.standard(constant(0.0)).afterFailure(4, FIRST, failedAt);

        assertThat(longest.at()).isEqualTo(failedAt.plus(Duration.ofHours(2)));
        assertThat(shortest.at())
                .isAfterOrEqualTo(failedAt.plus(Duration.ofMinutes(108)))
                .isBefore(longest.at());
    }

    @Test
    void theSameSeedGivesTheSameSchedule() {
        assertThat(attemptTimes(RetrySchedule.standard(new Random(42))))
                .isEqualTo(attemptTimes(RetrySchedule.standard(new Random(42))))
                .isNotEqualTo(attemptTimes(RetrySchedule.standard(new Random(43))));
    }

    @Test
    void aRetryThatWouldPassThreeDaysIsDeadLettered() {
        // The service was down, so the 9th attempt only failed 60 h in; +14 h would pass the 72 h limit.
        RetryDecision decision =
                RetrySchedule.standard(constant(0.0)).afterFailure(9, FIRST, FIRST.plus(Duration.ofHours(60)));

        assertThat(decision).isInstanceOf(RetryDecision.DeadLetter.class);
    }

    @Test
    void countsTheFirstAttempt() {
        assertThatThrownBy(() -> RetrySchedule.standard().afterFailure(0, FIRST, FIRST))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
