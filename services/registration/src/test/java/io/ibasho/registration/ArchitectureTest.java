package io.ibasho.registration;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The layer order of this service, enforced: {@code rest} → service layer (service, mapping, messaging, idempotency) → pure
 * domain (lottery: the draw and its verification). Only {@code rest} knows HTTP; nothing imports {@code rest}; the pure
 * domain imports no framework. Plain JUnit rather than ArchUnit's own engine, which does not run on JUnit 6.
 */
class ArchitectureTest {
    private static final String REST = "io.ibasho.registration.rest..";
    private static final String[] SERVICE_LAYER = {
        "io.ibasho.registration.service..", "io.ibasho.registration.mapping..",
        "io.ibasho.registration.messaging..", "io.ibasho.registration.idempotency.."
    };
    private static final String[] PURE_DOMAIN = {"io.ibasho.registration.lottery.."};
    private static final JavaClasses MAIN_CODE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.ibasho.registration");

    @Test
    void restThenServiceThenDomain() {
        layeredArchitecture()
                .consideringOnlyDependenciesInLayers()
                .layer("Rest")
                .definedBy(REST)
                .layer("Service")
                .definedBy(SERVICE_LAYER)
                .layer("Domain")
                .definedBy(PURE_DOMAIN)
                .whereLayer("Rest")
                .mayNotBeAccessedByAnyLayer()
                .whereLayer("Service")
                .mayOnlyBeAccessedByLayers("Rest")
                .whereLayer("Domain")
                .mayOnlyBeAccessedByLayers("Rest", "Service")
                .check(MAIN_CODE);
    }

    @Test
    void nothingOutsideRestImportsRest() {
        noClasses()
                .that()
                .resideOutsideOfPackage(REST)
                .should()
                .dependOnClassesThat()
                .resideInAPackage(REST)
                .check(MAIN_CODE);
    }

    @Test
    void onlyRestKnowsHttp() {
        noClasses()
                .that()
                .resideOutsideOfPackage(REST)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("jakarta.ws.rs..", "org.jboss.resteasy..", "io.ibasho.plumbing.problem..")
                .check(MAIN_CODE);
    }

    @Test
    void pureDomainImportsNoFramework() {
        noClasses()
                .that()
                .resideInAnyPackage(PURE_DOMAIN)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("io.quarkus..", "jakarta..", "io.smallrye..", "io.vertx..", "org.hibernate..")
                .check(MAIN_CODE);
    }
}
