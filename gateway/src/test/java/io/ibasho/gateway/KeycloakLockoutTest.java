package io.ibasho.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.ibasho.testsupport.TestServers;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Keycloak's lock-out by username (issue #14, docs/adr/0018): someone who knows her username must not keep her out by
 * failing a few logins now and then, while a stranger guessing her password is still slowed down. Real logins on the
 * shipped realm, for a throwaway attendee (the realm is shared by the modules of a lane).
 */
@QuarkusTest // only to share the test servers (and the booted gateway) with the other gateway tests
@WithTestResource(EchoUpstream.class)
class KeycloakLockoutTest {
    private static final String PASSWORD = "lockout-test-password-1";

    @Test
    void tenWrongPasswordsDoNotLockHerOutAndAStreamOfThemSlowsTheGuesserDown() {
        String realm = TestServers.get().keycloak().realmUrl();
        String base = TestServers.get().keycloak().baseUrl();
        String admin = adminToken(base);
        String username = "lockout-" + UUID.randomUUID().toString().substring(0, 8);
        String userId = createUser(base, admin, username);

        // what the audit did (and some): before, five wrong passwords disabled her for a minute, growing to 15
        for (int i = 0; i < 10; i++) {
            Response refused = login(realm, username, "wrong-" + i);
            assertThat(refused.statusCode()).as(refused.asString()).isIn(400, 401);
        }
        Response hers = login(realm, username, PASSWORD);
        assertThat(hers.statusCode())
                .as("her own password still signs her in: " + hers.asString())
                .isEqualTo(200);
        assertThat(lockedOut(base, admin, userId)).isFalse();

        // twenty failures in a row (a guesser, not a typo): a short, temporary wait, never a permanent lock
        for (int i = 0; i < 20; i++) {
            login(realm, username, "guess-" + i);
        }
        // Keycloak records failed logins on its own queue, a moment after it answers them
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(lockedOut(base, admin, userId)).isTrue());
        Map<?, ?> user = given().auth()
                .oauth2(admin)
                .get(base + "/admin/realms/ibasho/users/" + userId)
                .then()
                .statusCode(200)
                .extract()
                .as(Map.class);
        assertThat(user.get("enabled")).as("never disabled for good").isEqualTo(true);

        given().auth().oauth2(admin).delete(base + "/admin/realms/ibasho/users/" + userId);
    }

    private static Response login(String realm, String username, String password) {
        return given().formParam("grant_type", "password")
                .formParam("client_id", "ibasho-test")
                .formParam("username", username)
                .formParam("password", password)
                .post(realm + "/protocol/openid-connect/token");
    }

    private static boolean lockedOut(String base, String admin, String userId) {
        return given().auth()
                .oauth2(admin)
                .get(base + "/admin/realms/ibasho/attack-detection/brute-force/users/" + userId)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getBoolean("disabled");
    }

    private static String adminToken(String base) {
        return given().formParam("grant_type", "password")
                .formParam("client_id", "admin-cli")
                .formParam("username", "admin")
                .formParam("password", "admin")
                .post(base + "/realms/master/protocol/openid-connect/token")
                .then()
                .statusCode(200)
                .extract()
                .path("access_token");
    }

    private static String createUser(String base, String admin, String username) {
        String location = given().auth()
                .oauth2(admin)
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "username",
                        username,
                        "enabled",
                        true,
                        "credentials",
                        List.of(Map.of("type", "password", "value", PASSWORD, "temporary", false))))
                .post(base + "/admin/realms/ibasho/users")
                .then()
                .statusCode(201)
                .extract()
                .header("Location");
        return location.substring(location.lastIndexOf('/') + 1);
    }
}
