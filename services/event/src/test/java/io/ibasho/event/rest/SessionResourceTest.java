package io.ibasho.event.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ibasho.contracts.EventTypes;
import io.ibasho.contracts.Topics;
import io.ibasho.testsupport.IbashoServers;
import io.ibasho.testsupport.KafkaTopicReader;
import io.ibasho.testsupport.Tokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Against real PostgreSQL, Kafka and Keycloak: the publish path of the walking skeleton, and its edges. */
@QuarkusTest
@WithTestResource(value = IbashoServers.class, initArgs = @ResourceArg(name = "database", value = "event"))
class SessionResourceTest {
    private final ObjectMapper json = new ObjectMapper();

    private static OffsetDateTime workshopStart() {
        return OffsetDateTime.now(ZoneOffset.ofHours(9))
                .plusDays(10)
                .withHour(13)
                .withMinute(30)
                .withSecond(0)
                .withNano(0);
    }

    private static Map<String, Object> workshop() {
        return workshop(workshopStart());
    }

    private static Map<String, Object> workshop(OffsetDateTime start) {
        return Map.of(
                "kind",
                "workshop",
                "titleJa",
                "アロマハンドケア",
                "titleEn",
                "Aroma hand care",
                "startsAt",
                start.toString(),
                "endsAt",
                start.plusHours(2).toString(),
                "capacity",
                10,
                "allocation",
                "FIRST_COME",
                "applicationOpensAt",
                start.minusDays(9).toString(),
                "applicationClosesAt",
                start.minusDays(2).toString());
    }

    @Test
    void anOrganiserPublishesASessionAndEventPublishedReachesKafka() throws Exception {
        String token = Tokens.accessToken("organiser1");
        OffsetDateTime start = workshopStart();
        String id = given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(workshop(start))
                .post("/api/events/sessions")
                .then()
                .log()
                .ifValidationFails()
                .statusCode(201)
                .header("Location", containsString("/api/events/sessions/"))
                .body("status", equalTo("draft"))
                .extract()
                .path("id");

        // a draft is not public
        given().get("/api/events/sessions/" + id).then().statusCode(404).contentType("application/problem+json");

        given().auth()
                .oauth2(Tokens.accessToken("organiser1"))
                .post("/api/events/sessions/" + id + "/publish")
                .then()
                .statusCode(200)
                .body("status", equalTo("published"));

        // the list's window around its start: the module's other tests publish sessions too, and the unfiltered first
        // page (20) need not reach this one
        given().queryParam("from", start.minusMinutes(1).toString())
                .queryParam("to", start.plusMinutes(1).toString())
                .queryParam("size", 100)
                .get("/api/events/sessions")
                .then()
                .statusCode(200)
                .body("id", hasItem(id));
        given().get("/api/events/sessions/" + id).then().statusCode(200).body("titleJa", equalTo("アロマハンドケア"));

        var records = KafkaTopicReader.awaitRecords(
                Topics.EVENT_LIFECYCLE, r -> id.equals(r.key()), 1, Duration.ofSeconds(30));
        assertThat(records).hasSize(1);
        JsonNode event = json.readTree(records.get(0).value());
        assertThat(event.path("specversion").asText()).isEqualTo("1.0");
        assertThat(event.path("type").asText()).isEqualTo(EventTypes.EVENT_PUBLISHED);
        assertThat(event.path("subject").asText()).isEqualTo(id);
        assertThat(event.path("data").path("capacity").asInt()).isEqualTo(10);
        assertThat(event.path("data").path("organisationId").asText()).isEqualTo("hinata");
    }

    @Test
    void anotherOrganisationsSessionIsNotFoundNotForbidden() {
        String id = given().auth()
                .oauth2(Tokens.accessToken("organiser1"))
                .contentType(ContentType.JSON)
                .body(workshop())
                .post("/api/events/sessions")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        given().auth()
                .oauth2(Tokens.accessToken("organiser2"))
                .post("/api/events/sessions/" + id + "/publish")
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404));
    }

    /**
     * A session that has begun can be neither created nor published (nobody could book it, and a report would count
     * it), nor moved into the past; one that has begun may still have its texts corrected.
     */
    @Test
    void aStartInThePastIsRefusedOnCreatePublishAndMoveButABegunSessionsTextsMayChange() throws Exception {
        OffsetDateTime past = OffsetDateTime.now(ZoneOffset.ofHours(9))
                .minusHours(2)
                .withSecond(0)
                .withNano(0);
        Map<String, Object> begun = new java.util.HashMap<>(workshop());
        begun.put("startsAt", past.toString());
        begun.put("endsAt", past.plusHours(3).toString());
        begun.put("applicationOpensAt", past.minusDays(9).toString());
        begun.put("applicationClosesAt", past.minusDays(2).toString());
        given().auth()
                .oauth2(Tokens.accessToken("organiser1"))
                .contentType(ContentType.JSON)
                .body(begun)
                .post("/api/events/sessions")
                .then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("type", containsString("/session-start-past"))
                .body("violations[0].field", equalTo("startsAt"))
                .body("violations[0].code", equalTo("START_IN_PAST"));

        String draft = TestData.createSession(Tokens.accessToken("organiser1"), workshop());
        String published = TestData.createPublished(Tokens.accessToken("organiser1"), workshop());
        try (var db = java.sql.DriverManager.getConnection(
                        io.ibasho.testsupport.TestServers.get().postgres().jdbcUrl("event"), "postgres", "");
                var intoThePast = db.prepareStatement(
                        "update session set starts_at = ?, ends_at = ? where id in (?::uuid, ?::uuid)")) {
            intoThePast.setObject(1, past);
            intoThePast.setObject(2, past.plusHours(3));
            intoThePast.setString(3, draft);
            intoThePast.setString(4, published);
            assertThat(intoThePast.executeUpdate()).isEqualTo(2);
        }
        given().auth()
                .oauth2(Tokens.accessToken("organiser1"))
                .post("/api/events/sessions/" + draft + "/publish")
                .then()
                .statusCode(422)
                .body("type", containsString("/session-start-past"));

        Map<String, Object> corrected = new java.util.HashMap<>(begun);
        corrected.put("titleJa", "アロマハンドケア（持ち物: タオル）");
        given().auth()
                .oauth2(Tokens.accessToken("organiser1"))
                .contentType(ContentType.JSON)
                .body(corrected)
                .put("/api/events/sessions/" + published)
                .then()
                .statusCode(200)
                .body("titleJa", equalTo("アロマハンドケア（持ち物: タオル）"));
        Map<String, Object> earlier = new java.util.HashMap<>(corrected);
        earlier.put("startsAt", past.minusHours(1).toString());
        given().auth()
                .oauth2(Tokens.accessToken("organiser1"))
                .contentType(ContentType.JSON)
                .body(earlier)
                .put("/api/events/sessions/" + published)
                .then()
                .statusCode(422)
                .body("type", containsString("/session-start-past"));
    }

    @Test
    void badInputIsAProblemWithWhatToFix() {
        Map<String, Object> backwards = new java.util.HashMap<>(workshop());
        backwards.put("endsAt", OffsetDateTime.now().minusDays(1).toString());
        backwards.put("capacity", 0);
        given().auth()
                .oauth2(Tokens.accessToken("organiser1"))
                .contentType(ContentType.JSON)
                .body(backwards)
                .post("/api/events/sessions")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("type", containsString("/validation"))
                .body("violations.field", hasItem("endAfterStart"))
                .body("violations.field", hasItem("capacity"));

        given().auth()
                .oauth2(Tokens.accessToken("organiser1"))
                .contentType(ContentType.JSON)
                .body("{\"kind\": ")
                .post("/api/events/sessions")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");

        given().get("/api/events/sessions/not-a-uuid").then().statusCode(404).contentType("application/problem+json");
    }

    /**
     * Bean Validation's refusals carry a stable code per field, as SessionRules' do, so the organiser's form words each
     * in her language instead of showing the English message (docs/errors.md, "Codes of Bean Validation").
     */
    @Test
    void eachFieldRefusedByValidationHasAStableCode() {
        Map<String, Object> wrong = new java.util.HashMap<>(workshop());
        wrong.put("titleJa", "あ".repeat(201));
        wrong.put("capacity", 0);
        wrong.put("kind", "party");
        wrong.put("endsAt", OffsetDateTime.now().minusDays(1).toString());
        wrong.put("childcare", Map.of("offered", true, "minAgeYears", 13));
        wrong.put("lottery", Map.of("priorityTiers", java.util.List.of("a", "b", "c", "d", "e", "f")));
        wrong.put("flyer", Map.of("bringJa", "x".repeat(301), "feeYen", -1));
        given().auth()
                .oauth2(Tokens.accessToken("organiser1"))
                .contentType(ContentType.JSON)
                .body(wrong)
                .post("/api/events/sessions")
                .then()
                .log()
                .ifValidationFails()
                .statusCode(400)
                .body("type", containsString("/validation"))
                .body("violations.find { it.field == 'titleJa' }.code", equalTo("TITLE_JA_TOO_LONG"))
                .body("violations.find { it.field == 'capacity' }.code", equalTo("CAPACITY_OUT_OF_RANGE"))
                .body("violations.find { it.field == 'kind' }.code", equalTo("KIND_INVALID"))
                // a getter check says it in SessionRules' words for the same mistake
                .body("violations.find { it.field == 'endAfterStart' }.code", equalTo("END_NOT_AFTER_START"))
                .body(
                        "violations.code",
                        org.hamcrest.Matchers.hasItems(
                                "CHILDCARE_MIN_AGE_YEARS_OUT_OF_RANGE",
                                "CHILDCARE_AGES_AND_CARERS_REQUIRED",
                                "LOTTERY_PRIORITY_TIERS_TOO_MANY",
                                "FLYER_BRING_JA_TOO_LONG",
                                "FLYER_FEE_YEN_OUT_OF_RANGE"))
                .body(
                        "violations.code",
                        org.hamcrest.Matchers.everyItem(org.hamcrest.Matchers.matchesPattern("[A-Z][A-Z0-9_]+")));

        Map<String, Object> missing = new java.util.HashMap<>(workshop());
        missing.remove("titleJa");
        missing.remove("kind");
        missing.remove("startsAt");
        given().auth()
                .oauth2(Tokens.accessToken("organiser1"))
                .contentType(ContentType.JSON)
                .body(missing)
                .post("/api/events/sessions")
                .then()
                .statusCode(400)
                .body(
                        "violations.code",
                        org.hamcrest.Matchers.containsInAnyOrder(
                                "KIND_REQUIRED", "STARTS_AT_REQUIRED", "TITLE_JA_REQUIRED"));
        // no body at all: the parameter is what is missing
        given().auth()
                .oauth2(Tokens.accessToken("organiser1"))
                .contentType(ContentType.JSON)
                .post("/api/events/sessions")
                .then()
                .statusCode(400)
                .body("violations.code", org.hamcrest.Matchers.contains("REQUEST_REQUIRED"));
    }

    @Test
    void onlyOrganisersCreateSessions() {
        given().contentType(ContentType.JSON)
                .body(workshop())
                .post("/api/events/sessions")
                .then()
                .statusCode(401);
        given().auth()
                .oauth2(Tokens.accessToken("hana"))
                .contentType(ContentType.JSON)
                .body(workshop())
                .post("/api/events/sessions")
                .then()
                .statusCode(403);
    }
}
