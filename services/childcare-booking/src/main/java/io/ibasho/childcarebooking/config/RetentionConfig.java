package io.ibasho.childcarebooking.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * How long the personal rows of a past session's childcare (bookings with the mother's account id, children's ages,
 * the answers given to each request) outlive the session. After that only anonymous per-session totals remain.
 */
@ConfigMapping(prefix = "ibasho.childcare-retention")
public interface RetentionConfig {
    /** Long enough for follow-up questions and corrections after the session; short enough to hold little. */
    @WithDefault("P30D")
    Duration afterSession();

    /** The care-sheet read audit names staff accounts and reasons, not families; kept a year for accountability. */
    @WithDefault("P365D")
    Duration audit();

    /** How often the deletion runs; a row may live up to this much longer than the retention. */
    @WithDefault("1h")
    String purgeInterval();

    /** Sessions handled per run, so one run stays a short transaction; the rest wait for the next run. */
    @WithDefault("50")
    int sessionsPerRun();
}
