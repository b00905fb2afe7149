package io.ibasho.childcarebooking.rest;

import static io.ibasho.childcarebooking.Fixtures.published;
import static io.ibasho.childcarebooking.Fixtures.replyTo;
import static io.ibasho.childcarebooking.Fixtures.requestChildcare;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;

import com.fasterxml.jackson.databind.JsonNode;
import io.ibasho.childcarebooking.Fixtures;
import io.ibasho.childcarebooking.Fixtures.Session;
import io.ibasho.contracts.EventTypes;
import io.ibasho.testsupport.IbashoServers;
import io.ibasho.testsupport.Tokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * 託児 alone at a drop-in café (issue #17): she reserves childcare without a seat, under the same rules and the same
 * places as childcare with a seat; the carers see the children and the handover code, never who she is. Against real
 * PostgreSQL, Kafka and Keycloak.
 */
@QuarkusTest
@WithTestResource(value = IbashoServers.class, initArgs = @ResourceArg(name = "database", value = "childcare_booking"))
class DropInChildcareTest {

    /** A drop-in café of hinata with childcare for ages 0-6 and at most {@code maxChildren} children. */
    private static Session dropInCafe(Integer maxChildren, OffsetDateTime deadline) {
        OffsetDateTime start = OffsetDateTime.now(ZoneOffset.UTC).plusDays(7);
        return published(
                new Session(UUID.randomUUID(), "hinata", 2, 0, 6, start, start.plusHours(2), deadline, maxChildren),
                "NONE");
    }

    private static Response reserve(String user, UUID sessionId, Object children) {
        return given().auth()
                .oauth2(Tokens.accessToken(user))
                .contentType(ContentType.JSON)
                .body(Map.of("sessionId", sessionId, "children", children, "consentLanguage", "ja"))
                .post("/api/childcare/drop-in-childcare");
    }

    private static JsonPath careSheet(UUID sessionId) {
        return given().auth()
                .oauth2(Tokens.accessToken("carer1"))
                .get("/api/childcare/sessions/" + sessionId + "/care-sheet")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    @Test
    void notesWithoutTheConsentLanguageAreRefusedAndNothingIsReserved() {
        Session cafe = dropInCafe(null, OffsetDateTime.now(ZoneOffset.UTC).plusDays(5));
        given().auth()
                .oauth2(Tokens.accessToken("mei"))
                .contentType(ContentType.JSON)
                .body(Map.of("sessionId", cafe.id(), "children", List.of(Map.of("ageYears", 2, "careNotes", "ぜんそく"))))
                .post("/api/childcare/drop-in-childcare")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", equalTo(List.of("consentLanguage")));
        // ages alone need no consent
        given().auth()
                .oauth2(Tokens.accessToken("mei"))
                .contentType(ContentType.JSON)
                .body(Map.of("sessionId", cafe.id(), "children", List.of(Map.of("ageYears", 2))))
                .post("/api/childcare/drop-in-childcare")
                .then()
                .statusCode(201);
    }

    @Test
    void sheReservesChildcareAloneAndTheCarersSeeTheChildrenWithTheHandoverCodeOnly() {
        Session cafe = dropInCafe(null, OffsetDateTime.now(ZoneOffset.UTC).plusDays(5));

        Response created = reserve(
                "hana",
                cafe.id(),
                List.of(Map.of("ageYears", 1, "careNotes", "卵アレルギー"), Map.of("ageYears", 4, "childNickname", "そら")));
        created.then()
                .statusCode(201)
                .body("status", equalTo("RESERVED"))
                .body("handoverCode", matchesPattern("[23456789ABCDEFGHJKMNPQRSTWXYZ]{8}"))
                .body("children.ageYears", equalTo(List.of(1, 4)));
        String code = created.jsonPath().getString("handoverCode");
        String id = created.jsonPath().getString("id");
        assertThat(created.header("Location")).isEqualTo("/api/childcare/drop-in-childcare/" + id);

        given().auth()
                .oauth2(Tokens.accessToken("hana"))
                .get("/api/childcare/drop-in-childcare/mine")
                .then()
                .statusCode(200)
                .body("find { it.id == '" + id + "' }.handoverCode", equalTo(code));

        JsonPath sheet = careSheet(cafe.id());
        assertThat(sheet.getList("children.ageYears", Integer.class)).containsExactly(1, 4);
        assertThat(sheet.getList("children.dropInCode", String.class)).containsExactly(code, code);
        assertThat(sheet.getList("children.careNotes", String.class)).contains("卵アレルギー");
        assertThat(sheet.getInt("summary.totalChildren")).isEqualTo(2);
        String sheetText = sheet.prettify();
        assertThat(sheetText).doesNotContain("hana").doesNotContain(id);

        // Only ids travel, so that notification can tell her: never the code, a nickname or a note.
        JsonNode announced = Fixtures.replies(cafe.id(), 1).getFirst();
        assertThat(announced.path("type").asText()).isEqualTo(EventTypes.DROP_IN_CHILDCARE_RESERVED);
        assertThat(announced.path("data").path("reservationId").asText()).isEqualTo(id);
        assertThat(announced.path("data").path("children").asInt()).isEqualTo(2);
        assertThat(announced.toString())
                .doesNotContain(code)
                .doesNotContain("卵")
                .doesNotContain("そら");

        // A second tap reserves nothing more.
        reserve("hana", cafe.id(), List.of(Map.of("ageYears", 2)))
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("type", matchesPattern(".*already-reserved"));
    }

    @Test
    void aCancelledCafeEndsHerReservationAndSheIsTold() {
        Session cafe = dropInCafe(null, OffsetDateTime.now(ZoneOffset.UTC).plusDays(5));
        String id = reserve("hana", cafe.id(), List.of(Map.of("ageYears", 3)))
                .then()
                .statusCode(201)
                .extract()
                .path("id");

        Fixtures.publish(cafe, EventTypes.EVENT_CANCELLED, 1, "NONE");

        JsonNode cancelled = Fixtures.replies(cafe.id(), 2).get(1);
        assertThat(cancelled.path("type").asText()).isEqualTo(EventTypes.DROP_IN_CHILDCARE_CANCELLED);
        assertThat(cancelled.path("data").path("cause").asText()).isEqualTo("SESSION_CANCELLED");
        given().auth()
                .oauth2(Tokens.accessToken("hana"))
                .get("/api/childcare/drop-in-childcare/" + id)
                .then()
                .statusCode(200)
                .body("status", equalTo("RELEASED"));
    }

    /**
     * Issue #14, order across replicas: the event service's second relay may publish a change after the cancellation
     * that followed it. The older change is dropped; before, the cancellation did not move the offer's sequence on and
     * the late change made the cancelled café take drop-in children again.
     */
    @Test
    void anOlderChangeReadAfterTheCancellationNeverOpensTheCafeToDropInsAgain() {
        Session cafe = dropInCafe(null, OffsetDateTime.now(ZoneOffset.UTC).plusDays(5));
        Fixtures.publish(cafe, EventTypes.EVENT_CANCELLED, 2, "NONE");
        await().atMost(Duration.ofSeconds(60)).until(() -> "CANCELLED".equals(offerStatus(cafe.id())));

        Fixtures.publish(cafe, EventTypes.EVENT_CHANGED, 1, "NONE");

        // nothing marks the moment the stale change was read: the café must stay cancelled while it is
        await().during(Duration.ofSeconds(3))
                .atMost(Duration.ofSeconds(6))
                .until(() -> "CANCELLED".equals(offerStatus(cafe.id())));
        reserve("mei", cafe.id(), List.of(Map.of("ageYears", 3)))
                .then()
                .statusCode(409)
                .body("type", matchesPattern(".*childcare-not-offered"));
    }

    @Test
    void aCafeMovedALaterWeekTakesChildcareUntilItsDeadlineMovedWithIt() {
        // its childcare closed yesterday; the organiser moves it a week later and the event service moves the
        // deadline with it (MovedChildcareDeadline): EventChanged carries the new one, and requests open again
        Session cafe = dropInCafe(null, OffsetDateTime.now(ZoneOffset.UTC).minusDays(1));
        reserve("mei", cafe.id(), List.of(Map.of("ageYears", 3)))
                .then()
                .statusCode(409)
                .body("type", matchesPattern(".*childcare-deadline-passed"));

        Session moved = cafe.withTimes(
                        cafe.startsAt().plusDays(7), cafe.endsAt().plusDays(7))
                .withDeadline(cafe.deadline().plusDays(7));
        Fixtures.publish(moved, EventTypes.EVENT_CHANGED, 1, "NONE");

        await().atMost(Duration.ofSeconds(60))
                .until(() -> reserve("mei", cafe.id(), List.of(Map.of("ageYears", 3)))
                                .statusCode()
                        == 201);
    }

    private static String offerStatus(UUID sessionId) {
        return given().auth()
                .oauth2(Tokens.accessToken("carer1"))
                .get("/api/childcare/sessions/" + sessionId)
                .then()
                .statusCode(200)
                .extract()
                .path("status");
    }

    @Test
    void dropInAndSeatChildcareShareThePlacesAndACancellationGivesThemBackAtOnce() {
        Session cafe = dropInCafe(2, OffsetDateTime.now(ZoneOffset.UTC).plusDays(5));
        String hanas = reserve("hana", cafe.id(), List.of(Map.of("ageYears", 2), Map.of("ageYears", 3)))
                .then()
                .statusCode(201)
                .extract()
                .path("id");

        reserve("mei", cafe.id(), List.of(Map.of("ageYears", 2)))
                .then()
                .statusCode(409)
                .body("type", matchesPattern(".*childcare-full"));
        // The saga's request for a seat's childcare sees the same full places.
        UUID request = requestChildcare(cafe.id(), 3);
        assertThat(replyTo(cafe.id(), request).path("type").asText()).isEqualTo(EventTypes.CHILDCARE_REJECTED);

        // Nobody else can read or cancel hers: indistinguishable from none.
        given().auth()
                .oauth2(Tokens.accessToken("mei"))
                .delete("/api/childcare/drop-in-childcare/" + hanas)
                .then()
                .statusCode(404);
        given().auth()
                .oauth2(Tokens.accessToken("mei"))
                .get("/api/childcare/drop-in-childcare/" + hanas)
                .then()
                .statusCode(404);

        given().auth()
                .oauth2(Tokens.accessToken("hana"))
                .delete("/api/childcare/drop-in-childcare/" + hanas)
                .then()
                .statusCode(204);
        given().auth()
                .oauth2(Tokens.accessToken("hana"))
                .get("/api/childcare/drop-in-childcare/" + hanas)
                .then()
                .statusCode(200)
                .body("status", equalTo("RELEASED"));
        reserve("mei", cafe.id(), List.of(Map.of("ageYears", 2))).then().statusCode(201);
        assertThat(careSheet(cafe.id()).getInt("summary.totalChildren")).isEqualTo(1);
    }

    @Test
    void theSameRulesAsWithASeatRefuseWithClearProblems() {
        Session pastDeadline =
                dropInCafe(null, OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(1));
        reserve("hana", pastDeadline.id(), List.of(Map.of("ageYears", 2)))
                .then()
                .statusCode(409)
                .body("type", matchesPattern(".*childcare-deadline-passed"));

        Session cafe = dropInCafe(null, OffsetDateTime.now(ZoneOffset.UTC).plusDays(5));
        reserve("hana", cafe.id(), List.of(Map.of("ageYears", 9)))
                .then()
                .statusCode(409)
                .body("type", matchesPattern(".*childcare-age-out-of-range"));
        reserve("hana", cafe.id(), List.of(Map.of("ageYears", 18)))
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        reserve("hana", cafe.id(), List.of()).then().statusCode(400);
        reserve("hana", UUID.randomUUID(), List.of(Map.of("ageYears", 2)))
                .then()
                .statusCode(404);

        // A session with bookings takes childcare with the seat, not alone.
        Session bookable = published(Session.of("hinata", 2));
        reserve("hana", bookable.id(), List.of(Map.of("ageYears", 2)))
                .then()
                .statusCode(409)
                .body("type", matchesPattern(".*not-drop-in"));

        // Staff accounts are not attendees (ADR 0008).
        reserve("carer1", cafe.id(), List.of(Map.of("ageYears", 2))).then().statusCode(403);
    }
}
