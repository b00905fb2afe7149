package io.ibasho.testsupport;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.path.json.JsonPath;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** A service's readiness as a Kubernetes probe reads it: {@code /q/health/ready} on its management interface. */
public final class Readiness {
    private static final Duration PROBE_PATIENCE = Duration.ofSeconds(30);

    private Readiness() {}

    /**
     * Waits for 200 as a probe polls (up to 30 s: a test before may have cut the service's connections, and the pool's
     * check meets a cut one before the pool replaces it), then checks that readiness and every one of its checks are
     * UP and that PostgreSQL and Kafka are among them.
     *
     * @return the checks' names, for what a service adds to them
     */
    public static List<String> awaitEveryCheckUp(URI management) throws InterruptedException {
        String url = management.resolve("/q/health/ready").toString();
        long deadline = System.nanoTime() + PROBE_PATIENCE.toNanos();
        while (given().get(url).statusCode() != 200 && System.nanoTime() < deadline) {
            Thread.sleep(250);
        }
        JsonPath ready = given().get(url).then().statusCode(200).extract().jsonPath();
        assertEquals("UP", ready.getString("status"));
        List<Map<String, Object>> checks = ready.getList("checks");
        checks.forEach(check -> assertEquals("UP", check.get("status"), "check " + check.get("name")));
        List<String> names =
                checks.stream().map(check -> String.valueOf(check.get("name"))).toList();
        assertTrue(
                names.stream().anyMatch(name -> name.matches("(?i).*(postgres|database).*")), "PostgreSQL in " + names);
        assertTrue(names.stream().anyMatch(name -> name.matches("(?i).*kafka.*")), "Kafka in " + names);
        return names;
    }
}
