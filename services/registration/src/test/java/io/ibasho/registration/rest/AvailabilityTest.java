package io.ibasho.registration.rest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.ibasho.registration.support.Api;
import io.ibasho.registration.support.LotterySessions;
import io.ibasho.registration.support.Sessions;
import io.ibasho.registration.support.TestAttendees;
import io.ibasho.testsupport.IbashoServers;
import io.ibasho.testsupport.Tokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The public seat figures of the session cards: counts for anybody, nothing about who booked or applied. */
@QuarkusTest
@WithTestResource(value = IbashoServers.class, initArgs = @ResourceArg(name = "database", value = "registration"))
class AvailabilityTest {
    static List<String> people;

    @BeforeAll
    static void people() {
        people = TestAttendees.create("availability", 2);
    }

    static Response availability(Object... sessionIds) {
        return given().queryParam("sessionId", List.of(sessionIds)).get("/api/registrations/availability");
    }

    @Test
    void anybodySeesTheSeatsLeftOfFirstComeSessionsWithoutAnyoneInThem() {
        UUID roomy = Sessions.published(3);
        UUID unknown = UUID.randomUUID();
        Api.bookOnceKnown(people.get(0), roomy).then().statusCode(201);

        availability(roomy, unknown)
                .then()
                .statusCode(200)
                .header("Cache-Control", containsString("max-age=10"))
                .body("$", hasSize(1))
                .body("[0].sessionId", equalTo(roomy.toString()))
                .body("[0].allocation", equalTo("FIRST_COME"))
                .body("[0].capacity", equalTo(3))
                .body("[0].seatsLeft", equalTo(2))
                .body("[0].applications", nullValue())
                .body(
                        "[0].keySet()",
                        equalTo(java.util.Set.of(
                                "sessionId",
                                "allocation",
                                "capacity",
                                "seatsLeft",
                                "applications",
                                "applicationClosesAt")));
    }

    @Test
    void aLotteryShowsHowManyAppliedBeforeTheDraw() {
        UUID lottery =
                LotterySessions.lottery(2, OffsetDateTime.now(ZoneOffset.UTC).plusDays(1), "{\"priority\":[]}");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> availability(lottery).jsonPath().getList("$").size() == 1);
        for (String person : people) {
            given().auth()
                    .oauth2(Tokens.accessToken(person))
                    .contentType(ContentType.JSON)
                    .body(Map.of("nickname", person))
                    .post("/api/registrations/sessions/" + lottery + "/applications")
                    .then()
                    .statusCode(201);
        }

        availability(lottery)
                .then()
                .statusCode(200)
                .body("[0].allocation", equalTo("LOTTERY"))
                .body("[0].capacity", equalTo(2))
                .body("[0].applications", equalTo(2))
                .body("[0].seatsLeft", nullValue())
                .body("[0].applicationClosesAt", notNullValue());
    }

    @Test
    void idsThatAreNotSessionIdsOrTooManyAreRefused() {
        availability("not-a-session")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("type", containsString("invalid-session-ids"));
        availability(Collections.nCopies(51, UUID.randomUUID()).toArray())
                .then()
                .statusCode(400)
                .body("type", containsString("invalid-session-ids"));
        given().get("/api/registrations/availability").then().statusCode(200).body("$", hasSize(0));
    }
}
