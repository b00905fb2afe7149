package io.ibasho.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesRegex;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The address bucket: applies to every limited request, so made-up tokens with fresh subs do not get around it. */
@QuarkusTest
@TestProfile(RateLimitPerAddressTest.TwoPerAddress.class)
@WithTestResource(EchoUpstream.class)
class RateLimitPerAddressTest {

    public static class TwoPerAddress implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("ibasho.gateway.rate-limit.per-ip.capacity", "2");
        }
    }

    @Test
    void afterTheLimitWritesAre429WithRetryAfterAndReadsStillWork() {
        for (int i = 0; i < 2; i++) {
            apply(null).then().statusCode(200);
        }
        apply(null)
                .then()
                .statusCode(429)
                .contentType("application/problem+json")
                .header("Retry-After", matchesRegex("[1-9][0-9]*"))
                .body("status", equalTo(429))
                .body("type", endsWith("/rate-limited"))
                .body("title", equalTo("Too many requests"));

        // a forged token with a fresh sub gets a fresh person bucket, but the address bucket is still empty
        apply(forgedToken(UUID.randomUUID().toString())).then().statusCode(429);
        apply(forgedToken(UUID.randomUUID().toString())).then().statusCode(429);

        // reads and unlisted writes are not limited
        given().get("/api/registrations/mine").then().statusCode(200);
        given().contentType(ContentType.JSON)
                .body("{}")
                .post("/api/events/sessions")
                .then()
                .statusCode(200);
    }

    private static io.restassured.response.Response apply(String token) {
        var request = given().contentType(ContentType.JSON).body("{\"sessionId\":\"s-1\"}");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request.post("/api/registrations/applications");
    }

    static String forgedToken(String sub) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(("{\"sub\":\"" + sub + "\"}").getBytes(StandardCharsets.UTF_8)) + ".x";
    }
}
