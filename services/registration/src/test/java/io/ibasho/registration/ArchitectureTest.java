package io.ibasho.registration;

import io.ibasho.testsupport.ServiceLayersTest;

/**
 * This service's layers ({@link ServiceLayersTest}): {@code rest} → service layer (service, mapping, messaging, idempotency) → pure domain (lottery: the draw and its verification).
 */
class ArchitectureTest extends ServiceLayersTest {
    ArchitectureTest() {
        super("io.ibasho.registration", new String[] {"service", "mapping", "messaging", "idempotency"}, "lottery");
    }
}
