package io.ibasho.event.rest;

import static io.ibasho.event.rest.TestData.organiser1;
import static io.ibasho.event.rest.TestData.organiser2;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ibasho.contracts.EventTypes;
import io.ibasho.testsupport.IbashoServers;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Courses (全6回): an organiser makes one from her published sessions; anyone reads it as one offer with its dates. */
@QuarkusTest
@WithTestResource(value = IbashoServers.class, initArgs = @ResourceArg(name = "database", value = "event"))
class CourseResourceTest {

    private static String firstComeWorkshop(String venueId, int daysAhead) {
        Map<String, Object> workshop = new HashMap<>(TestData.workshop(venueId, TestData.tokyo(daysAhead, 13, 30)));
        workshop.put("allocation", "FIRST_COME");
        workshop.remove("lottery");
        return TestData.createPublished(organiser1(), workshop);
    }

    private static Response create(String token, Map<String, Object> course) {
        return given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(course)
                .post("/api/events/courses");
    }

    @Test
    void anOrganiserMakesACourseFromHerSessionsAndAnyoneReadsItAsOneOfferWithItsDates() {
        String venue =
                TestData.createVenue(organiser1(), TestData.venue(TestData.uniqueArea(), "PUBLIC", true, List.of()));
        String third = firstComeWorkshop(venue, 40);
        String first = firstComeWorkshop(venue, 26);
        String second = firstComeWorkshop(venue, 33);
        JsonPath created = create(
                        organiser1(),
                        Map.of(
                                "titleJa",
                                "全3回 こころのワークショップ",
                                "capacity",
                                12,
                                "sessionIds",
                                List.of(third, first, second)))
                .then()
                .log()
                .ifValidationFails()
                .statusCode(201)
                .extract()
                .jsonPath();
        String courseId = created.getString("id");
        // one offer listing its dates in date order, whatever order she chose them in
        JsonPath published = given().get("/api/events/courses/" + courseId)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(published.getInt("dateCount")).isEqualTo(3);
        assertThat(published.getList("dates.sessionId")).containsExactly(first, second, third);
        assertThat(published.getList("dates.childcareOffered")).containsOnly(true);
        // the women's course page shows each date's deadline to ask for childcare
        assertThat(published.getList("dates.childcareDeadline")).hasSize(3).doesNotContainNull();
        assertThat(published.getString("allocation")).isEqualTo("FIRST_COME");
        assertThat(given().get("/api/events/courses")
                        .then()
                        .statusCode(200)
                        .extract()
                        .<List<String>>path("id"))
                .contains(courseId);
        // registration learns the course from CoursePublished, keyed by the course id, with its dates in order
        JsonNode event = TestData.eventOfType(TestData.events(courseId, 1), EventTypes.COURSE_PUBLISHED);
        assertThat(event.path("subject").asText()).isEqualTo(courseId);
        assertThat(event.path("data").path("capacity").asInt()).isEqualTo(12);
        assertThat(event.path("data").path("sessionIds").toString())
                .isEqualTo("[\"" + first + "\",\"" + second + "\",\"" + third + "\"]");

        // a date belongs to one course only; a course needs two dates; another organisation's sessions are unknown
        Response taken =
                create(organiser1(), Map.of("titleJa", "重複", "capacity", 5, "sessionIds", List.of(first, second)));
        taken.then().statusCode(409);
        assertThat(taken.jsonPath().getString("type")).endsWith("/course-date-taken");
        String fourth = firstComeWorkshop(venue, 47);
        Response single = create(organiser1(), Map.of("titleJa", "1回だけ", "capacity", 5, "sessionIds", List.of(fourth)));
        single.then().statusCode(409);
        assertThat(single.jsonPath().getString("type")).endsWith("/course-needs-dates");
        create(organiser2(), Map.of("titleJa", "他団体", "capacity", 5, "sessionIds", List.of(fourth, first)))
                .then()
                .statusCode(404);
        assertThat(given().auth()
                        .oauth2(organiser2())
                        .get("/api/events/courses/mine")
                        .then()
                        .statusCode(200)
                        .extract()
                        .<List<String>>path("id"))
                .doesNotContain(courseId);
    }

    @Test
    void aLotterySessionCannotBeADateAndTheRequestSaysWhatToFix() {
        String venue =
                TestData.createVenue(organiser1(), TestData.venue(TestData.uniqueArea(), "PUBLIC", true, List.of()));
        String lottery = TestData.createPublished(organiser1(), TestData.workshop(venue, TestData.tokyo(30, 10, 0)));
        String firstCome = firstComeWorkshop(venue, 37);
        Response refused = create(
                organiser1(), Map.of("titleJa", "抽選まじり", "capacity", 5, "sessionIds", List.of(lottery, firstCome)));
        refused.then().statusCode(409);
        assertThat(refused.jsonPath().getString("type")).endsWith("/course-date-not-first-come");
        create(organiser1(), Map.of("capacity", 0, "sessionIds", List.of(firstCome)))
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        given().contentType(ContentType.JSON)
                .body(Map.of("titleJa", "x", "capacity", 5, "sessionIds", List.of(firstCome)))
                .post("/api/events/courses")
                .then()
                .statusCode(401);
    }

    @Test
    void aLotteryCourseNeedsItsClosingBeforeTheFirstDateAndAnnouncesIt() {
        String venue =
                TestData.createVenue(organiser1(), TestData.venue(TestData.uniqueArea(), "PUBLIC", true, List.of()));
        String first = firstComeWorkshop(venue, 30);
        String second = firstComeWorkshop(venue, 37);
        Response noClosing = create(
                organiser1(),
                Map.of(
                        "titleJa",
                        "抽選コース",
                        "capacity",
                        4,
                        "allocation",
                        "LOTTERY",
                        "sessionIds",
                        List.of(first, second)));
        noClosing.then().statusCode(422).contentType("application/problem+json");
        assertThat(noClosing.jsonPath().getString("type")).endsWith("/course-lottery-closing");
        Response tooLate = create(
                organiser1(),
                Map.of(
                        "titleJa",
                        "抽選コース",
                        "capacity",
                        4,
                        "allocation",
                        "LOTTERY",
                        "applicationsCloseAt",
                        TestData.tokyo(31, 10, 0).toString(),
                        "sessionIds",
                        List.of(first, second)));
        tooLate.then().statusCode(422);
        assertThat(tooLate.jsonPath().getString("type")).endsWith("/course-lottery-closing");
        String closing = TestData.tokyo(20, 12, 0).toString();
        String courseId = create(
                        organiser1(),
                        Map.of(
                                "titleJa",
                                "全2回 抽選の講座",
                                "capacity",
                                4,
                                "allocation",
                                "LOTTERY",
                                "applicationsCloseAt",
                                closing,
                                "sessionIds",
                                List.of(first, second)))
                .then()
                .log()
                .ifValidationFails()
                .statusCode(201)
                .extract()
                .path("id");
        JsonPath published = given().get("/api/events/courses/" + courseId)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(published.getString("allocation")).isEqualTo("LOTTERY");
        assertThat(java.time.OffsetDateTime.parse(published.getString("applicationsCloseAt")))
                .isEqualTo(java.time.OffsetDateTime.parse(closing));
        JsonNode event = TestData.eventOfType(TestData.events(courseId, 1), EventTypes.COURSE_PUBLISHED);
        assertThat(event.path("data").path("allocation").asText()).isEqualTo("LOTTERY");
        assertThat(java.time.Instant.parse(
                        event.path("data").path("applicationsCloseAt").asText()))
                .isEqualTo(java.time.OffsetDateTime.parse(closing).toInstant());
    }

    private static Response update(String token, String courseId, Object body) {
        return given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(body)
                .put("/api/events/courses/" + courseId);
    }

    @Test
    void anOrganiserChangesHerCourseWithinTheRulesABookingReliesOn() {
        String venue =
                TestData.createVenue(organiser1(), TestData.venue(TestData.uniqueArea(), "PUBLIC", true, List.of()));
        String first = firstComeWorkshop(venue, 30);
        String second = firstComeWorkshop(venue, 37);
        String closing = TestData.tokyo(20, 12, 0).toString();
        String courseId = create(
                        organiser1(),
                        Map.of(
                                "titleJa",
                                "全2回 変更前",
                                "capacity",
                                4,
                                "allocation",
                                "LOTTERY",
                                "applicationsCloseAt",
                                closing,
                                "sessionIds",
                                List.of(first, second)))
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        Map<String, Object> change = new HashMap<>();
        change.put("titleJa", "全2回 こころの講座");
        change.put("descriptionJa", "第1回 自分を知る／第2回 つながる");
        change.put("capacity", 6);
        change.put("allocation", "LOTTERY");
        change.put("applicationsCloseAt", TestData.tokyo(22, 12, 0).toString());
        change.put("sessionIds", List.of(second, first));
        JsonPath changed = update(organiser1(), courseId, change)
                .then()
                .log()
                .ifValidationFails()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(changed.getString("titleJa")).isEqualTo("全2回 こころの講座");
        assertThat(changed.getString("descriptionJa")).isEqualTo("第1回 自分を知る／第2回 つながる");
        assertThat(changed.getInt("capacity")).isEqualTo(6);
        assertThat(changed.getList("dates.sessionId")).containsExactly(first, second);
        // registration and notification replace their copies: CoursePublished again, sequence + 1
        List<JsonNode> published = TestData.events(courseId, 2).stream()
                .filter(e -> EventTypes.COURSE_PUBLISHED.equals(e.path("type").asText()))
                .toList();
        assertThat(published).hasSize(2);
        assertThat(published.get(1).path("data").path("sequence").asInt()).isEqualTo(1);
        assertThat(published.get(1).path("data").path("capacity").asInt()).isEqualTo(6);

        // what a booking relies on stays: each refusal is a 409 problem with its own type
        Map<String, Object> fewer = new HashMap<>(change);
        fewer.put("capacity", 5);
        assertRefused(update(organiser1(), courseId, fewer), 409, "course-capacity-lowered");
        Map<String, Object> otherDates = new HashMap<>(change);
        otherDates.put("sessionIds", List.of(first, firstComeWorkshop(venue, 44)));
        assertRefused(update(organiser1(), courseId, otherDates), 409, "course-dates-fixed");
        Map<String, Object> firstCome = new HashMap<>(change);
        firstCome.put("allocation", "FIRST_COME");
        firstCome.remove("applicationsCloseAt");
        assertRefused(update(organiser1(), courseId, firstCome), 409, "course-allocation-fixed");
        Map<String, Object> earlier = new HashMap<>(change);
        earlier.put("applicationsCloseAt", TestData.tokyo(21, 12, 0).toString());
        assertRefused(update(organiser1(), courseId, earlier), 409, "course-closing-fixed");
        Map<String, Object> afterFirstDate = new HashMap<>(change);
        afterFirstDate.put("applicationsCloseAt", TestData.tokyo(31, 12, 0).toString());
        assertRefused(update(organiser1(), courseId, afterFirstDate), 422, "course-lottery-closing");

        // bad input is a 400 problem, another organisation's course is not found, no token is 401
        Map<String, Object> noTitle = new HashMap<>(change);
        noTitle.put("titleJa", " ");
        update(organiser1(), courseId, noTitle).then().statusCode(400).contentType("application/problem+json");
        given().auth()
                .oauth2(organiser1())
                .contentType(ContentType.JSON)
                .body("{\"titleJa\": ")
                .put("/api/events/courses/" + courseId)
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        update(organiser1(), courseId, Map.of("titleJa", "x", "capacity", "many"))
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        update(organiser2(), courseId, change).then().statusCode(404).contentType("application/problem+json");
        update(organiser1(), java.util.UUID.randomUUID().toString(), change)
                .then()
                .statusCode(404);
        given().contentType(ContentType.JSON)
                .body(change)
                .put("/api/events/courses/" + courseId)
                .then()
                .statusCode(401);
        assertThat(given().get("/api/events/courses/" + courseId).jsonPath().getInt("capacity"))
                .isEqualTo(6);
    }

    private static void assertRefused(Response response, int status, String type) {
        response.then().log().ifValidationFails().statusCode(status).contentType("application/problem+json");
        assertThat(response.jsonPath().getString("type")).endsWith("/" + type);
    }
}
