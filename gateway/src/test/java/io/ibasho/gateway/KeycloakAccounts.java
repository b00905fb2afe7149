package io.ibasho.gateway;

import static io.restassured.RestAssured.given;

import io.ibasho.testsupport.TestServers;
import io.ibasho.testsupport.Tokens;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;

/**
 * Throwaway accounts in the test Keycloak's {@code ibasho} realm, made and read through its admin REST API (the realm
 * is shared by the modules of a lane, so each test makes its own account and deletes it at the end).
 */
final class KeycloakAccounts {
    private final String base;
    private final String adminToken;

    private KeycloakAccounts(String base, String adminToken) {
        this.base = base;
        this.adminToken = adminToken;
    }

    /** Signed in as the test Keycloak's admin. */
    static KeycloakAccounts asAdmin() {
        String base = TestServers.get().keycloak().baseUrl();
        String token = Tokens.keycloakAdmin(base);
        return new KeycloakAccounts(base, token);
    }

    /**
     * An enabled account with the realm's default roles (attendee), as self-registration makes her, with the demo
     * password convention (username + "-ibasho") that FreshSignIn types.
     *
     * @return its id
     */
    String createAttendee(String username) {
        return create(username, username + "-ibasho");
    }

    /** @return its id */
    String create(String username, String password) {
        String location = given().auth()
                .oauth2(adminToken)
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "username",
                        username,
                        "enabled",
                        true,
                        "credentials",
                        List.of(Map.of("type", "password", "value", password, "temporary", false))))
                .post(base + "/admin/realms/" + TestServers.get().keycloak().realm() + "/users")
                .then()
                .statusCode(201)
                .extract()
                .header("Location");
        return location.substring(location.lastIndexOf('/') + 1);
    }

    /** The account as the admin API shows it (attributes, enabled). */
    JsonPath user(String userId) {
        return given().auth()
                .oauth2(adminToken)
                .get(base + "/admin/realms/" + TestServers.get().keycloak().realm() + "/users/" + userId)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    /** How many Keycloak sessions she has now (an SSO session a login would use silently, without prompt=login). */
    int sessions(String userId) {
        return given().auth()
                .oauth2(adminToken)
                .get(base + "/admin/realms/" + TestServers.get().keycloak().realm() + "/users/" + userId + "/sessions")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("$")
                .size();
    }

    /**
     * Ends all her Keycloak sessions, as an admin does (and as another gateway replica's sign-out does for the one it
     * holds: both end the session at Keycloak, not in this gateway).
     */
    void endSessions(String userId) {
        given().auth()
                .oauth2(adminToken)
                .post(base + "/admin/realms/" + TestServers.get().keycloak().realm() + "/users/" + userId + "/logout")
                .then()
                .statusCode(204);
    }

    /** Whether the brute-force detection makes her wait right now. */
    boolean waitingAfterFailedLogins(String userId) {
        return bruteForceStatus(userId).getBoolean("disabled");
    }

    /** What the brute-force detection holds on her: {@code disabled}, {@code numFailures}, {@code lastFailure}. */
    JsonPath bruteForceStatus(String userId) {
        return given().auth()
                .oauth2(adminToken)
                .get(base + "/admin/realms/" + TestServers.get().keycloak().realm()
                        + "/attack-detection/brute-force/users/" + userId)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    void delete(String userId) {
        given().auth()
                .oauth2(adminToken)
                .delete(base + "/admin/realms/" + TestServers.get().keycloak().realm() + "/users/" + userId);
    }
}
