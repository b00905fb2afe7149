package io.ibasho.event.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "ibasho.attendee-details")
public interface AttendeeDetailsConfig {
    /**
     * How long before an online session's start its meeting link is released to confirmed attendees. Not earlier:
     * a link that sits on a shared phone for days is a link someone else can open.
     */
    @WithDefault("60m")
    Duration meetingLinkLeadTime();

    /** Confirmations of sessions that ended longer ago than this are deleted: nobody needs directions any more. */
    @WithDefault("P7D")
    Duration retention();

    /**
     * Ids of handled registration events are kept this long to recognise a redelivery; far longer than Kafka could
     * redeliver (its retention is 7 days), then deleted so the table does not grow forever.
     */
    @WithDefault("P30D")
    Duration processedMessageRetention();

    /** How often the deletion runs (read by AttendeeConfirmationCleanupJob's @Scheduled expression). */
    @WithDefault("1h")
    Duration cleanupInterval();
}
