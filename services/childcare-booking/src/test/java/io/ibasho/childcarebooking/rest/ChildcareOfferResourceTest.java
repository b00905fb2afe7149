package io.ibasho.childcarebooking.rest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.ibasho.contracts.EventTypes;
import io.ibasho.contracts.Topics;
import io.ibasho.testsupport.IbashoServers;
import io.ibasho.testsupport.KafkaTopicWriter;
import io.ibasho.testsupport.Tokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Against real PostgreSQL, Kafka and Keycloak: offers arrive over Kafka; staff of other organisations see nothing. */
@QuarkusTest
@WithTestResource(value = IbashoServers.class, initArgs = @ResourceArg(name = "database", value = "childcare_booking"))
class ChildcareOfferResourceTest {

    @Test
    void staffSeeTheOfferAndPlacesByAgeBandOthersGet404() {
        UUID sessionId = UUID.randomUUID();
        OffsetDateTime start = OffsetDateTime.now(ZoneOffset.UTC).plusDays(5);
        KafkaTopicWriter.send(Topics.EVENT_LIFECYCLE, sessionId.toString(), """
                {"specversion":"1.0","id":"%s","source":"/ibasho/event","type":"%s","subject":"%s","data":{"sessionId":"%s",
                 "organisationId":"hinata","kind":"cafe","allocation":"FIRST_COME","status":"PUBLISHED","startsAt":"%s","endsAt":"%s",
                 "sequence":0,"childcare":{"offered":true,"minAgeYears":0,"maxAgeYears":6,"carers":2,"deadline":"%s"}}}
                """.formatted(
                        UUID.randomUUID(),
                        EventTypes.EVENT_PUBLISHED,
                        sessionId,
                        sessionId,
                        start,
                        start.plusHours(2),
                        start.minusDays(1)));

        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> given().auth()
                        .oauth2(Tokens.accessToken("carer1"))
                        .get("/api/childcare/sessions/" + sessionId)
                        .then()
                        .statusCode(200)
                        .body("offered", equalTo(true))
                        .body("carers", equalTo(2))
                        // two carers take 6 infants (1:3)
                        .body("placesLeftByBand.morePlaces", hasItem(6)));

        given().auth()
                .oauth2(Tokens.accessToken("organiser2"))
                .get("/api/childcare/sessions/" + sessionId)
                .then()
                .statusCode(404);
        given().auth()
                .oauth2(Tokens.accessToken("hana"))
                .get("/api/childcare/sessions/" + sessionId)
                .then()
                .statusCode(403);
        given().get("/api/childcare/sessions/" + sessionId).then().statusCode(401);
    }
}
