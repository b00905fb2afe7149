package io.ibasho.event;

import io.ibasho.testsupport.ServiceLayersTest;
import org.junit.jupiter.api.Test;

/**
 * This service's layers ({@link ServiceLayersTest}): {@code rest} → service layer (service, repository, mapping, messaging, demo) → pure domain (schedule, feed, release: recurrences, the feed, the release of attendee details).
 */
class ArchitectureTest extends ServiceLayersTest {
    ArchitectureTest() {
        super(
                "io.ibasho.event",
                new String[] {"service", "repository", "mapping", "messaging", "demo"},
                "schedule",
                "feed",
                "release");
    }

    @Test
    void sqlOnlyInRepository() {
        noSqlOutsideRepositoryIn("service", "messaging", "mapping", "rest", "demo");
    }
}
