package io.ibasho.e2e;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.ibasho.testsupport.Tokens;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The walking skeleton, every hop real: the whole stack is started by the same code as {@code ./ibasho up} (on free
 * ports, in its own directory; see SecurityStack), then an organiser publishes through the gateway, an attendee books through the gateway,
 * and she reads the confirmation in her inbox through the gateway. HTTP, Kafka, PostgreSQL and Keycloak tokens.
 */
class WalkingSkeletonIT {
    private static String gateway;
    private static String realm;

    @BeforeAll
    static void useTheSharedStack() {
        // the same whole stack the security ITs use: started once per JVM, stopped when it ends
        SecurityStack shared = SecurityStack.get();
        gateway = shared.gateway;
        realm = shared.realm;
    }

    @Test
    void organiserPublishesAttendeeBooksAndReadsHerConfirmation() {
        OffsetDateTime start = OffsetDateTime.now(ZoneOffset.ofHours(9))
                .plusDays(14)
                .withHour(13)
                .withMinute(30)
                .withSecond(0)
                .withNano(0);
        String sessionId = given().baseUri(gateway)
                .auth()
                .oauth2(Tokens.accessToken(realm, "organiser1"))
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "kind",
                        "workshop",
                        "titleJa",
                        "ゆるくつながる女子部",
                        "titleEn",
                        "Loose ties women's club",
                        "startsAt",
                        start.toString(),
                        "endsAt",
                        start.plusHours(1).toString(),
                        "capacity",
                        10,
                        "allocation",
                        "FIRST_COME",
                        // a workshop takes applications in a window that closes before it starts (申込み締切)
                        "applicationOpensAt",
                        start.minusDays(20).toString(),
                        "applicationClosesAt",
                        start.minusDays(1).toString()))
                .post("/api/events/sessions")
                .then()
                .statusCode(201)
                // issue #14: the service's own address and RESTEasy's doubled prefix never reach her
                .header("Location", org.hamcrest.Matchers.matchesPattern("/api/events/sessions/[0-9a-f-]{36}"))
                .extract()
                .path("id");
        given().baseUri(gateway)
                .auth()
                .oauth2(Tokens.accessToken(realm, "organiser1"))
                .post("/api/events/sessions/" + sessionId + "/publish")
                .then()
                .statusCode(200)
                .body("status", equalTo("published"));
        // anonymous, as a woman browses, on that day: other classes on the shared stack publish sessions before it,
        // and the list's first page holds 20
        given().baseUri(gateway)
                .queryParam("from", start.minusMinutes(1).toString())
                .queryParam("to", start.plusMinutes(1).toString())
                .get("/api/events/sessions")
                .then()
                .statusCode(200)
                .body("id", hasItem(sessionId));

        // registration learns the session from Kafka (EventPublished); then hana books through the gateway
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> given().baseUri(gateway)
                                .auth()
                                .oauth2(Tokens.accessToken(realm, "hana"))
                                .contentType(ContentType.JSON)
                                .body(Map.of("nickname", "はな"))
                                .post("/api/registrations/sessions/" + sessionId + "/bookings")
                                .statusCode()
                        == 201);
        given().baseUri(gateway)
                .auth()
                .oauth2(Tokens.accessToken(realm, "hana"))
                .get("/api/registrations/mine")
                .then()
                .statusCode(200)
                .body("sessionId", hasItem(sessionId));

        // RegistrationConfirmed travels over Kafka to notification, which puts it in her inbox (and nobody else's)
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> given().baseUri(gateway)
                        .auth()
                        .oauth2(Tokens.accessToken(realm, "hana"))
                        .get("/api/notifications/inbox")
                        .then()
                        .statusCode(200)
                        .body("findAll { it.sessionId == '" + sessionId + "' }.kind", hasItem("BOOKING_CONFIRMED"))
                        .body("find { it.sessionId == '" + sessionId + "' }.text", containsString("ゆるくつながる女子部")));
        given().baseUri(gateway)
                .auth()
                .oauth2(Tokens.accessToken(realm, "mei"))
                .get("/api/notifications/inbox")
                .then()
                .statusCode(200)
                .body("findAll { it.sessionId == '" + sessionId + "' }.size()", equalTo(0));
    }

    @Test
    void badInputThroughTheGatewayIsAProblemNeverA500() {
        given().baseUri(gateway)
                .auth()
                .oauth2(Tokens.accessToken(realm, "organiser1"))
                .contentType(ContentType.JSON)
                .body("{\"kind\":\"workshop\",\"titleJa\":\"\"}")
                .post("/api/events/sessions")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", hasItem("titleJa"))
                .body("instance", equalTo("/api/events/sessions")); // the public path, with its /api/events
        given().baseUri(gateway)
                .auth()
                .oauth2(Tokens.accessToken(realm, "hana"))
                .contentType(ContentType.JSON)
                .body("[1,2,3]")
                .post("/api/registrations/sessions/" + UUID.randomUUID() + "/bookings")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        given().baseUri(gateway)
                .contentType(ContentType.JSON)
                .body(Map.of("nickname", "x"))
                .post("/api/registrations/sessions/" + UUID.randomUUID() + "/bookings")
                .then()
                .statusCode(401);
    }
}
