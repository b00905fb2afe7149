package io.ibasho.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;

import io.ibasho.testsupport.FreshSignIn;
import io.ibasho.testsupport.TestServers;
import io.ibasho.testsupport.Tokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Account recovery (issue #18, docs/adr/0019) against the real test Keycloak: codes made after a fresh sign-in, kept
 * only as hashes in her account, each setting a new password once; a used, wrong or unknown one is refused with one
 * clear message, and nobody learns whether the username exists.
 */
@QuarkusTest
@WithTestResource(EchoUpstream.class)
class AccountRecoveryTest {

    @Test
    void aCodeSetsANewPasswordOnceAndOnlyHashesAreKept() {
        String realm = TestServers.get().keycloak().realmUrl();
        KeycloakAccounts accounts = KeycloakAccounts.asAdmin();
        String username = "recover-" + UUID.randomUUID().toString().substring(0, 8);
        String userId = accounts.createAttendee(username);

        // a token without a recent sign-in (the password grant has no auth_time) cannot make codes
        given().auth()
                .oauth2(Tokens.accessToken(realm, username))
                .post("/api/me/recovery-codes")
                .then()
                .statusCode(403)
                .contentType("application/problem+json")
                .body("type", endsWith("reauthentication-required"));
        List<String> codes = given().auth()
                .oauth2(FreshSignIn.accessToken(realm, username))
                .post("/api/me/recovery-codes")
                .then()
                .statusCode(200)
                .header("Cache-Control", "no-store")
                .extract()
                .jsonPath()
                .getList("codes", String.class);
        assertThat(codes)
                .hasSize(10)
                .doesNotHaveDuplicates()
                .allMatch(code -> code.matches("([0-9A-Z]{4}-){3}[0-9A-Z]{4}"));

        List<String> stored = accounts.user(userId).getList("attributes.recovery_codes", String.class);
        assertThat(stored).hasSize(10);
        assertThat(String.join(" ", stored))
                .as("only hashes are kept")
                .doesNotContain(codes.get(0))
                .doesNotContain(codes.get(0).replace("-", ""));

        // the page needs no sign-in
        given().get("/app/recover").then().statusCode(200).body(containsString("id=\"recover\""));

        String newPassword = "a-new-password-" + UUID.randomUUID().toString().substring(0, 6);
        recover(username, codes.get(0), newPassword).then().statusCode(200).body(containsString("id=\"message\""));
        assertThat(login(realm, username, newPassword)).isEqualTo(200);
        assertThat(login(realm, username, username + "-ibasho"))
                .as("the old password is refused")
                .isIn(400, 401);

        // used, wrong, or for nobody: the same clear refusal
        String refusal = recover(username, codes.get(0), "another-password-1")
                .then()
                .statusCode(422)
                .body(containsString("もう使われています"))
                .extract()
                .asString();
        recover(username, "ZZZZ-ZZZZ-ZZZZ-ZZZZ", "another-password-1").then().statusCode(422);
        recover("nobody-" + UUID.randomUUID(), codes.get(1), "another-password-1")
                .then()
                .statusCode(422)
                .body(containsString("もう使われています"));
        assertThat(refusal).contains("id=\"message\"");
        assertThat(login(realm, username, newPassword))
                .as("no refused try changed anything")
                .isEqualTo(200);

        // a password the realm would refuse keeps the code; a code typed in lower case without hyphens works
        recover(username, codes.get(1), "short").then().statusCode(422);
        String typedLoosely = codes.get(1).replace("-", "").toLowerCase(Locale.ROOT);
        recover(username, typedLoosely, "the-third-password").then().statusCode(200);
        assertThat(login(realm, username, "the-third-password")).isEqualTo(200);
        assertThat(accounts.user(userId).getList("attributes.recovery_codes", String.class))
                .hasSize(8);

        accounts.delete(userId);
    }

    private static Response recover(String username, String code, String password) {
        return given().redirects()
                .follow(false)
                .contentType(ContentType.URLENC)
                .formParam("username", username)
                .formParam("code", code)
                .formParam("password", password)
                .formParam("password2", password)
                .post("/app/recover");
    }

    private static int login(String realm, String username, String password) {
        return given().formParam("grant_type", "password")
                .formParam("client_id", "ibasho-test")
                .formParam("username", username)
                .formParam("password", password)
                .post(realm + "/protocol/openid-connect/token")
                .statusCode();
    }
}
