package io.ibasho.notification;

import io.ibasho.testsupport.ServiceLayersTest;
import org.junit.jupiter.api.Test;

/**
 * This service's layers ({@link ServiceLayersTest}): {@code rest} → service layer (service, repository, messaging, demo) → pure domain (delivery, message, webhook: quiet hours, retries, destinations, wording, signatures).
 */
class ArchitectureTest extends ServiceLayersTest {
    ArchitectureTest() {
        super(
                "io.ibasho.notification",
                new String[] {"service", "repository", "messaging", "demo"},
                "delivery",
                "message",
                "webhook");
    }

    @Test
    void sqlOnlyInRepository() {
        noSqlOutsideRepositoryIn("service", "messaging", "rest", "demo");
    }
}
