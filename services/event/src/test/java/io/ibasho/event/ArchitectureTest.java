package io.ibasho.event;

import io.ibasho.testsupport.ServiceLayersTest;

/**
 * This service's layers ({@link ServiceLayersTest}): {@code rest} → service layer (service, mapping, messaging, demo) → pure domain (schedule, feed, release: recurrences, the feed, the release of attendee details).
 */
class ArchitectureTest extends ServiceLayersTest {
    ArchitectureTest() {
        super(
                "io.ibasho.event",
                new String[] {"service", "mapping", "messaging", "demo"},
                "schedule",
                "feed",
                "release");
    }
}
