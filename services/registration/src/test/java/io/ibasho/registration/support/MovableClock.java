package io.ibasho.registration.support;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The service's clock in tests: the wall clock plus an offset a test can move, so that a deadline passes at once
 * instead of after a sleep. Replaces the plumbing kit's default clock in every @QuarkusTest of this module. A test that
 * moves it puts it back ({@link #reset()}) when it is done, because the other test classes share the application.
 */
@Alternative
@Priority(1)
@Singleton
public class MovableClock extends Clock {
    private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

    /** Moves the service's time forward (or back) by {@code by}. */
    public void advance(Duration by) {
        offset.updateAndGet(current -> current.plus(by));
    }

    /** Moves the service's time to {@code instant} (seen from now on the wall). */
    public void moveTo(OffsetDateTime instant) {
        offset.set(Duration.between(Instant.now(), instant.toInstant()));
    }

    public void reset() {
        offset.set(Duration.ZERO);
    }

    /** The service's "now". */
    public OffsetDateTime now() {
        return OffsetDateTime.now(this);
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(offset.get());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the service's clock is UTC");
    }
}
