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
        // Keycloak counts a login, failed or not, on a pool of threads after it has answered: a success counted among
        // the failures would clear some of them. So each step waits until Keycloak has counted the one before it (the
        // lane's Keycloak serves every module and, on two busy cores, has counted more than 45 s late).
        awaitFailuresCounted(userId, 10);
        Response hers = login(realm, username, PASSWORD);
        assertThat(hers.statusCode())
                .as("her own password still signs her in after ten failures: " + hers.asString())
                .isEqualTo(200);
        awaitFailuresCounted(userId, 0);
        assertThat(KeycloakAccounts.asAdmin().waitingAfterFailedLogins(userId)).isFalse();

        // twenty failures in a row (a guesser, not a typo): a short, temporary wait, never a permanent lock
        for (int i = 0; i < 20; i++) {
            login(realm, username, "guess-" + i);
        }
        // its clock starts the wait when it counts, so a late count still shows a full 60 s wait
        awaitFailuresCounted(userId, 20);
        var status = KeycloakAccounts.asAdmin().bruteForceStatus(userId);
        assertThat(status.getBoolean("disabled"))
                .as("a wait after twenty failures; Keycloak holds " + status.prettify())
                .isTrue();
        assertThat(KeycloakAccounts.asAdmin().user(userId).getBoolean("enabled"))
                .as("never disabled for good")
                .isTrue();

        KeycloakAccounts.asAdmin().delete(userId);
    }

    /** Until Keycloak holds this many failures for her (an admin token lives 60 s, so each look signs in afresh). */
    private static void awaitFailuresCounted(String userId, int failures) {
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(120))
                .pollInterval(java.time.Duration.ofMillis(500))
                .ignoreExceptions() // a look refused by a Keycloak busy with every module's tests is looked at again
                .untilAsserted(() -> {
                    var status = KeycloakAccounts.asAdmin().bruteForceStatus(userId);
                    assertThat(status.getInt("numFailures"))
                            .as("failures counted; Keycloak holds " + status.prettify())
                            .isEqualTo(failures);
                });
    }

    private static Response login(String realm, String username, String password) {
        return given().formParam("grant_type", "password")
                .formParam("client_id", "ibasho-test")
                .formParam("username", username)
                .formParam("password", password)
                .post(realm + "/protocol/openid-connect/token");
    }
}
