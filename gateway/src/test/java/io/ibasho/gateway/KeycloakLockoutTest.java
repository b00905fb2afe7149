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

        // Keycloak counts a login, failed or not, on a pool of threads after it has answered: two failures counted at
        // once can lose one (twenty quick guesses were once counted as 16), and a success counted among failures
        // clears some. So each attempt here waits until Keycloak has counted it, as a person typing would; the lane's
        // Keycloak serves every module and, on two busy cores, has counted more than 45 s late.
        Counts counts = new Counts(userId);

        // what the audit did (and some): before, five wrong passwords disabled her for a minute, growing to 15
        for (int i = 1; i <= 10; i++) {
            Response refused = login(realm, username, "wrong-" + i);
            assertThat(refused.statusCode()).as(refused.asString()).isIn(400, 401);
            counts.awaitFailures(i);
        }
        assertThat(counts.status().getBoolean("disabled")).isFalse();
        Response hers = login(realm, username, PASSWORD);
        assertThat(hers.statusCode())
                .as("her own password still signs her in after ten failures: " + hers.asString())
                .isEqualTo(200);
        counts.awaitFailures(0);

        // twenty failures in a row (a guesser, not a typo): nineteen make no wait; the twentieth a short, temporary
        // one (its clock starts when it counts), never a permanent lock
        for (int i = 1; i <= 20; i++) {
            login(realm, username, "guess-" + i);
            counts.awaitFailures(i);
            if (i == 19) {
                assertThat(counts.status().getBoolean("disabled"))
                        .as("no wait after nineteen")
                        .isFalse();
            }
        }
        var status = counts.status();
        assertThat(status.getBoolean("disabled"))
                .as("a wait after twenty failures; Keycloak holds " + status.prettify())
                .isTrue();
        assertThat(KeycloakAccounts.asAdmin().user(userId).getBoolean("enabled"))
                .as("never disabled for good")
                .isTrue();

        KeycloakAccounts.asAdmin().delete(userId);
    }

    /** What Keycloak's brute-force detection holds on her, read with an admin token renewed before it expires (60 s). */
    private static final class Counts {
        private final String userId;
        private KeycloakAccounts admin;
        private long signedInAt;

        Counts(String userId) {
            this.userId = userId;
        }

        io.restassured.path.json.JsonPath status() {
            if (admin == null || System.nanoTime() - signedInAt > java.util.concurrent.TimeUnit.SECONDS.toNanos(40)) {
                admin = KeycloakAccounts.asAdmin();
                signedInAt = System.nanoTime();
            }
            return admin.bruteForceStatus(userId);
        }

        void awaitFailures(int failures) {
            org.awaitility.Awaitility.await()
                    .atMost(java.time.Duration.ofSeconds(90))
                    .pollInterval(java.time.Duration.ofMillis(100))
                    .ignoreExceptions() // a look refused by a Keycloak busy with every module's tests is looked at
                    // again
                    .untilAsserted(() -> {
                        var status = status();
                        assertThat(status.getInt("numFailures"))
                                .as("failures counted; Keycloak holds " + status.prettify())
                                .isEqualTo(failures);
                    });
        }
    }

    private static Response login(String realm, String username, String password) {
        return given().formParam("grant_type", "password")
                .formParam("client_id", "ibasho-test")
                .formParam("username", username)
                .formParam("password", password)
                .post(realm + "/protocol/openid-connect/token");
    }
}
