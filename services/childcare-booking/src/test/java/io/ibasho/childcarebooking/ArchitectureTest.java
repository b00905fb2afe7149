package io.ibasho.childcarebooking;

import io.ibasho.testsupport.ServiceLayersTest;

/**
 * This service's layers ({@link ServiceLayersTest}): {@code rest} → service layer (service, mapping, messaging) → pure domain (capacity: ages, carer ratios, capacity).
 */
class ArchitectureTest extends ServiceLayersTest {
    ArchitectureTest() {
        super("io.ibasho.childcarebooking", new String[] {"service", "mapping", "messaging"}, "capacity");
    }
}
