package io.ibasho.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.ibasho.testsupport.TestServers;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
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
        KeycloakAccounts accounts = KeycloakAccounts.asAdmin();
        String username = "lockout-" + UUID.randomUUID().toString().substring(0, 8);
        String userId = accounts.create(username, PASSWORD);

        // what the audit did (and some): before, five wrong passwords disabled her for a minute, growing to 15
        for (int i = 0; i < 10; i++) {
            Response refused = login(realm, username, "wrong-" + i);
            assertThat(refused.statusCode()).as(refused.asString()).isIn(400, 401);
        }
        Response hers = login(realm, username, PASSWORD);
        assertThat(hers.statusCode())
                .as("her own password still signs her in: " + hers.asString())
                .isEqualTo(200);
        assertThat(accounts.waitingAfterFailedLogins(userId)).isFalse();

        // twenty failures in a row (a guesser, not a typo): a short, temporary wait, never a permanent lock
        for (int i = 0; i < 20; i++) {
            login(realm, username, "guess-" + i);
        }
        // Keycloak counts a failed login on its own executor after it has answered (its clock starts the wait when it
        // counts, so a late count still shows a full 60 s wait). The lane's Keycloak serves every module and, on two
        // busy cores, has counted more than 45 s late; an admin token lives 60 s, so each look signs in afresh.
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(120))
                .pollInterval(java.time.Duration.ofSeconds(1))
                .untilAsserted(() -> {
                    var status = KeycloakAccounts.asAdmin().bruteForceStatus(userId);
                    assertThat(status.getBoolean("disabled"))
                            .as("a wait after twenty failures; Keycloak holds " + status.prettify())
                            .isTrue();
                });
        assertThat(KeycloakAccounts.asAdmin().user(userId).getBoolean("enabled"))
                .as("never disabled for good")
                .isTrue();

        KeycloakAccounts.asAdmin().delete(userId);
    }

    private static Response login(String realm, String username, String password) {
        return given().formParam("grant_type", "password")
                .formParam("client_id", "ibasho-test")
                .formParam("username", username)
                .formParam("password", password)
                .post(realm + "/protocol/openid-connect/token");
    }
}
