package io.ibasho.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Overload at the gateway is a 503 problem, never a 504 or 500: with every connection to a service busy, a request
 * waits at most upstream-queue-wait for one and is then answered 503 {@code upstream-busy} with Retry-After (round 13:
 * with Vert.x' five connections per service, a third of the bookings of a loaded rush were answered 504).
 */
@QuarkusTest
@TestProfile(OneConnectionTracedProfile.class) // one connection per upstream service
@WithTestResource(EchoUpstream.class)
class UpstreamBusyTest {
    @io.quarkus.test.common.http.TestHTTPResource("/")
    URI gateway;

    @Test
    void aRequestThatFindsEveryConnectionBusyIsA503ProblemAndTheNextOneWorks() throws Exception {
        // first a request that works: RestAssured's first request in a JVM takes seconds on a busy machine, which once
        // sent the next one only after the held answer had come (a 200 in fresh-clone run k4)
        given().get("/api/events/sessions").then().statusCode(200);
        // a plain client for the held one (RestAssured's retries a request it thinks lost); the upstream answers it
        // after 8 s, so the only connection stays busy for the request below even on a slow machine
        CompletableFuture<Integer> held = HttpClient.newHttpClient()
                .sendAsync(
                        HttpRequest.newBuilder(gateway.resolve("/api/events/hold"))
                                .version(HttpClient.Version.HTTP_1_1)
                                .build(),
                        HttpResponse.BodyHandlers.discarding())
                .thenApply(HttpResponse::statusCode);
        Thread.sleep(1500); // the held request has the only connection to the echo upstream by now

        given().get("/api/events/sessions")
                .then()
                .statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", equalTo("2"))
                .body("status", equalTo(503))
                .body("type", endsWith("/upstream-busy"))
                .body("detail", containsString("Nothing was changed"));

        assertEquals(200, held.get(20, TimeUnit.SECONDS));
        given().get("/api/events/sessions").then().statusCode(200).body("uri", equalTo("/api/events/sessions"));
    }
}
