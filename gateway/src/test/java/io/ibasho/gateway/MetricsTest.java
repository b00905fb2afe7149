package io.ibasho.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** /q/metrics is reachable from outside: its uri tags must never carry an id (which booking, which session, a feed token). */
@QuarkusTest
@WithTestResource(EchoUpstream.class)
class MetricsTest {

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

        String metrics =
                given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).contains("http_server_requests_seconds_count");
        assertThat(metrics).contains("uri=\"/api/registrations/**\"");
        assertThat(metrics).doesNotContain(id);
    }
}
