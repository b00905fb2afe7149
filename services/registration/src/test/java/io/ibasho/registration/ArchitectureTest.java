package io.ibasho.registration;

import io.ibasho.testsupport.ServiceLayersTest;
import org.junit.jupiter.api.Test;

/**
 * This service's layers ({@link ServiceLayersTest}): {@code rest} → service layer (service, repository, mapping, messaging, idempotency) → pure domain (lottery: the draw and its verification; door: the day a session's door takes check-ins).
 */
class ArchitectureTest extends ServiceLayersTest {
    ArchitectureTest() {
        super(
                "io.ibasho.registration",
                new String[] {"service", "repository", "mapping", "messaging", "idempotency"},
                "lottery",
                "door");
    }

    @Test
    void sqlOnlyInRepository() {
        noSqlOutsideRepositoryIn("service", "messaging", "mapping", "rest", "idempotency");
    }
}
