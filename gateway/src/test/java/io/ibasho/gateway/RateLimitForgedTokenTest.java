package io.ibasho.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.ibasho.testsupport.Tokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/**
 * The lock-out attack of issue #14: someone who knows her id writes it into made-up tokens
 * ({@code {"alg":"RS256"}.{"sub":"<her id>"}.x}) to empty her buckets, so that her real booking, or her move to a safe
 * e-mail address, answers 429. Only tokens signed by the realm (the real test Keycloak) count as her; made-up ones are
 * counted against their address alone. Address limits are high here (a profile shared with UpstreamBusyTest), so that only the person buckets
 * (%test: 3 general, 2 for account actions) can refuse.
 */
@QuarkusTest
@TestProfile(OneConnectionTracedProfile.class) // high address limits for account actions
@WithTestResource(EchoUpstream.class)
class RateLimitForgedTokenTest {
    private static final String EMAIL = "/api/notifications/preferences/email";
    /** The notification route points at a dead port (EchoUpstream): passing the limits there means 503. */
    private static final int PASSED_THE_LIMITS = 503;

    @Test
    void forgedTokensWithHerSubDoNotEmptyHerBuckets() {
        String hana = Tokens.accessToken("hana");
        String forged = forgedToken(subOf(hana));
        for (int i = 0; i < 21; i++) {
            book(forged).then().statusCode(200);
        }
        for (int i = 0; i < 5; i++) {
            changeEmail(forged).then().statusCode(PASSED_THE_LIMITS);
        }

        // her real token still books and still reaches the e-mail change: her buckets are full
        changeEmail(hana).then().statusCode(PASSED_THE_LIMITS);
        changeEmail(hana).then().statusCode(PASSED_THE_LIMITS);
        changeEmail(hana).then().statusCode(429);
        book(hana).then().statusCode(200).body("headers.authorization[0]", equalTo("Bearer " + hana));
        // ... and her own limit still holds: 2 account actions and this booking used her 3 general tokens
        book(hana).then().statusCode(429).contentType("application/problem+json");
    }

    @Test
    void anExpiredOrTamperedRealTokenIsNoOnesEither() {
        String mei = Tokens.accessToken("mei");
        String[] parts = mei.split("\\.");
        String tampered = parts[0] + "." + parts[1] + "." + new StringBuilder(parts[2]).reverse();
        for (int i = 0; i < 5; i++) {
            book(tampered).then().statusCode(200);
        }
        book(mei).then().statusCode(200);
    }

    private static Response book(String token) {
        return given().header("Authorization", "Bearer " + token)
                .contentType(ContentType.JSON)
                .body("{\"sessionId\":\"s-1\",\"children\":1}")
                .post("/api/registrations/applications");
    }

    private static Response changeEmail(String token) {
        return given().header("Authorization", "Bearer " + token)
                .contentType(ContentType.JSON)
                .body("{\"address\":\"hana@example.invalid\"}")
                .post(EMAIL);
    }

    static String subOf(String jwt) {
        String payload = new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8);
        return io.restassured.path.json.JsonPath.from(payload).getString("sub");
    }

    static String forgedToken(String sub) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString("{\"alg\":\"RS256\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(("{\"sub\":\"" + sub + "\"}").getBytes(StandardCharsets.UTF_8)) + ".x";
    }
}
