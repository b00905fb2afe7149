package io.ibasho.notification.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.ibasho.notification.support.Attendees;
import io.ibasho.notification.support.Events;
import io.ibasho.notification.support.TestMailbox;
import io.ibasho.testsupport.FreshSignIn;
import io.ibasho.testsupport.IbashoServers;
import io.ibasho.testsupport.TestServers;
import io.ibasho.testsupport.Tokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The read the gateway copies her address to Keycloak from (docs/adr/0027): only the gateway's account service
 * account may make it, it answers only an address confirmed with a code while she has e-mail on, and nothing once she
 * withdrew. Real Keycloak
 * tokens, SMTP (GreenMail) and PostgreSQL.
 */
@QuarkusTest
@WithTestResource(value = IbashoServers.class, initArgs = @ResourceArg(name = "database", value = "notification"))
class ConfirmedEmailReadTest {
    @BeforeAll
    static void mailServer() {
        TestMailbox.start();
    }

    private static String gatewayAccount() {
        return Tokens.clientToken(
                TestServers.get().keycloak().realmUrl(), "ibasho-account-eraser", "eraser-local-secret-change-me");
    }

    @Test
    void onlyTheGatewaysAccountReadsOnlyAConfirmedAddress() {
        String mei = Events.subjectOf("mei");
        String path = "/api/notifications/internal/confirmed-email/" + mei;
        String address = "mei-" + UUID.randomUUID() + "@example.jp";
        Attendees.choose("mei", "{\"language\":\"ja\",\"channels\":[\"in-app\"],\"fullDetail\":false}");
        Attendees.verifyAddress("mei", address);
        // confirmed, but e-mail not chosen yet: nothing may be mailed there, a reset link neither
        given().auth().oauth2(gatewayAccount()).get(path).then().statusCode(200).body("address", nullValue());
        Attendees.choose("mei", "{\"language\":\"ja\",\"channels\":[\"in-app\",\"email\"],\"fullDetail\":false}");

        given().auth().oauth2(gatewayAccount()).get(path).then().statusCode(200).body("address", equalTo(address));
        // she herself, staff and a partner's system cannot read it (her own view shows it masked)
        given().auth().oauth2(Tokens.accessToken("mei")).get(path).then().statusCode(403);
        given().auth().oauth2(Tokens.accessToken("organiser1")).get(path).then().statusCode(403);
        given().auth()
                .oauth2(Tokens.clientToken(
                        TestServers.get().keycloak().realmUrl(), "partner-tsubomi", "partner-local-secret-change-me"))
                .get(path)
                .then()
                .statusCode(403);
        given().get(path).then().statusCode(401);
        given().auth()
                .oauth2(gatewayAccount())
                .get("/api/notifications/internal/confirmed-email/not-an-id")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");

        // a new address waiting for its code is not confirmed: the old one is still the answer
        String next = "mei-" + UUID.randomUUID() + "@example.jp";
        given().auth()
                .oauth2(FreshSignIn.accessToken("mei"))
                .contentType("application/json")
                .body(Map.of("address", next))
                .post("/api/notifications/preferences/email")
                .then()
                .statusCode(202);
        given().auth().oauth2(gatewayAccount()).get(path).then().statusCode(200).body("address", equalTo(address));

        // e-mail switched off (the mailbox may no longer be safe): no answer, though the address is still on file
        Attendees.choose("mei", "{\"language\":\"ja\",\"channels\":[\"in-app\"],\"fullDetail\":false}");
        given().auth().oauth2(gatewayAccount()).get(path).then().statusCode(200).body("address", nullValue());
        Attendees.choose("mei", "{\"language\":\"ja\",\"channels\":[\"in-app\",\"email\"],\"fullDetail\":false}");
        given().auth().oauth2(gatewayAccount()).get(path).then().statusCode(200).body("address", equalTo(address));

        given().auth()
                .oauth2(Tokens.accessToken("mei"))
                .post("/api/notifications/me/consents/email-channel/withdrawal")
                .then()
                .statusCode(200);
        given().auth().oauth2(gatewayAccount()).get(path).then().statusCode(200).body("address", nullValue());

        // someone who never gave an address
        given().auth()
                .oauth2(gatewayAccount())
                .get("/api/notifications/internal/confirmed-email/" + UUID.randomUUID())
                .then()
                .statusCode(200)
                .body("address", nullValue());
    }
}
