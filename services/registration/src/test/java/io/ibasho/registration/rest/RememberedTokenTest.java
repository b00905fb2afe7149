package io.ibasho.registration.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.ibasho.registration.support.Api;
import io.ibasho.registration.support.Sessions;
import io.ibasho.testsupport.IbashoServers;
import io.ibasho.testsupport.Tokens;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A bearer token verified once is answered from the service's verified-token memory until its expiry (ADR 0065): the
 * same person, the same roles, and an altered token is still refused.
 */
@QuarkusTest
@WithTestResource(value = IbashoServers.class, initArgs = @ResourceArg(name = "database", value = "registration"))
class RememberedTokenTest {

    @Inject
    MeterRegistry registry;

    private double counted(String result) {
        FunctionCounter counter =
                registry.find("ibasho.verified.tokens").tag("result", result).functionCounter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void aRememberedTokenSpeaksForTheSamePersonWithTheSameRoles() {
        UUID sessionId = Sessions.published(5);
        Api.bookOnceKnown("hana", sessionId).then().statusCode(201);
        double hitsBefore = counted("hit");

        // her token again: from memory, still her (her booking, under her sub), still not an organiser
        assertThat(Api.myRegistration("hana", sessionId)).containsEntry("status", "confirmed");
        assertThat(Api.myRegistration("hana", sessionId)).containsEntry("status", "confirmed");
        Api.roster("hana", sessionId).then().statusCode(403);
        Api.roster("hana", sessionId).then().statusCode(403);
        Api.roster("organiser1", sessionId).then().statusCode(200);
        Api.roster("organiser1", sessionId).then().statusCode(200);
        // mei sees only her own: the memory never hands one person's identity to another
        assertThat(Api.myRegistration("mei", sessionId)).isEmpty();

        assertThat(counted("hit") - hitsBefore).isGreaterThanOrEqualTo(4);
    }

    @Test
    void anAlteredRememberedTokenIsRefused() {
        String token = Tokens.accessToken("hana");
        given().auth().oauth2(token).get("/api/registrations/mine").then().statusCode(200);
        given().auth().oauth2(token).get("/api/registrations/mine").then().statusCode(200);

        // a character inside the signature (the last one holds padding bits: changing it may not change the signature)
        int at = token.lastIndexOf('.') + 10;
        String altered = token.substring(0, at) + (token.charAt(at) == 'A' ? 'B' : 'A') + token.substring(at + 1);
        given().auth().oauth2(altered).get("/api/registrations/mine").then().statusCode(401);
        given().auth()
                .oauth2("not-a-token")
                .get("/api/registrations/mine")
                .then()
                .statusCode(401);
    }
}
