package io.ibasho.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesRegex;

import io.ibasho.testsupport.Tokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

/**
 * The person bucket, keyed by the sub of a real token from the test Keycloak (the only test class that starts it). The
 * gateway reads the sub to count, and relays the token untouched for the service to verify.
 */
@QuarkusTest
@WithTestResource(EchoUpstream.class)
class RateLimitPerPersonTest {

    @Test
    void onePersonIsLimitedAndAnotherPersonOnTheSameAddressIsNot() {
        String hana = Tokens.accessToken("hana");
        String mei = Tokens.accessToken("mei");
        for (int i = 0; i < 3; i++) { // %test per-user capacity
            book(hana).then().statusCode(200).body("headers.authorization[0]", equalTo("Bearer " + hana));
        }
        book(hana)
                .then()
                .statusCode(429)
                .contentType("application/problem+json")
                .header("Retry-After", matchesRegex("[1-9][0-9]*"))
                .body("status", equalTo(429));
        // same address (the per-address limit in %test is high), different person
        book(mei).then().statusCode(200).body("headers.authorization[0]", equalTo("Bearer " + mei));
        // hana's limit covers every limited prefix
        given().auth()
                .oauth2(hana)
                .contentType(ContentType.JSON)
                .body("{}")
                .post("/api/childcare/bookings")
                .then()
                .statusCode(429);
    }

    private static io.restassured.response.Response book(String token) {
        return given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body("{\"sessionId\":\"s-1\",\"children\":1}")
                .post("/api/registrations/applications");
    }
}
