package io.ibasho.event.rest;

import static io.ibasho.event.rest.TestData.createPublished;
import static io.ibasho.event.rest.TestData.createVenue;
import static io.ibasho.event.rest.TestData.organiser1;
import static io.ibasho.event.rest.TestData.tokyo;
import static io.ibasho.event.rest.TestData.uniqueArea;
import static io.ibasho.event.rest.TestData.venue;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import io.ibasho.testsupport.IbashoServers;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue #13, finding 1: once a lottery's applications are open, what decides who wins cannot change (409
 * lottery-rules-frozen naming the fields); texts and a deadline that has not passed may, later only (409
 * lottery-deadline-earlier otherwise). Before opening, all of it may.
 */
@QuarkusTest
@WithTestResource(value = IbashoServers.class, initArgs = @ResourceArg(name = "database", value = "event"))
class LotteryRulesFrozenTest {

    private static Response put(String id, Map<String, Object> session) {
        return given().auth()
                .oauth2(organiser1())
                .contentType(ContentType.JSON)
                .body(session)
                .put("/api/events/sessions/" + id);
    }

    private static Map<String, Object> lotteryWorkshop(String venueId, OffsetDateTime start, OffsetDateTime opens) {
        Map<String, Object> workshop = new HashMap<>(TestData.workshop(venueId, start));
        workshop.put("applicationOpensAt", opens.toString());
        workshop.put("capacity", 2);
        workshop.put("lottery", Map.of("priorityTiers", List.of("初めての方", "その他"), "oneWinPerMonth", false));
        return workshop;
    }

    @Test
    void onceApplicationsAreOpenTheRulesAreFrozenButTextsAndAnOpenDeadlineMayChange() {
        String venueId = createVenue(organiser1(), venue(uniqueArea(), "PUBLIC", true, List.of()));
        OffsetDateTime start = tokyo(6, 10, 0);
        // applications opened yesterday and close three days before the start
        Map<String, Object> workshop = lotteryWorkshop(
                venueId, start, OffsetDateTime.now().minusDays(1).truncatedTo(ChronoUnit.SECONDS));
        String id = createPublished(organiser1(), workshop);

        for (Map.Entry<String, Object> change : List.of(
                Map.entry("capacity", (Object) 3),
                Map.entry("lottery", (Object) Map.of("priorityTiers", List.of("初めての方", "その他", "どなたでも"))),
                Map.entry("lottery", (Object) Map.of("priorityTiers", List.of("初めての方", "その他"), "oneWinPerMonth", true)),
                Map.entry("allocation", (Object) "FIRST_COME"),
                Map.entry("applicationOpensAt", (Object)
                        OffsetDateTime.now().plusHours(1).toString()))) {
            Map<String, Object> changed = new HashMap<>(workshop);
            changed.put(change.getKey(), change.getValue());
            if (change.getKey().equals("allocation")) {
                changed.remove("lottery");
            }
            put(id, changed)
                    .then()
                    .statusCode(409)
                    .contentType("application/problem+json")
                    .body("type", endsWith("/lottery-rules-frozen"))
                    .body("detail", containsString(change.getKey()));
        }
        given().get("/api/events/sessions/" + id)
                .then()
                .body("capacity", equalTo(2))
                .body("lottery.priorityTiers.size()", equalTo(2))
                .body("sequence", equalTo(0));

        // texts and a later deadline (still before the start) may change
        Map<String, Object> retitled = new HashMap<>(workshop);
        retitled.put("titleEn", "Aroma hand care (bring a towel)");
        retitled.put("applicationClosesAt", start.minusDays(2).toString());
        put(id, retitled).then().statusCode(200).body("sequence", equalTo(1));
        // an earlier deadline would shut out a woman who planned to apply before the announced one: refused
        Map<String, Object> earlier = new HashMap<>(retitled);
        earlier.put("applicationClosesAt", OffsetDateTime.now().plusHours(1).toString());
        put(id, earlier)
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("type", endsWith("/lottery-deadline-earlier"))
                .body("violations[0].field", equalTo("applicationClosesAt"))
                .body("violations[0].code", equalTo("DEADLINE_MOVED_EARLIER"));
        given().get("/api/events/sessions/" + id).then().body("sequence", equalTo(1));
        // once the deadline has passed (here: made to have passed) it stays: moving it would reopen a closed lottery
        Map<String, Object> closing = new HashMap<>(retitled);
        closing.put("applicationClosesAt", OffsetDateTime.now().minusSeconds(1).toString());
        try (var db = java.sql.DriverManager.getConnection(
                        io.ibasho.testsupport.TestServers.get().postgres().jdbcUrl("event"), "postgres", "");
                var close = db.prepareStatement(
                        "update session set application_closes_at = now() - interval '1 second' where id = ?::uuid")) {
            close.setString(1, id);
            org.assertj.core.api.Assertions.assertThat(close.executeUpdate()).isEqualTo(1);
        } catch (java.sql.SQLException e) {
            throw new AssertionError(e);
        }
        Map<String, Object> reopening = new HashMap<>(closing);
        reopening.put("applicationClosesAt", start.minusDays(1).toString());
        put(id, reopening)
                .then()
                .statusCode(409)
                .body("type", endsWith("/lottery-rules-frozen"))
                .body("violations.field", hasItems("applicationClosesAt"))
                .body("detail", allOf(containsString("applicationClosesAt")));
    }

    /**
     * One vocabulary: the rules exactly as the session view shows them ({@code priorityTiers}, 0 hours without
     * confirmation) are a valid request, so sending them back unchanged while applications are open changes nothing;
     * the old name {@code priority} is refused, never dropped.
     */
    @Test
    void theRulesAsTheViewShowsThemAreTheRequestsWords() {
        String venueId = createVenue(organiser1(), venue(uniqueArea(), "PUBLIC", true, List.of()));
        OffsetDateTime start = tokyo(7, 10, 0);
        Map<String, Object> workshop = lotteryWorkshop(
                venueId, start, OffsetDateTime.now().minusDays(1).truncatedTo(ChronoUnit.SECONDS));
        String id = createPublished(organiser1(), workshop);
        Map<String, Object> shown =
                given().get("/api/events/sessions/" + id).then().extract().path("lottery");
        org.assertj.core.api.Assertions.assertThat(shown)
                .containsEntry("confirmationHours", 0)
                .doesNotContainKey("priority");
        Map<String, Object> sentBack = new HashMap<>(workshop);
        sentBack.put("lottery", shown);
        put(id, sentBack).then().statusCode(200).body("sequence", equalTo(0));

        Map<String, Object> oldName = new HashMap<>(workshop);
        oldName.put("lottery", Map.of("priority", List.of("初めての方", "その他")));
        put(id, oldName)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body(containsString("priorityTiers"));
        Map<String, Object> zeroHoursToConfirm = new HashMap<>(workshop);
        zeroHoursToConfirm.put(
                "lottery",
                Map.of("priorityTiers", List.of("初めての方", "その他"), "confirmationRequired", true, "confirmationHours", 0));
        put(id, zeroHoursToConfirm).then().statusCode(400).body(containsString("confirmationHours"));
    }

    /** Finding 8: a lottery of any kind needs a deadline (else it never draws) and a capacity (else "1 seat"). */
    @Test
    void aLotteryOfAnyKindNeedsADeadlineAndACapacity() {
        Map<String, Object> online = new HashMap<>(TestData.online(tokyo(8, 20, 0)));
        online.put("allocation", "LOTTERY");
        online.remove("capacity");
        given().auth()
                .oauth2(organiser1())
                .contentType(ContentType.JSON)
                .body(online)
                .post("/api/events/sessions")
                .then()
                .statusCode(422)
                .body("type", endsWith("/session-rules"))
                .body("violations.code", hasItems("DEADLINE_REQUIRED", "CAPACITY_REQUIRED"));
    }

    @Test
    void beforeApplicationsOpenTheRulesMayStillChange() {
        String venueId = createVenue(organiser1(), venue(uniqueArea(), "PUBLIC", true, List.of()));
        OffsetDateTime start = tokyo(20, 10, 0);
        Map<String, Object> workshop = lotteryWorkshop(venueId, start, start.minusDays(9));
        String id = createPublished(organiser1(), workshop);
        workshop.put("capacity", 3);
        workshop.put("lottery", Map.of("priorityTiers", List.of("初めての方", "その他", "どなたでも"), "oneWinPerMonth", true));
        put(id, workshop).then().statusCode(200).body("capacity", equalTo(3)).body("sequence", equalTo(1));
    }
}
