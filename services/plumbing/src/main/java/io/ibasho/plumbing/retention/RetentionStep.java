package io.ibasho.plumbing.retention;

import io.smallrye.mutiny.Uni;
import java.time.Instant;

/**
 * One part of a service's retention (deleting or anonymising personal data on its schedule), callable as of any time:
 * its own schedule passes the clock's now; {@link RetentionOnDemand} passes a time it is given, so a test can run
 * retention at once instead of waiting for the schedule.
 */
public interface RetentionStep {
    /** A short name for the answer of {@link RetentionOnDemand} (never anything personal). */
    String name();

    /** @return how many rows (or sessions) it deleted or anonymised */
    Uni<Integer> runAsOf(Instant now);
}
