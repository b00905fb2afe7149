package io.ibasho.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Health, metrics and OpenAPI are served on the management interface only (issue #14): the public port answers 404 for
 * /q/*. And the HTTP metrics' uri tags never carry an id (which booking, which session, a feed token).
 */
@QuarkusTest
@WithTestResource(EchoUpstream.class)
class MetricsTest {
    private static final Pattern UUID_TEXT =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    // the management URL already ends in its root path, /q
    @TestHTTPResource(value = "/metrics", management = true)
    URL metrics;

    @TestHTTPResource(value = "/health/ready", management = true)
    URL health;

    @Test
    void theManagementPathsAreNotOnThePublicPort() {
        for (String path : new String[] {"/q/metrics", "/q/health", "/q/health/ready", "/q/openapi", "/q/dev-ui"}) {
            given().redirects().follow(false).get(path).then().statusCode(404);
        }
        given().get(health).then().statusCode(200);
        given().get(metrics).then().statusCode(200);
    }

    @Test
    void noIdReachesTheHttpMetrics() {
        String id = UUID.randomUUID().toString();
        given().get("/api/registrations/mine/" + id + "/qr").then().statusCode(200);
        given().get("/api/events/feeds/" + id + ".ics").then().statusCode(200);
        given().get("/api/childcare/offers/" + id).then().statusCode(200);
        given().get("/api/nothing/" + id).then().statusCode(404);
        given().redirects().follow(false).get("/s/" + id);
        given().redirects().follow(false).get("/app/bookings/" + id);
        given().redirects().follow(false).get("/app/bookings/" + id + "/qr.svg");
        given().redirects().follow(false).get("/sessions/" + id);
        given().redirects().follow(false).get("/no-such-page/" + id);
        given().redirects().follow(false).get("/q/metrics/" + id);

        String text = given().get(metrics).then().statusCode(200).extract().asString();
        assertThat(text).contains("http_server_requests_seconds_count");
        assertThat(text).contains("uri=\"/api/registrations/**\"");
        assertThat(text).doesNotContain(id);
        assertThat(text.lines().filter(line -> line.contains("uri=\"")))
                .as("no uri tag holds a UUID")
                .noneMatch(line -> UUID_TEXT.matcher(line).find());
    }
}
