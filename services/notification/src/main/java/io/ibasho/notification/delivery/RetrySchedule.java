package io.ibasho.notification.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.random.RandomGenerator;

/**
 * When to retry a failed webhook delivery or e-mail.
 *
 * <p>The standard schedule is the Standard Webhooks recommendation (first attempt immediately, then after
 * 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h), extended by three 14 h waits so that delivery keeps trying for close
 * to three days: a partner's server down over a weekend, or a mail provider's long outage, should not lose a
 * message. Delays count from the failure, in hours after the first attempt (without jitter):
 *
 * <pre>
 * attempt  1   0 s      (immediately)
 * attempt  2   +5 s
 * attempt  3   +5 min
 * attempt  4   +30 min
 * attempt  5   +2 h     ≈ 2.6 h
 * attempt  6   +5 h     ≈ 7.6 h
 * attempt  7   +10 h    ≈ 17.6 h
 * attempt  8   +10 h    ≈ 27.6 h
 * attempt  9   +14 h    ≈ 41.6 h
 * attempt 10   +14 h    ≈ 55.6 h
 * attempt 11   +14 h    ≈ 69.6 h
 * then dead-letter.
 * </pre>
 *
 * <p>Jitter only ever shortens a delay, by up to 10 %: it still spreads out the retries of everything that
 * failed in the same outage, while no attempt ever happens later than the table says. Independently of the
 * table, a retry that would fall more than {@link #MAX_AGE} after the first attempt is dead-lettered instead
 * (attempts can drift late when the service itself was down).
 */
public final class RetrySchedule {
    public static final List<Duration> STANDARD_DELAYS = List.of(
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
    public static final Duration MAX_AGE = Duration.ofDays(3);
    public static final double MAX_JITTER_FRACTION = 0.10;

    private final List<Duration> delays;
    private final Duration maxAge;
    private final RandomGenerator random;

    public RetrySchedule(List<Duration> delays, Duration maxAge, RandomGenerator random) {
        this.delays = List.copyOf(delays);
        this.maxAge = Objects.requireNonNull(maxAge, "maxAge");
        this.random = Objects.requireNonNull(random, "random");
        if (this.delays.stream().anyMatch(d -> d.isNegative() || d.isZero())) {
            throw new IllegalArgumentException("retry delays must be positive");
        }
    }

    /** The documented schedule; pass a seeded {@link Random} in tests for repeatable jitter. */
    public static RetrySchedule standard(RandomGenerator random) {
        return new RetrySchedule(STANDARD_DELAYS, MAX_AGE, random);
    }

    public static RetrySchedule standard() {
        return standard(new Random());
    }

    /** How many attempts the schedule allows in all, the first included. */
    public int maxAttempts() {
        return delays.size() + 1;
    }

    /**
     * @param attemptsMade   attempts made so far, the one that just failed included (1 after the first failure)
     * @param firstAttemptAt when the first attempt was made
     * @param failedAt       when the latest attempt failed; the next delay counts from here
     */
    public RetryDecision afterFailure(int attemptsMade, Instant firstAttemptAt, Instant failedAt) {
        if (attemptsMade < 1) {
            throw new IllegalArgumentException("attemptsMade counts the failed attempt, so it is at least 1");
        }
        if (failedAt.isBefore(firstAttemptAt)) {
            throw new IllegalArgumentException("failedAt is before firstAttemptAt");
        }
        if (attemptsMade > delays.size()) {
            return new RetryDecision.DeadLetter("gave up after " + attemptsMade + " attempts");
        }
        Duration delay = delays.get(attemptsMade - 1);
        long jitterMillis = (long) (delay.toMillis() * MAX_JITTER_FRACTION * random.nextDouble());
        Instant next = failedAt.plus(delay).minusMillis(jitterMillis);
        if (next.isAfter(firstAttemptAt.plus(maxAge))) {
            return new RetryDecision.DeadLetter(
                    "next attempt would be more than " + maxAge.toHours() + " h after the first");
        }
        return new RetryDecision.RetryAt(next);
    }
}
