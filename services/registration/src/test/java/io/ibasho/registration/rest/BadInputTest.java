package io.ibasho.registration.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.ibasho.registration.support.Api;
import io.ibasho.registration.support.Sessions;
import io.ibasho.testsupport.IbashoServers;
import io.ibasho.testsupport.Tokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Bad input found by the outside audit (issue #14) gets a clear 4xx problem, never a stored surprise or a 500. */
@QuarkusTest
@WithTestResource(value = IbashoServers.class, initArgs = @ResourceArg(name = "database", value = "registration"))
class BadInputTest {

    private static Response book(UUID sessionId, String nickname) {
        return given().auth()
                .oauth2(Tokens.accessToken("mei"))
                .contentType(ContentType.JSON)
                .body(Map.of("nickname", nickname))
                .post("/api/registrations/sessions/" + sessionId + "/bookings");
    }

    @Test
    void aNicknameOfOnlySpacesOrWithInvisibleCharactersIsRefused() {
        UUID sessionId = Sessions.published(5);
        Api.bookOnceKnown("hana", sessionId).then().statusCode(201);
        for (String nickname : new String[] {
            "\u3000", // a full-width space only: @NotBlank let it through and an empty nickname was stored
            "\u3000 \u3000",
            "ha\u202Ena", // a right-to-left override: shows as something else than what is stored
            "ha\u200Bna", // a zero-width space
            "\u2066hana\u2069" // isolates
        }) {
            book(sessionId, nickname)
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("violations.field", hasItem("nickname"))
                    .body("detail", not(containsString("Exception")));
        }
        // a NUL is refused where the JSON is read, naming the field (PostgreSQL cannot store it: a 500 before)
        book(sessionId, "ha\u0000na")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("nickname"));
        // Japanese with a full-width space inside is a fine nickname
        book(sessionId, "めい\u3000さん").then().statusCode(201);
    }

    @Test
    void aBookingSentAsPlainTextIsUnsupportedNotANickname() {
        UUID sessionId = Sessions.published(5);
        Api.bookOnceKnown("hana", sessionId).then().statusCode(201);
        given().auth()
                .oauth2(Tokens.accessToken("mei"))
                .contentType(ContentType.TEXT)
                .body("hello world")
                .post("/api/registrations/sessions/" + sessionId + "/bookings")
                .then()
                .statusCode(415)
                .contentType("application/problem+json");
        Api.roster("organiser1", sessionId).then().body("entries.nickname", not(hasItem("hello world")));
    }

    @Test
    void anEmptyIdempotencyKeyIsInvalidNotAbsent() {
        UUID sessionId = Sessions.published(5);
        Api.bookOnceKnown("hana", sessionId).then().statusCode(201);
        given().auth()
                .oauth2(Tokens.accessToken("mei"))
                .header("Idempotency-Key", "")
                .contentType(ContentType.JSON)
                .body(Map.of("nickname", "mei"))
                .post("/api/registrations/sessions/" + sessionId + "/bookings")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("type", containsString("idempotency-key-invalid"));
        Api.roster("organiser1", sessionId).then().body("seatsTaken", equalTo(1));
    }
}
