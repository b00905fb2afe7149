package io.ibasho.registration.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.ibasho.contracts.EventTypes;
import io.ibasho.contracts.Topics;
import io.ibasho.registration.support.Api;
import io.ibasho.registration.support.ChildcareService;
import io.ibasho.registration.support.Sessions;
import io.ibasho.registration.support.TestAttendees;
import io.ibasho.testsupport.FreshSignIn;
import io.ibasho.testsupport.IbashoServers;
import io.ibasho.testsupport.KafkaTopicReader;
import io.ibasho.testsupport.Tokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Her data (issue #18): she sees what registration holds about her, and erases it; the seat she held moves on. */
@QuarkusTest
@WithTestResource(value = IbashoServers.class, initArgs = @ResourceArg(name = "database", value = "registration"))
class HerDataTest {
    static List<String> people;

    @BeforeAll
    static void people() {
        people = TestAttendees.create("herdata", 3);
    }

    /** With a token from a sign-in just now (Keycloak's form): only such a token says when she signed in. */
    static Response erase(String user, Object body) {
        return given().auth()
                .oauth2(FreshSignIn.accessToken(user))
                .contentType(ContentType.JSON)
                .body(body)
                .post("/api/registrations/me/erasure");
    }

    @Test
    void sheSeesHerDataErasesItAndHerSeatGoesToTheNextWoman() {
        String her = people.get(0);
        String next = people.get(1);
        String canary = "カナリア" + UUID.randomUUID().toString().substring(0, 6);
        UUID session = Sessions.published(1);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> Api.book(her, session, canary).statusCode() == 201);
        Api.joinWaitlist(next, session).then().statusCode(201);

        given().auth()
                .oauth2(Tokens.accessToken(her))
                .get("/api/registrations/me/data")
                .then()
                .statusCode(200)
                .body("service", equalTo("registration"))
                .body("registrations.nickname", hasItem(canary))
                .body("registrations.status", hasItem("confirmed"));
        given().auth()
                .oauth2(Tokens.accessToken(next))
                .get("/api/registrations/me/data")
                .then()
                .statusCode(200)
                .body(not(containsString(canary))); // only ever her own

        erase(her, Map.of())
                .then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("type", containsString("erasure-not-confirmed"));
        erase(her, Map.of("confirm", "yes"))
                .then()
                .statusCode(422)
                .body("type", containsString("erasure-not-confirmed"));
        erase("organiser1", Map.of("confirm", "ERASE")).then().statusCode(403); // staff accounts are not attendees
        // a token that does not say when she signed in (a phone left signed in for days looks alike) is not enough
        given().auth()
                .oauth2(Tokens.accessToken(her))
                .contentType(ContentType.JSON)
                .body(Map.of("confirm", "ERASE"))
                .post("/api/registrations/me/erasure")
                .then()
                .statusCode(403)
                .body("type", containsString("reauthentication-required"));

        Response receipt = erase(her, Map.of("confirm", "ERASE"));
        receipt.then().statusCode(200).body("erased.bookings", equalTo(1));
        String erasureId = receipt.path("erasureId");

        // nothing of hers is left here, and the organiser's roster no longer shows her nickname
        given().auth()
                .oauth2(Tokens.accessToken(her))
                .get("/api/registrations/me/data")
                .then()
                .statusCode(200)
                .body("registrations.size()", equalTo(0));
        Api.roster("organiser1", session).then().statusCode(200).body(not(containsString(canary)));
        // her seat was freed like a cancellation: the woman waiting is offered it
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(
                        () -> assertThat(Api.myRegistration(next, session).get("status"))
                                .isEqualTo("offered"));

        // the other services hear of it: ids only, keyed by the erasure, never her nickname
        var records = KafkaTopicReader.awaitRecords(
                Topics.REGISTRATION_LIFECYCLE,
                r -> erasureId.equals(r.key()) && r.value().contains(EventTypes.SUBJECT_ERASED),
                1,
                Duration.ofSeconds(30));
        assertThat(records).hasSize(1);
        assertThat(records.get(0).value()).contains("registrationIds").doesNotContain(canary);

        // a second erasure finds nothing more and is no error
        erase(her, Map.of("confirm", "ERASE"))
                .then()
                .statusCode(200)
                .body("erased.bookings", org.hamcrest.Matchers.nullValue());
    }

    /** Her receipt counts the childcare she asked for, also for a session still to come (whose ages are cleared). */
    @Test
    void herReceiptCountsTheChildcareSheAskedFor() {
        String her = people.get(2);
        UUID session = Sessions.published(3);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> ChildcareService.book(her, session, List.of(1, 4)).statusCode() == 202);

        erase(her, Map.of("confirm", "ERASE"))
                .then()
                .statusCode(200)
                .body("erased.bookings", equalTo(1))
                .body("erased.childcareRequests", equalTo(1));
    }
}
