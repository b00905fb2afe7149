package io.ibasho.event.rest;

import static io.ibasho.event.rest.TestData.ATTENDEES_ADDRESS;
import static io.ibasho.event.rest.TestData.MEETING_LINK;
import static io.ibasho.event.rest.TestData.SHELTER_ADDRESS;
import static io.ibasho.event.rest.TestData.createPublished;
import static io.ibasho.event.rest.TestData.createSession;
import static io.ibasho.event.rest.TestData.createVenue;
import static io.ibasho.event.rest.TestData.eventOfType;
import static io.ibasho.event.rest.TestData.events;
import static io.ibasho.event.rest.TestData.organiser1;
import static io.ibasho.event.rest.TestData.organiser2;
import static io.ibasho.event.rest.TestData.tokyo;
import static io.ibasho.event.rest.TestData.uniqueArea;
import static io.ibasho.event.rest.TestData.venue;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.JsonNode;
import io.ibasho.contracts.EventTypes;
import io.ibasho.testsupport.IbashoServers;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Richer sessions and their lifecycle events, against real PostgreSQL, Kafka and Keycloak. */
@QuarkusTest
@WithTestResource(value = IbashoServers.class, initArgs = @ResourceArg(name = "database", value = "event"))
class SessionLifecycleTest {

    @Test
    void aWorkshopWithPartsChildcareAndWindowIsPublishedWithTheFullPayload() throws Exception {
        String venueId = createVenue(organiser1(), venue(uniqueArea(), "ATTENDEES_ONLY", true, List.of()));
        OffsetDateTime start = tokyo(14, 13, 30);
        String id = createPublished(organiser1(), TestData.workshop(venueId, start));

        String body = given().get("/api/events/sessions/" + id)
                .then()
                .statusCode(200)
                .body("venue.id", equalTo(venueId))
                .body("venue.address", nullValue())
                .body("roomId", equalTo("hall"))
                .body("parts.partId", equalTo(List.of("part-1", "part-2")))
                .body("parts.label", equalTo(List.of("1部", "2部")))
                .body("targetAudienceJa", equalTo("子育て中の女性"))
                .body("childcare.offered", equalTo(true))
                .body("childcare.maxAgeYears", equalTo(6))
                .body("allocation", equalTo("LOTTERY"))
                .body(
                        "lottery.priorityTiers",
                        equalTo(List.of("初めての方 / first-time participants", "その他 / everyone else")))
                .body("lottery.oneWinPerMonth", equalTo(true))
                .body("lottery.childcareRequiredToWin", equalTo(true))
                .body("lottery.confirmationRequired", equalTo(true))
                .body("lottery.confirmationHours", equalTo(36))
                .extract()
                .asString();
        assertThat(body).doesNotContain(ATTENDEES_ADDRESS);

        JsonNode published =
                eventOfType(events(id, 1), EventTypes.EVENT_PUBLISHED).path("data");
        assertThat(published.path("venueId").asText()).isEqualTo(venueId);
        assertThat(published.path("kind").asText()).isEqualTo("workshop");
        assertThat(published.path("allocation").asText()).isEqualTo("LOTTERY");
        assertThat(published.path("status").asText()).isEqualTo("PUBLISHED");
        assertThat(published.path("capacity").asInt()).isEqualTo(10);
        assertThat(published.path("bookingRequired").asBoolean()).isTrue();
        assertThat(published.path("sequence").asInt()).isZero();
        assertThat(published.path("titleJa").asText()).isEqualTo("アロマハンドケア");
        assertThat(published.path("titleEn").asText()).isEqualTo("Aroma hand care");
        assertThat(OffsetDateTime.parse(published.path("applicationClosesAt").asText()))
                .isEqualTo(start.minusDays(3));
        assertThat(OffsetDateTime.parse(published.path("applicationOpensAt").asText()))
                .isEqualTo(start.minusDays(9));
        JsonNode lottery = published.path("lottery");
        assertThat(lottery.path("priority"))
                .extracting(JsonNode::asText)
                .containsExactly("初めての方 / first-time participants", "その他 / everyone else");
        assertThat(lottery.path("oneWinPerMonth").asBoolean()).isTrue();
        assertThat(lottery.path("childcareRequiredToWin").asBoolean()).isTrue();
        // registration's LotteryPolicies reads these: winners confirm within 36 hours
        assertThat(lottery.path("confirmationRequired").asBoolean()).isTrue();
        assertThat(lottery.path("confirmationHours").asInt()).isEqualTo(36);
        assertThat(published.path("parts")).hasSize(2);
        assertThat(published.path("parts").get(1).path("partId").asText()).isEqualTo("part-2");
        assertThat(OffsetDateTime.parse(
                        published.path("parts").get(1).path("startsAt").asText()))
                .isEqualTo(start.plusMinutes(70));
        JsonNode childcare = published.path("childcare");
        assertThat(childcare.path("offered").asBoolean()).isTrue();
        assertThat(childcare.path("minAgeYears").asInt()).isEqualTo(1);
        assertThat(childcare.path("maxAgeYears").asInt()).isEqualTo(6);
        assertThat(childcare.path("carers").asInt()).isEqualTo(2);
        assertThat(childcare.path("maxChildren").asInt()).isEqualTo(6);
        assertThat(OffsetDateTime.parse(childcare.path("deadline").asText())).isEqualTo(start.minusDays(5));
        assertThat(published.toString()).doesNotContain(ATTENDEES_ADDRESS).doesNotContain("address");
    }

    @Test
    void theMeetingLinkIsStoredButNeverPublicNorInAnyEvent() {
        OffsetDateTime start = tokyo(9, 21, 0);
        String id = createPublished(organiser1(), TestData.online(start));

        given().auth()
                .oauth2(organiser1())
                .get("/api/events/sessions/" + id + "/manage")
                .then()
                .statusCode(200)
                .body("meetingLink", equalTo(MEETING_LINK))
                .body("online", equalTo(true));
        assertThat(given().get("/api/events/sessions/" + id)
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString())
                .doesNotContain(MEETING_LINK)
                .doesNotContain("meetingLink");
        assertThat(given().queryParam("online", true)
                        .queryParam("size", 100)
                        .get("/api/events/sessions")
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString())
                .doesNotContain(MEETING_LINK);

        Map<String, Object> moved = TestData.online(start.plusHours(-12));
        moved.put("meetingLink", MEETING_LINK + "-new");
        given().auth()
                .oauth2(organiser1())
                .contentType(ContentType.JSON)
                .body(moved)
                .put("/api/events/sessions/" + id)
                .then()
                .statusCode(200)
                .body("sequence", equalTo(1));
        given().auth()
                .oauth2(organiser1())
                .post("/api/events/sessions/" + id + "/cancel")
                .then()
                .statusCode(200)
                .body("status", equalTo("cancelled"))
                .body("sequence", equalTo(2));

        List<JsonNode> events = events(id, 3);
        assertThat(events)
                .extracting(e -> e.path("type").asText())
                .containsExactly(EventTypes.EVENT_PUBLISHED, EventTypes.EVENT_CHANGED, EventTypes.EVENT_CANCELLED);
        events.forEach(TestData::assertMatchesSchema);
        JsonNode changed = events.get(1).path("data");
        assertThat(changed.path("changed"))
                .extracting(JsonNode::asText)
                .containsExactlyInAnyOrder("time", "meeting-link");
        for (JsonNode event : events) {
            assertThat(event.toString()).doesNotContain("meet.example.invalid").doesNotContain("meetingLink");
        }
    }

    @Test
    void aPublishedChangeIsAnnouncedWithWhatChangedAndTheNextSequence() {
        String venueId = createVenue(organiser1(), venue(uniqueArea(), "NEVER", true, List.of()));
        String otherVenue = createVenue(organiser1(), venue(uniqueArea(), "PUBLIC", true, List.of()));
        OffsetDateTime start = tokyo(21, 10, 0);
        Map<String, Object> workshop = TestData.workshop(venueId, start);
        String id = createPublished(organiser1(), workshop);

        workshop.put("capacity", 12);
        workshop.put("venueId", otherVenue);
        workshop.put(
                "childcare",
                Map.of(
                        "offered",
                        true,
                        "minAgeYears",
                        0,
                        "maxAgeYears",
                        6,
                        "carers",
                        3,
                        "deadline",
                        start.minusDays(4).toString()));
        given().auth()
                .oauth2(organiser1())
                .contentType(ContentType.JSON)
                .body(workshop)
                .put("/api/events/sessions/" + id)
                .then()
                .statusCode(200)
                .body("sequence", equalTo(1))
                .body("capacity", equalTo(12));
        // the same details again change nothing and announce nothing
        given().auth()
                .oauth2(organiser1())
                .contentType(ContentType.JSON)
                .body(workshop)
                .put("/api/events/sessions/" + id)
                .then()
                .statusCode(200)
                .body("sequence", equalTo(1));

        JsonNode changed = eventOfType(events(id, 2), EventTypes.EVENT_CHANGED).path("data");
        assertThat(changed.path("sequence").asInt()).isEqualTo(1);
        assertThat(changed.path("changed"))
                .extracting(JsonNode::asText)
                .containsExactlyInAnyOrder("capacity", "venue", "childcare");
        assertThat(changed.path("venueId").asText()).isEqualTo(otherVenue);
        assertThat(changed.path("capacity").asInt()).isEqualTo(12);
        assertThat(changed.path("childcare").path("carers").asInt()).isEqualTo(3);
        assertThat(changed.toString()).doesNotContain(SHELTER_ADDRESS).doesNotContain("架空県");
    }

    @Test
    void everyPublishedOrChangedSessionCarriesItsVenuesPartnerGroupsAsTheyAreThen() {
        Map<String, Object> venue = venue(uniqueArea(), "PUBLIC", false, List.of("tsubomi", "hikari"));
        String venueId = createVenue(organiser1(), venue);
        Map<String, Object> cafe = TestData.cafe(venueId, tokyo(17, 10, 0));
        String id = createPublished(organiser1(), cafe);
        JsonNode published =
                eventOfType(events(id, 1), EventTypes.EVENT_PUBLISHED).path("data");
        assertThat(published.path("venuePartnerGroups"))
                .extracting(JsonNode::asText)
                .containsExactly("tsubomi", "hikari");
        // and its public name (notification names the venue in partners' digests), never its address
        assertThat(published.path("venueNameJa").asText()).isEqualTo(venue.get("nameJa"));
        assertThat(published.path("venueNameEn").asText()).isEqualTo("Hidamari Hall");

        // The venue's links change: that is no change of the session, so nothing is announced for it ...
        venue.put("partnerGroups", List.of("tsubomi"));
        given().auth()
                .oauth2(organiser1())
                .contentType(ContentType.JSON)
                .body(venue)
                .put("/api/events/venues/" + venueId)
                .then()
                .statusCode(200);
        // ... but the session's next event carries the list as it is now (and, counted up to it, nothing came between)
        cafe.put("capacity", 12);
        given().auth()
                .oauth2(organiser1())
                .contentType(ContentType.JSON)
                .body(cafe)
                .put("/api/events/sessions/" + id)
                .then()
                .statusCode(200)
                .body("sequence", equalTo(1));
        List<JsonNode> upToTheChange = TestData.eventsUntil(id, EventTypes.EVENT_CHANGED);
        assertThat(upToTheChange)
                .as("nothing announced for the venue's links")
                .extracting(e -> e.path("type").asText())
                .containsExactly(EventTypes.EVENT_PUBLISHED, EventTypes.EVENT_CHANGED);
        JsonNode changed = upToTheChange.get(1).path("data");
        assertThat(changed.path("changed")).extracting(JsonNode::asText).containsExactly("capacity");
        assertThat(changed.path("venuePartnerGroups"))
                .extracting(JsonNode::asText)
                .containsExactly("tsubomi");

        // without a venue (online) the list is there and empty
        String online = createPublished(organiser1(), TestData.online(tokyo(17, 21, 0)));
        JsonNode onlinePublished =
                eventOfType(events(online, 1), EventTypes.EVENT_PUBLISHED).path("data");
        assertThat(onlinePublished.path("venuePartnerGroups").isArray()).isTrue();
        assertThat(onlinePublished.path("venuePartnerGroups")).isEmpty();
        assertThat(onlinePublished.hasNonNull("venueNameJa")).isFalse();
    }

    @Test
    void cancellingAndCompletingAreAnnounced() {
        String venueId = createVenue(organiser1(), venue(uniqueArea(), "PUBLIC", false, List.of()));
        String cancelled = createPublished(organiser1(), TestData.cafe(venueId, tokyo(15, 10, 0)));
        given().auth()
                .oauth2(organiser1())
                .post("/api/events/sessions/" + cancelled + "/cancel")
                .then()
                .statusCode(200);
        given().auth()
                .oauth2(organiser1())
                .post("/api/events/sessions/" + cancelled + "/cancel")
                .then()
                .statusCode(200); // idempotent
        given().get("/api/events/sessions/" + cancelled).then().statusCode(200).body("status", equalTo("cancelled"));
        given().auth()
                .oauth2(organiser1())
                .contentType(ContentType.JSON)
                .body(TestData.cafe(venueId, tokyo(15, 11, 0)))
                .put("/api/events/sessions/" + cancelled)
                .then()
                .statusCode(409);

        JsonNode cancel =
                eventOfType(events(cancelled, 2), EventTypes.EVENT_CANCELLED).path("data");
        assertThat(cancel.path("sessionId").asText()).isEqualTo(cancelled);
        assertThat(cancel.path("organisationId").asText()).isEqualTo("hinata");
        assertThat(cancel.path("venueId").asText()).isEqualTo(venueId);
        assertThat(cancel.path("sequence").asInt()).isEqualTo(1);
        assertThat(cancel.hasNonNull("cancelledAt")).isTrue();

        String completed = createPublished(organiser1(), TestData.cafe(venueId, tokyo(16, 10, 0)));
        given().auth()
                .oauth2(organiser2())
                .post("/api/events/sessions/" + completed + "/complete")
                .then()
                .statusCode(404);
        // not before it began: one early tap would end a session women still plan to come to
        given().auth()
                .oauth2(organiser1())
                .post("/api/events/sessions/" + completed + "/complete")
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("type", endsWith("/session-not-started"));
        given().get("/api/events/sessions/" + completed).then().body("status", equalTo("published"));
        TestData.startedAnHourAgo(completed);
        given().auth()
                .oauth2(organiser1())
                .post("/api/events/sessions/" + completed + "/complete")
                .then()
                .statusCode(200)
                .body("status", equalTo("completed"));
        JsonNode complete =
                eventOfType(events(completed, 2), EventTypes.EVENT_COMPLETED).path("data");
        assertThat(complete.path("sessionId").asText()).isEqualTo(completed);
        assertThat(complete.hasNonNull("completedAt")).isTrue();
    }

    @Test
    void theJobCompletesSessionsWhoseEndPassed() {
        String venueId = createVenue(organiser1(), venue(uniqueArea(), "PUBLIC", false, List.of()));
        // yesterday's café, published while it was ahead (a start in the past cannot be published any more)
        String id = TestData.publishedInThePast(organiser1(), TestData.cafe(venueId, tokyo(1, 10, 0)), 1, 1);
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> given().auth()
                        .oauth2(organiser1())
                        .get("/api/events/sessions/" + id + "/manage")
                        .then()
                        .body("status", equalTo("completed")));
        assertThat(events(id, 2))
                .extracting(e -> e.path("type").asText())
                .containsExactly(EventTypes.EVENT_PUBLISHED, EventTypes.EVENT_COMPLETED);
    }

    @Test
    void sessionRulesAreProblemsListingEveryViolation() {
        String noChildcare = createVenue(organiser1(), venue(uniqueArea(), "PUBLIC", false, List.of()));
        OffsetDateTime start = tokyo(30, 13, 30);
        createSession(organiser1(), TestData.cafe(noChildcare, start));

        // the same room, overlapping, at a venue that cannot host childcare
        Map<String, Object> clash = TestData.cafe(noChildcare, start.plusMinutes(30));
        clash.put(
                "childcare",
                Map.of(
                        "minAgeYears",
                        1,
                        "maxAgeYears",
                        6,
                        "carers",
                        1,
                        "deadline",
                        start.minusDays(1).toString()));
        given().auth()
                .oauth2(organiser1())
                .contentType(ContentType.JSON)
                .body(clash)
                .post("/api/events/sessions")
                .then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("type", containsString("/session-rules"))
                .body("violations.code", hasItems("ROOM_DOUBLE_BOOKED", "CHILDCARE_VENUE_UNSUITABLE"))
                .body("violations.field", hasItems("roomId", "childcare"));

        // another room of the same venue at the same time is fine
        Map<String, Object> otherRoom = TestData.cafe(noChildcare, start);
        otherRoom.put("roomId", "hall");
        createSession(organiser1(), otherRoom);

        Map<String, Object> workshop = TestData.workshop(noChildcare, start.plusDays(1));
        workshop.put("applicationClosesAt", start.plusDays(2).toString());
        workshop.put("roomId", "no-such-room");
        workshop.remove("childcare");
        workshop.put("capacity", 99);
        given().auth()
                .oauth2(organiser1())
                .contentType(ContentType.JSON)
                .body(workshop)
                .post("/api/events/sessions")
                .then()
                .statusCode(422)
                .body(
                        "violations.code",
                        hasItems("DEADLINE_NOT_BEFORE_START", "ROOM_UNKNOWN", "CAPACITY_ABOVE_VENUE_CEILING"));

        Map<String, Object> cafeWithLotteryRules = TestData.cafe(noChildcare, start.plusDays(3));
        cafeWithLotteryRules.put("lottery", Map.of("oneWinPerMonth", true));
        given().auth()
                .oauth2(organiser1())
                .contentType(ContentType.JSON)
                .body(cafeWithLotteryRules)
                .post("/api/events/sessions")
                .then()
                .statusCode(422)
                .body("violations.code", hasItem("LOTTERY_SETTINGS_WITHOUT_LOTTERY"))
                .body("violations.field", hasItem("lottery"));

        Map<String, Object> onlineWithoutLink = TestData.online(start);
        onlineWithoutLink.remove("meetingLink");
        given().auth()
                .oauth2(organiser1())
                .contentType(ContentType.JSON)
                .body(onlineWithoutLink)
                .post("/api/events/sessions")
                .then()
                .statusCode(422)
                .body("violations.code", hasItem("MEETING_LINK_REQUIRED"));

        String otherOrgsVenue = createVenue(organiser2(), venue(uniqueArea(), "PUBLIC", true, List.of()));
        given().auth()
                .oauth2(organiser1())
                .contentType(ContentType.JSON)
                .body(TestData.cafe(otherOrgsVenue, start))
                .post("/api/events/sessions")
                .then()
                .statusCode(422)
                .body("violations.code", hasItem("VENUE_UNKNOWN"));
    }

    @Test
    void draftsAreEditedSilentlyAndAnotherOrganisationCannotEdit() {
        String venueId = createVenue(organiser1(), venue(uniqueArea(), "PUBLIC", true, List.of()));
        Map<String, Object> cafe = TestData.cafe(venueId, tokyo(25, 10, 0));
        String id = createSession(organiser1(), cafe);
        cafe.put("titleJa", "ママのためのカフェ");
        given().auth()
                .oauth2(organiser1())
                .contentType(ContentType.JSON)
                .body(cafe)
                .put("/api/events/sessions/" + id)
                .then()
                .statusCode(200)
                .body("titleJa", equalTo("ママのためのカフェ"))
                .body("sequence", equalTo(0))
                .body("status", equalTo("draft"));
        given().auth()
                .oauth2(organiser2())
                .contentType(ContentType.JSON)
                .body(cafe)
                .put("/api/events/sessions/" + id)
                .then()
                .statusCode(404);
        given().auth()
                .oauth2(organiser2())
                .get("/api/events/sessions/" + id + "/manage")
                .then()
                .statusCode(404);
        // nothing announced: counted up to organiser1 publishing her draft now, the first event the session has
        given().auth()
                .oauth2(organiser1())
                .post("/api/events/sessions/" + id + "/publish")
                .then()
                .statusCode(200);
        assertThat(TestData.eventsUntil(id, EventTypes.EVENT_PUBLISHED))
                .extracting(e -> e.path("type").asText())
                .containsExactly(EventTypes.EVENT_PUBLISHED);
    }
}
