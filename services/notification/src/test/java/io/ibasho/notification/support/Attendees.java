package io.ibasho.notification.support;

import static io.restassured.RestAssured.given;

import io.ibasho.testsupport.FreshSignIn;
import io.ibasho.testsupport.Tokens;
import java.time.Duration;
import java.util.List;

/** What an attendee does in the app, through the real endpoints. */
public final class Attendees {
    private Attendees() {}

    /** Asks for a code to {@code address}, reads it from the real mailbox and confirms it. */
    public static void verifyAddress(String user, String address) {
        int before = TestMailbox.to(address).size();
        given().auth()
                .oauth2(FreshSignIn.accessToken(user))
                .contentType("application/json")
                .body("{\"address\":\"" + address + "\"}")
                .post("/api/notifications/preferences/email")
                .then()
                .statusCode(202);
        List<TestMailbox.Received> mails = TestMailbox.awaitCount(address, before + 1, Duration.ofSeconds(20));
        String code = TestMailbox.codeIn(mails.get(mails.size() - 1));
        given().auth()
                .oauth2(Tokens.accessToken(user))
                .contentType("application/json")
                .body("{\"code\":\"" + code + "\"}")
                .post("/api/notifications/preferences/email/verify")
                .then()
                .statusCode(200);
    }

    /**
     * A woman of her own, new to Ibasho (an account in the test Keycloak with the realm's default roles, attendee, and
     * the demo password convention): she never saved any settings here. Returns her username.
     */
    public static String newcomer(String prefix) {
        String username = prefix + "-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        String base =
                io.ibasho.testsupport.TestServers.get().keycloak().baseUrl().replace("localhost", "127.0.0.1");
        given().auth()
                .oauth2(Tokens.keycloakAdmin())
                .contentType("application/json")
                .body(java.util.Map.of(
                        "ifResourceExists",
                        "SKIP",
                        "users",
                        List.of(java.util.Map.of(
                                "username",
                                username,
                                "enabled",
                                true,
                                "realmRoles",
                                List.of("default-roles-ibasho"),
                                "credentials",
                                List.of(java.util.Map.of(
                                        "type", "password", "value", username + "-ibasho", "temporary", false))))))
                .post(base + "/admin/realms/"
                        + io.ibasho.testsupport.TestServers.get().keycloak().realm() + "/partialImport")
                .then()
                .statusCode(200);
        return username;
    }

    public static void choose(String user, String json) {
        given().auth()
                .oauth2(Tokens.accessToken(user))
                .contentType("application/json")
                .body(json)
                .put("/api/notifications/preferences")
                .then()
                .statusCode(200);
    }

    /**
     * Back to how a new account starts, but for a language chosen: her e-mail consent withdrawn (which removes her
     * address and drops mails still queued for it) and Japanese chosen. The module's test classes share hana and mei in one database, so
     * a class that needs her without an address, or leaves mails held by quiet hours, says so with this.
     */
    public static void startAfresh(String user) {
        given().auth()
                .oauth2(Tokens.accessToken(user))
                .post("/api/notifications/me/consents/email-channel/withdrawal")
                .then()
                .statusCode(200);
        choose(user, "{\"language\":\"ja\",\"channels\":[\"in-app\"],\"fullDetail\":false}");
    }
}
