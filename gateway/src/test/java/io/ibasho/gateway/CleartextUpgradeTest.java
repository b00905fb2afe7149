package io.ibasho.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A client that offers an upgrade to HTTP/2 over plain HTTP ({@code Upgrade: h2c}, what Java's own HttpClient does by
 * default) on a request with a body got "101 Switching Protocols" from the gateway and then no answer at all: a LINE
 * webhook sent that way hung. The gateway speaks HTTP/1.1 (TLS, and HTTP/2 with it, end at the ingress), so such a
 * request is answered like any other.
 */
@QuarkusTest
@WithTestResource(EchoUpstream.class)
class CleartextUpgradeTest {
    @TestHTTPResource("/api/registrations/sessions/00000000-0000-0000-0000-000000000000/bookings")
    URI booking;

    @Test
    void aPostOfferingAnH2cUpgradeIsAnsweredNotLeftHanging() throws Exception {
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_2)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        HttpResponse<String> answer = http.send(
                HttpRequest.newBuilder(booking)
                        .timeout(Duration.ofSeconds(10))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"nickname\":\"はな\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(200); // passed on to the (echo) upstream and answered
        assertThat(answer.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
    }
}
