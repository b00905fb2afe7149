package io.ibasho.registration.security;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ibasho.testsupport.IbashoServers;
import io.ibasho.testsupport.Tokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/**
 * A remembered token speaks for the same person with the same roles as when quarkus-oidc verified it, and a token
 * altered by one character is verified (and refused) as before, however often the real one was seen.
 */
@QuarkusTest
@WithTestResource(value = IbashoServers.class, initArgs = @ResourceArg(name = "database", value = "registration"))
class VerifiedTokensTest {
    @Inject
    VerifiedTokens verified;

    @Test
    void aRememberedTokenKeepsItsPersonAndRolesAndAnAlteredOneIsStillRefused() {
        String hana = Tokens.accessToken("hana");
        given().auth().oauth2(hana).get("/api/registrations/mine").then().statusCode(200);
        assertTrue(verified.size() > 0, "hana's verified token is remembered");
        // again, from memory: still hers (an attendee's own list), still an attendee
        given().auth().oauth2(hana).get("/api/registrations/mine").then().statusCode(200);

        // an organiser's token: remembered too, and still not an attendee's
        String organiser = Tokens.accessToken("organiser1");
        given().auth().oauth2(organiser).get("/api/registrations/mine").then().statusCode(403);
        given().auth().oauth2(organiser).get("/api/registrations/mine").then().statusCode(403);

        // one character of the signature changed: another key, verified by quarkus-oidc, refused
        char last = hana.charAt(hana.length() - 1);
        String altered = hana.substring(0, hana.length() - 1) + (last == 'A' ? 'B' : 'A');
        assertNotEquals(VerifiedTokens.key(hana), VerifiedTokens.key(altered));
        given().auth().oauth2(altered).get("/api/registrations/mine").then().statusCode(401);
        given().auth().oauth2(hana).get("/api/registrations/mine").then().statusCode(200);
    }

    @Test
    void theKeyIsADigestNotTheToken() {
        String key = VerifiedTokens.key("header.payload.signature");
        assertEquals(43, key.length()); // 32 bytes of SHA-256, base64 without padding
        assertTrue(!key.contains("payload"));
    }
}
