package io.ibasho.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesRegex;

import io.ibasho.testsupport.Tokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The stricter limits on her e-mail address and its confirmation code (%test: 2 per person, 3 per address): a code
 * mailed to any address typed in must not become a way to flood a stranger's inbox, and a code must not be guessed.
 * Real tokens from the test Keycloak (the person buckets count verified subs only; any account will do, since the gateway
 * counts and the services check roles). One test method, because the address
 * bucket is shared by everything this class sends. In these tests the notification route points at a port where
 * nothing listens (EchoUpstream): a request the limits let through is answered 503 by the gateway, one they stop 429.
 */
@QuarkusTest
@WithTestResource(EchoUpstream.class)
class RateLimitAccountTest {
    private static final String EMAIL = "/api/notifications/preferences/email";
    private static final String VERIFY = "/api/notifications/preferences/email/verify";

    private static final int PASSED_THE_LIMITS = 503;

    @Test
    void changingAndConfirmingHerEmailHaveTheirOwnStricterLimitPerPersonAndPerAddress() {
        // organiser1 stands in for her: hana's and mei's general buckets are used up by RateLimitPerPersonTest in this
        // JVM
        String hana = Tokens.accessToken("organiser1");
        post(hana, EMAIL, "{\"address\":\"hana@example.invalid\"}").then().statusCode(PASSED_THE_LIMITS);
        post(hana, VERIFY, "{\"code\":\"123456\"}").then().statusCode(PASSED_THE_LIMITS);
        // her third account action within the period: 429, although the general limit (3) is not used up
        post(hana, EMAIL, "{\"address\":\"other@example.invalid\"}")
                .then()
                .statusCode(429)
                .contentType("application/problem+json")
                .header("Retry-After", matchesRegex("[1-9][0-9]*"))
                .body("status", equalTo(429))
                .body("type", endsWith("/rate-limited"));
        post(hana, VERIFY, "{\"code\":\"654321\"}")
                .then()
                .statusCode(429)
                .header("Retry-After", matchesRegex("[1-9][0-9]*"));
        // ... and booking is still open to her: the refused account requests cost nothing from the general limit
        post(hana, "/api/registrations/sessions/s-1/bookings", "{\"nickname\":\"はな\"}")
                .then()
                .statusCode(200);

        // the address: 2 used by hana, the third goes to a new person, after that fresh subs do not help
        post(Tokens.accessToken("organiser2"), EMAIL, "{\"address\":\"a@example.invalid\"}")
                .then()
                .statusCode(PASSED_THE_LIMITS);
        post(Tokens.accessToken("partner1"), VERIFY, "{\"code\":\"111111\"}")
                .then()
                .statusCode(429)
                .header("Retry-After", matchesRegex("[1-9][0-9]*"));
        post(null, EMAIL, "{\"address\":\"b@example.invalid\"}").then().statusCode(429);

        // her other settings and reading them are under the general limits only
        given().header("Authorization", "Bearer " + hana)
                .get("/api/notifications/preferences")
                .then()
                .statusCode(PASSED_THE_LIMITS);
        given().header("Authorization", "Bearer " + RateLimitPerAddressTest.forgedToken("account-" + UUID.randomUUID()))
                .contentType(ContentType.JSON)
                .body("{\"language\":\"ja\",\"channels\":[\"in-app\"]}")
                .put("/api/notifications/preferences")
                .then()
                .statusCode(PASSED_THE_LIMITS);
    }

    private static Response post(String token, String path, String body) {
        var request = given().contentType(ContentType.JSON).body(body);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request.post(path);
    }
}
