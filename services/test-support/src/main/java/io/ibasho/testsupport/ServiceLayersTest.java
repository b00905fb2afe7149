package io.ibasho.testsupport;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * The layer order every service keeps, enforced: {@code rest} → service layer → pure domain. Only {@code rest} knows
 * HTTP; nothing imports {@code rest}; the pure domain imports no framework. A service's {@code ArchitectureTest}
 * extends this and names its own packages. Plain JUnit rather than ArchUnit's own engine, which does not run on JUnit 6.
 */
public abstract class ServiceLayersTest {
    private static final DescribedPredicate<JavaMethodCall> NATIVE_QUERY = DescribedPredicate.describe(
            "a native query (Hibernate's createNativeQuery, Vert.x's query or preparedQuery)", call -> {
                String owner = call.getTargetOwner().getPackageName();
                return switch (call.getName()) {
                    case "createNativeQuery" -> owner.startsWith("org.hibernate");
                    case "query", "preparedQuery" -> owner.startsWith("io.vertx");
                    default -> false;
                };
            });

    private final String rest;
    private final String[] serviceLayer;
    private final String[] pureDomain;
    private final String root;
    private final JavaClasses mainCode;

    /**
     * @param root the service's root package, e.g. {@code io.ibasho.event}
     * @param serviceLayer the sub-packages of the service layer, e.g. {@code service}, {@code mapping}
     * @param pureDomain the sub-packages of the pure domain, e.g. {@code lottery}
     */
    protected ServiceLayersTest(String root, String[] serviceLayer, String... pureDomain) {
        this.root = root;
        this.rest = root + ".rest..";
        this.serviceLayer = packages(root, serviceLayer);
        this.pureDomain = packages(root, pureDomain);
        this.mainCode = IMPORTED.computeIfAbsent(root, ServiceLayersTest::importMainCode);
    }

    /**
     * JUnit makes an instance per test method: importing the service's classes (and ArchUnit's resolution of what they
     * use) in each took about 2 s, five times per module. The import is the same for every rule, so it is made once.
     */
    private static final Map<String, JavaClasses> IMPORTED = new ConcurrentHashMap<>();

    private static JavaClasses importMainCode(String root) {
        return new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(root);
    }

    private static String[] packages(String root, String[] subPackages) {
        return Arrays.stream(subPackages).map(sub -> root + "." + sub + "..").toArray(String[]::new);
    }

    @Test
    public void restThenServiceThenDomain() {
        layeredArchitecture()
                .consideringOnlyDependenciesInLayers()
                .layer("Rest")
                .definedBy(rest)
                .layer("Service")
                .definedBy(serviceLayer)
                .layer("Domain")
                .definedBy(pureDomain)
                .whereLayer("Rest")
                .mayNotBeAccessedByAnyLayer()
                .whereLayer("Service")
                .mayOnlyBeAccessedByLayers("Rest")
                .whereLayer("Domain")
                .mayOnlyBeAccessedByLayers("Rest", "Service")
                .check(mainCode);
    }

    @Test
    public void nothingOutsideRestImportsRest() {
        noClasses()
                .that()
                .resideOutsideOfPackage(rest)
                .should()
                .dependOnClassesThat()
                .resideInAPackage(rest)
                .check(mainCode);
    }

    @Test
    public void onlyRestKnowsHttp() {
        noClasses()
                .that()
                .resideOutsideOfPackage(rest)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("jakarta.ws.rs..", "org.jboss.resteasy..", "io.ibasho.plumbing.problem..")
                .check(mainCode);
    }

    @Test
    public void pureDomainImportsNoFramework() {
        noClasses()
                .that()
                .resideInAnyPackage(pureDomain)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("io.quarkus..", "jakarta..", "io.smallrye..", "io.vertx..", "org.hibernate..")
                .check(mainCode);
    }

    /**
     * SQL lives in {@code repository}: the given sub-packages (e.g. {@code service}, {@code messaging}) call no native
     * query of Hibernate Reactive or Vert.x, so they read as domain steps. A service calls this from its own test once
     * its SQL has moved (HQL through Panache entities stays where it is read).
     */
    protected void noSqlOutsideRepositoryIn(String... subPackages) {
        noClasses()
                .that()
                .resideInAnyPackage(packages(root, subPackages))
                .should()
                .callMethodWhere(NATIVE_QUERY)
                .because("native SQL belongs in the repository package")
                .check(mainCode);
    }
}
