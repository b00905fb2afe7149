package io.ibasho.childcarebooking.rest;

import static io.ibasho.childcarebooking.Fixtures.published;
import static io.ibasho.childcarebooking.Fixtures.replyTo;
import static io.ibasho.childcarebooking.Fixtures.requestChildcare;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.nullValue;

import io.ibasho.childcarebooking.Fixtures;
import io.ibasho.childcarebooking.Fixtures.Session;
import io.ibasho.contracts.EventTypes;
import io.ibasho.testsupport.IbashoServers;
import io.ibasho.testsupport.Tokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Each organisation's ratio table and cap, against real PostgreSQL, Kafka and Keycloak. Only minato (organiser2) is
 * changed, and always reset afterwards: the other test classes rely on hinata keeping the standard.
 */
@QuarkusTest
@WithTestResource(value = IbashoServers.class, initArgs = @ResourceArg(name = "database", value = "childcare_booking"))
class OrganisationRatiosResourceTest {
    private static final String RATIOS = "/api/childcare/organisations/mine/ratios";

    @AfterEach
    void backToTheStandard() {
        given().auth()
                .oauth2(Tokens.accessToken("organiser2"))
                .delete(RATIOS)
                .then()
                .statusCode(200);
    }

    private static Map<String, Object> band(int youngest, int oldest, int childrenPerCarer) {
        return Map.of("youngest", youngest, "oldest", oldest, "childrenPerCarer", childrenPerCarer);
    }

    private static Response put(String user, Object body) {
        return given().auth()
                .oauth2(Tokens.accessToken(user))
                .contentType(ContentType.JSON)
                .body(body)
                .put(RATIOS);
    }

    private static Map<String, Object> table(Integer cap, Object... bands) {
        return cap == null
                ? Map.of("bands", List.of(bands))
                : Map.of("bands", List.of(bands), "maxChildrenPerSession", cap);
    }

    @Test
    void anOrganisationWithoutSettingsGetsThe2024Standard() {
        given().auth()
                .oauth2(Tokens.accessToken("organiser2"))
                .get(RATIOS)
                .then()
                .statusCode(200)
                .body("organisationId", equalTo("minato"))
                .body("standard", equalTo(true))
                .body("bands.ages", contains("0", "1-2", "3", "4-17"))
                .body("bands.childrenPerCarer", contains(3, 6, 15, 25))
                .body("maxChildrenPerSession", nullValue());
    }

    @Test
    void onlyOrganisersReadOrChangeAndOnlyTheirOwnOrganisation() {
        String stricter = "{\"bands\":[{\"youngest\":0,\"oldest\":0,\"childrenPerCarer\":2},"
                + "{\"youngest\":1,\"oldest\":17,\"childrenPerCarer\":5}]}";
        given().get(RATIOS).then().statusCode(401);
        given().contentType(ContentType.JSON).body(stricter).put(RATIOS).then().statusCode(401);
        for (String user : List.of("hana", "mei", "carer1", "partner1")) {
            given().auth().oauth2(Tokens.accessToken(user)).get(RATIOS).then().statusCode(403);
            put(user, stricter).then().statusCode(403);
        }
        given().auth().oauth2(Fixtures.partnerClientToken()).get(RATIOS).then().statusCode(403);

        put("organiser2", stricter)
                .then()
                .statusCode(200)
                .body("organisationId", equalTo("minato"))
                .body("standard", equalTo(false))
                .body("bands.ages", contains("0", "1-17"));
        // organiser1's organisation is untouched by minato's change.
        given().auth()
                .oauth2(Tokens.accessToken("organiser1"))
                .get(RATIOS)
                .then()
                .statusCode(200)
                .body("organisationId", equalTo("hinata"))
                .body("standard", equalTo(true));
    }

    @Test
    void organisersSavingAtOnceAreAppliedOneAfterTheOtherNeverMixed() throws Exception {
        String token = Tokens.accessToken("organiser2");
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(5);
        try {
            List<java.util.concurrent.Future<Integer>> statuses = new java.util.ArrayList<>();
            for (int perCarer = 1; perCarer <= 5; perCarer++) {
                Object body = table(perCarer * 10, band(0, 0, perCarer), band(1, 17, perCarer + 5));
                statuses.add(pool.submit(() -> given().auth()
                        .oauth2(token)
                        .contentType(ContentType.JSON)
                        .body(body)
                        .put(RATIOS)
                        .statusCode()));
            }
            for (java.util.concurrent.Future<Integer> status : statuses) {
                assertThat(status.get(60, java.util.concurrent.TimeUnit.SECONDS))
                        .isEqualTo(200);
            }
        } finally {
            pool.shutdownNow();
        }
        Response saved = given().auth().oauth2(token).get(RATIOS);
        saved.then().statusCode(200).body("bands.ages", contains("0", "1-17"));
        int infants = saved.path("bands[0].childrenPerCarer");
        assertThat(saved.<Integer>path("bands[1].childrenPerCarer")).isEqualTo(infants + 5);
        assertThat(saved.<Integer>path("maxChildrenPerSession")).isEqualTo(infants * 10);
    }

    @Test
    void invalidTablesAreRefusedNamingTheBadBand() {
        put("organiser2", table(null, band(0, 1, 3), band(1, 2, 6), band(3, 17, 25)))
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("type", containsString("validation"))
                .body("violations.field", contains("bands[1]"))
                .body("violations[0].message", containsString("band 1-2"))
                .body("violations[0].message", containsString("overlaps"));
        put("organiser2", table(null, band(0, 0, 3), band(3, 17, 25)))
                .then()
                .statusCode(400)
                .body("violations.field", contains("bands[1]"))
                .body("violations[0].message", containsString("ages 1-2"));
        put("organiser2", table(null, band(0, 0, 0), band(1, 17, 6)))
                .then()
                .statusCode(400)
                .body("violations.field", contains("bands[0]"))
                .body("violations[0].message", containsString("at least 1"));
        put("organiser2", table(null, band(0, 10, 3)))
                .then()
                .statusCode(400)
                .body("violations.field", contains("bands"))
                .body("violations[0].message", containsString("11-17"));
        put("organiser2", table(0, band(0, 17, 3)))
                .then()
                .statusCode(400)
                .body("violations.field", contains("maxChildrenPerSession"));
        put("organiser2", Map.of()).then().statusCode(400).body("violations.field", contains("bands"));
        put("organiser2", "{\"bands\": [{\"youngest\": \"zero\"}]}")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("type", containsString("malformed-json"));
        given().auth()
                .oauth2(Tokens.accessToken("organiser2"))
                .contentType(ContentType.JSON)
                .put(RATIOS)
                .then()
                .statusCode(400)
                .contentType("application/problem+json");

        // Nothing invalid was saved.
        given().auth()
                .oauth2(Tokens.accessToken("organiser2"))
                .get(RATIOS)
                .then()
                .statusCode(200)
                .body("standard", equalTo(true));
    }

    @Test
    void aStricterTableOrLowerCapKeepsConfirmedChildrenReportsTheShortfallAndRefusesNewOnes() {
        // Two carers take five infants under the standard (5/3 -> 2 carers).
        Session session = published(Session.of("minato", 2));
        assertThat(replyTo(session.id(), requestChildcare(session.id(), 0, 0, 0, 0, 0))
                        .path("type")
                        .asText())
                .isEqualTo(EventTypes.CHILDCARE_RESERVED);

        // Infants at 1:2: the same five need 3 carers. The change is saved and the session reported, nobody dropped.
        put("organiser2", table(null, band(0, 0, 2), band(1, 2, 6), band(3, 3, 15), band(4, 17, 25)))
                .then()
                .statusCode(200)
                .body("standard", equalTo(false))
                .body("bands.childrenPerCarer", contains(2, 6, 15, 25))
                .body("sessionsShort.sessionId", hasItem(session.id().toString()))
                .body("sessionsShort.find { it.sessionId == '%s' }.carersShort".formatted(session.id()), equalTo(1))
                .body("sessionsShort.find { it.sessionId == '%s' }.totalChildren".formatted(session.id()), equalTo(5));
        given().auth()
                .oauth2(Tokens.accessToken("organiser2"))
                .get("/api/childcare/sessions/" + session.id())
                .then()
                .statusCode(200)
                .body("totalChildren", equalTo(5))
                .body("carersNeeded", equalTo(3))
                .body("carersShort", equalTo(1))
                .body("overCapacity", equalTo(true))
                .body("placesLeftByBand.morePlaces", hasItems(0));
        assertThat(replyTo(session.id(), requestChildcare(session.id(), 5))
                        .path("data")
                        .path("reason")
                        .asText())
                .isEqualTo("RATIO_EXCEEDED");

        // Standard ratios but a cap of 3: carers suffice, two children above the cap, still nobody dropped.
        put("organiser2", table(3, band(0, 0, 3), band(1, 2, 6), band(3, 3, 15), band(4, 17, 25)))
                .then()
                .statusCode(200)
                .body("maxChildrenPerSession", equalTo(3))
                .body(
                        "sessionsShort.find { it.sessionId == '%s' }.childrenOverCap".formatted(session.id()),
                        equalTo(2));
        given().auth()
                .oauth2(Tokens.accessToken("organiser2"))
                .get("/api/childcare/sessions/" + session.id())
                .then()
                .statusCode(200)
                .body("totalChildren", equalTo(5))
                .body("carersShort", equalTo(0))
                .body("capApplied", equalTo(3))
                .body("childrenOverCap", equalTo(2))
                .body("overCapacity", equalTo(true));
        assertThat(replyTo(session.id(), requestChildcare(session.id(), 5))
                        .path("data")
                        .path("reason")
                        .asText())
                .isEqualTo("CAP_EXCEEDED");

        // Back to the standard: the session fits again and takes a five-year-old (5/3 + 1/25 -> 2 carers).
        given().auth()
                .oauth2(Tokens.accessToken("organiser2"))
                .delete(RATIOS)
                .then()
                .statusCode(200)
                .body("standard", equalTo(true))
                .body("sessionsShort", empty());
        assertThat(replyTo(session.id(), requestChildcare(session.id(), 5))
                        .path("type")
                        .asText())
                .isEqualTo(EventTypes.CHILDCARE_RESERVED);
    }
}
