package io.ibasho.notification.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ibasho.contracts.EventTypes;
import io.ibasho.contracts.Topics;
import io.ibasho.testsupport.IbashoServers;
import io.ibasho.testsupport.KafkaTopicReader;
import io.ibasho.testsupport.KafkaTopicWriter;
import io.ibasho.testsupport.Tokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Against real PostgreSQL, Kafka and Keycloak: exactly one inbox message per event and recipient, only for her. */
@QuarkusTest
@WithTestResource(value = IbashoServers.class, initArgs = @ResourceArg(name = "database", value = "notification"))
class InboxResourceTest {

    static String subjectOf(String user) throws Exception {
        String payload = new String(
                Base64.getUrlDecoder().decode(Tokens.accessToken(user).split("\\.")[1]), StandardCharsets.UTF_8);
        return new ObjectMapper().readTree(payload).path("sub").asText();
    }

    static String confirmed(String eventId, UUID sessionId, String attendeeId) {
        return """
                {"specversion":"1.0","id":"%s","source":"/ibasho/registration","type":"%s","time":"%s","subject":"%s",
                 "data":{"registrationId":"%s","sessionId":"%s","attendeeId":"%s","status":"CONFIRMED"}}
                """.formatted(
                        eventId,
                        EventTypes.REGISTRATION_CONFIRMED,
                        OffsetDateTime.now(ZoneOffset.UTC),
                        sessionId,
                        UUID.randomUUID(),
                        sessionId,
                        attendeeId);
    }

    @Test
    void aConfirmedBookingBecomesOneMessageInHerInboxOnly() throws Exception {
        String hana = subjectOf("hana");
        UUID sessionId = UUID.randomUUID();
        OffsetDateTime start = OffsetDateTime.now(ZoneOffset.UTC).plusDays(3);
        KafkaTopicWriter.send(Topics.EVENT_LIFECYCLE, sessionId.toString(), """
                {"specversion":"1.0","id":"%s","source":"/ibasho/event","type":"%s","subject":"%s","data":{"sessionId":"%s",
                 "organisationId":"hinata","titleJa":"ウィメンズカフェ","titleEn":"Women's Café","kind":"cafe","allocation":"FIRST_COME",
                 "status":"PUBLISHED","startsAt":"%s","endsAt":"%s","sequence":0}}
                """.formatted(
                UUID.randomUUID(), EventTypes.EVENT_PUBLISHED, sessionId, sessionId, start, start.plusHours(2)));
        String eventId = UUID.randomUUID().toString();
        KafkaTopicWriter.send(Topics.REGISTRATION_LIFECYCLE, sessionId.toString(), confirmed(eventId, sessionId, hana));
        KafkaTopicWriter.send(
                Topics.REGISTRATION_LIFECYCLE, sessionId.toString(), confirmed(eventId, sessionId, hana)); // redelivery

        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> given().auth()
                        .oauth2(Tokens.accessToken("hana"))
                        .queryParam("lang", "ja")
                        .get("/api/notifications/inbox")
                        .then()
                        .statusCode(200)
                        .body("findAll { it.sessionId == '" + sessionId + "' }", hasSize(1))
                        .body(
                                "find { it.sessionId == '" + sessionId + "' }.kind",
                                org.hamcrest.Matchers.equalTo("BOOKING_CONFIRMED"))
                        .body("find { it.sessionId == '" + sessionId + "' }.text", containsString("ウィメンズカフェ")));

        given().auth()
                .oauth2(Tokens.accessToken("hana"))
                .queryParam("lang", "en")
                .get("/api/notifications/inbox")
                .then()
                .statusCode(200)
                .body("find { it.sessionId == '" + sessionId + "' }.text", containsString("Women's Café"));
        given().auth()
                .oauth2(Tokens.accessToken("mei"))
                .get("/api/notifications/inbox")
                .then()
                .statusCode(200)
                .body("findAll { it.sessionId == '" + sessionId + "' }", hasSize(0));
        given().get("/api/notifications/inbox").then().statusCode(401);
    }

    @Test
    void anUnreadableMessageEndsInTheDeadLetterTopicNotSilently() {
        String marker = "broken-" + UUID.randomUUID();
        KafkaTopicWriter.send(Topics.REGISTRATION_LIFECYCLE, marker, "{ this is not json " + marker);
        var dead = KafkaTopicReader.awaitRecords(
                Topics.deadLetterOf(Topics.REGISTRATION_LIFECYCLE, "notification"),
                r -> marker.equals(r.key()),
                1,
                Duration.ofSeconds(60));
        assertThat(dead).hasSize(1);
        assertThat(dead.get(0).headers().lastHeader("dead-letter-reason")).isNotNull();
    }
}
