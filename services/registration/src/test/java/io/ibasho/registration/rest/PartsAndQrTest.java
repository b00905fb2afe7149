package io.ibasho.registration.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ibasho.contracts.EventTypes;
import io.ibasho.contracts.Topics;
import io.ibasho.registration.support.Api;
import io.ibasho.registration.support.Sessions;
import io.ibasho.testsupport.IbashoServers;
import io.ibasho.testsupport.KafkaTopicReader;
import io.ibasho.testsupport.TestServers;
import io.ibasho.testsupport.Tokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/** Parts booked together (1部/2部) and the QR code of her booking code, over real Kafka, HTTP and Keycloak. */
@QuarkusTest
@WithTestResource(value = IbashoServers.class, initArgs = @ResourceArg(name = "database", value = "registration"))
class PartsAndQrTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static Response qr(String token, UUID registrationId) {
        var request = given();
        if (token != null) {
            request = request.auth().oauth2(token);
        }
        return request.get("/api/registrations/mine/" + registrationId + "/qr");
    }

    @Test
    void oneBookingIsForAllPartsTogetherAndConfirmationNamesThemAll() throws Exception {
        String first = "part-" + UUID.randomUUID();
        String second = "part-" + UUID.randomUUID();
        UUID sessionId = Sessions.publishedInTwoParts(5, first, second);
        String registrationId = Api.bookOnceKnown("hana", sessionId)
                .then()
                .statusCode(201)
                .extract()
                .path("id");

        Map<String, Object> view = Api.myRegistration("hana", sessionId);
        assertThat(view.get("id")).isEqualTo(registrationId);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> parts = (List<Map<String, Object>>) view.get("parts");
        assertThat(parts).extracting(p -> p.get("partId")).containsExactly(first, second);
        assertThat(parts).extracting(p -> p.get("label")).containsExactly("1部", "2部");
        OffsetDateTime firstStarts = OffsetDateTime.parse((String) parts.get(0).get("startsAt"));
        assertThat(OffsetDateTime.parse((String) parts.get(0).get("endsAt"))).isEqualTo(firstStarts.plusHours(1));
        assertThat(OffsetDateTime.parse((String) parts.get(1).get("startsAt"))).isEqualTo(firstStarts.plusHours(1));
        assertThat(OffsetDateTime.parse((String) parts.get(1).get("endsAt"))).isEqualTo(firstStarts.plusHours(2));

        // seats are counted once per session, not once per part
        Api.roster("organiser1", sessionId).then().statusCode(200).body("seatsTaken", equalTo(1));

        var confirmed = KafkaTopicReader.awaitRecords(
                Topics.REGISTRATION_LIFECYCLE,
                r -> sessionId.toString().equals(r.key()) && r.value().contains(EventTypes.REGISTRATION_CONFIRMED),
                1,
                Duration.ofSeconds(30));
        assertThat(confirmed).hasSize(1);
        JsonNode data = JSON.readTree(confirmed.get(0).value()).path("data");
        assertThat(data.path("registrationId").asText()).isEqualTo(registrationId);
        assertThat(data.path("partIds").isArray()).isTrue();
        assertThat(data.path("partIds")).extracting(JsonNode::asText).containsExactly(first, second);
        assertThat(confirmed.get(0).value()).doesNotContain("1部").doesNotContain("\"hana\"");
    }

    @Test
    void aSessionWithoutPartsShowsNoneAndConfirmsWithAnEmptyList() throws Exception {
        UUID sessionId = Sessions.published(5);
        Api.bookOnceKnown("hana", sessionId).then().statusCode(201);
        assertThat(Api.myRegistration("hana", sessionId)).doesNotContainKey("parts");
        var confirmed = KafkaTopicReader.awaitRecords(
                Topics.REGISTRATION_LIFECYCLE,
                r -> sessionId.toString().equals(r.key()) && r.value().contains(EventTypes.REGISTRATION_CONFIRMED),
                1,
                Duration.ofSeconds(30));
        assertThat(JSON.readTree(confirmed.get(0).value())
                        .path("data")
                        .path("partIds")
                        .isEmpty())
                .isTrue();
    }

    @Test
    void herConfirmedBookingHasAnSvgQrCodeNobodyElseCanFetch() throws Exception {
        UUID sessionId = Sessions.published(1);
        var booking =
                Api.bookOnceKnown("hana", sessionId).then().statusCode(201).extract();
        UUID registrationId = UUID.fromString(booking.path("id"));
        String code = booking.path("bookingCode");

        Response svg = qr(Tokens.accessToken("hana"), registrationId);
        svg.then().statusCode(200).contentType("image/svg+xml").header("Cache-Control", "no-store");
        String body = svg.asString();
        Document document = parse(body);
        assertThat(document.getDocumentElement().getLocalName()).isEqualTo("svg");
        assertThat(document.getElementsByTagName("rect").getLength()).isPositive();
        assertThat(document.getElementsByTagName("path").getLength()).isPositive();
        // the code is drawn, not written: nothing readable about her, her account, the session or the code itself
        assertThat(body)
                .doesNotContain(code)
                .doesNotContain("hana")
                .doesNotContain(sessionId.toString())
                .doesNotContain(registrationId.toString());

        // somebody else's booking and an unknown id look the same: 404
        qr(Tokens.accessToken("mei"), registrationId)
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("type", org.hamcrest.Matchers.endsWith("not-found"));
        qr(Tokens.accessToken("hana"), UUID.randomUUID())
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        qr(null, registrationId).then().statusCode(401);
        // staff and partners do not have the attendee role
        for (String user : List.of("organiser1", "organiser2", "carer1", "partner1")) {
            qr(Tokens.accessToken(user), registrationId).then().statusCode(403);
        }
        String partnerClient = Tokens.clientToken(
                TestServers.get().keycloak().realmUrl(), "partner-tsubomi", "partner-local-secret-change-me");
        qr(partnerClient, registrationId)
                .then()
                .statusCode(403); // its token is for registration, but not an attendee's

        // waitlisted: no booking code yet, so no QR code
        Api.book("mei", sessionId, "mei").then().statusCode(409);
        UUID waiting = UUID.fromString(Api.joinWaitlist("mei", sessionId)
                .then()
                .statusCode(201)
                .extract()
                .path("id"));
        qr(Tokens.accessToken("mei"), waiting)
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("type", org.hamcrest.Matchers.endsWith("not-confirmed"));
    }

    private static Document parse(String svg) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }
}
