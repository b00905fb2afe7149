package io.ibasho.notification;

import io.ibasho.testsupport.ServiceLayersTest;

/**
 * This service's layers ({@link ServiceLayersTest}): {@code rest} → service layer (service, messaging) → pure domain (delivery, message, webhook: quiet hours, retries, destinations, wording, signatures).
 */
class ArchitectureTest extends ServiceLayersTest {
    ArchitectureTest() {
        super("io.ibasho.notification", new String[] {"service", "messaging"}, "delivery", "message", "webhook");
    }
}
