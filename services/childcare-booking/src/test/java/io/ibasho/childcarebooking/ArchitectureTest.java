package io.ibasho.childcarebooking;

import io.ibasho.testsupport.ServiceLayersTest;
import org.junit.jupiter.api.Test;

/**
 * This service's layers ({@link ServiceLayersTest}): {@code rest} → service layer (service, repository, mapping, messaging) → pure domain (capacity: ages, carer ratios, capacity).
 */
class ArchitectureTest extends ServiceLayersTest {
    ArchitectureTest() {
        super("io.ibasho.childcarebooking", new String[] {"service", "repository", "mapping", "messaging"}, "capacity");
    }

    @Test
    void sqlOnlyInRepository() {
        noSqlOutsideRepositoryIn("service", "messaging", "mapping", "rest");
    }
}
