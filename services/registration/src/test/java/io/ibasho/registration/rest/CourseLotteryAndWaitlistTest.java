package io.ibasho.registration.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ibasho.contracts.EventTypes;
import io.ibasho.registration.support.Courses;
import io.ibasho.registration.support.LotteryRecords;
import io.ibasho.registration.support.Sessions;
import io.ibasho.registration.support.TestAttendees;
import io.ibasho.testsupport.IbashoServers;
import io.ibasho.testsupport.Tokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A course by lottery and a waitlist for a whole course (docs/adr/0026), against the real service, PostgreSQL, Kafka
 * and Keycloak: one application for every date, the draw exactly once and checkable by the verifier, winners booked on
 * every date, the reserve list and the waitlist offered the whole course, and an organiser's cancelled dates.
 */
@QuarkusTest
@WithTestResource(value = IbashoServers.class, initArgs = @ResourceArg(name = "database", value = "registration"))
class CourseLotteryAndWaitlistTest {
    static List<String> people;

    @BeforeAll
    static void people() {
        people = TestAttendees.create("clot", 12);
    }

    private static Map<String, Object> requestOf(String user, UUID courseId) {
        List<Map<String, Object>> mine =
                Courses.requests(user).then().statusCode(200).extract().path("");
        return mine.stream()
                .filter(r -> courseId.toString().equals(r.get("courseId")))
                .findFirst()
                .orElseThrow();
    }

    private static String statusOf(String user, UUID courseId) {
        return (String) requestOf(user, courseId).get("status");
    }

    @Test
    void aLotteryCourseIsDrawnOnceWinnersGetEveryDateAndTheReserveListIsOfferedTheWholeCourse() throws Exception {
        UUID first = Courses.date(10, 20, false);
        UUID second = Courses.date(10, 27, false);
        OffsetDateTime closing =
                OffsetDateTime.now(ZoneOffset.UTC).plusSeconds(12).withNano(0);
        UUID course = Courses.publishedLottery(2, List.of(first, second), closing);
        List<String> applicants = people.subList(0, 4);
        Courses.askOnceKnown(applicants.get(0), course, "applications").then().statusCode(201);
        for (String applicant : applicants.subList(1, 4)) {
            Courses.ask(applicant, course, "applications").then().statusCode(201);
        }
        // one application per woman; a first-come booking of a lottery course is refused with what to do instead
        Courses.ask(applicants.get(0), course, "applications").then().statusCode(409);
        assertThat(Courses.book(applicants.get(0), course, List.of())
                        .then()
                        .statusCode(409)
                        .extract()
                        .asString())
                .contains("course-by-lottery");
        JsonPath before = given().get("/api/registrations/courses/" + course + "/lottery")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(before.getString("commitment")).hasSize(64);
        assertThat(before.getBoolean("drawn")).isFalse();
        assertThat((Object) before.get("applications"))
                .as("no live count before the draw (docs/adr/0086)")
                .isNull();
        String organiser = Tokens.accessToken("organiser1");
        // never before the closing she was promised
        given().auth()
                .oauth2(organiser)
                .post("/api/registrations/courses/" + course + "/lottery/draw")
                .then()
                .statusCode(409);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> OffsetDateTime.now(ZoneOffset.UTC).isAfter(closing));
        Courses.ask(people.get(5), course, "applications").then().statusCode(409);
        // another organisation's organiser does not learn the course exists
        given().auth()
                .oauth2(Tokens.accessToken("organiser2"))
                .post("/api/registrations/courses/" + course + "/lottery/draw")
                .then()
                .statusCode(404);
        JsonPath drawn = given().auth()
                .oauth2(organiser)
                .post("/api/registrations/courses/" + course + "/lottery/draw")
                .then()
                .log()
                .ifValidationFails()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(drawn.getInt("winners")).isEqualTo(2);
        assertThat(drawn.getInt("reserve")).isEqualTo(2);
        // from the draw on, the number in it (as in its published draw) is public
        given().get("/api/registrations/courses/" + course + "/lottery")
                .then()
                .statusCode(200)
                .body("applications", org.hamcrest.Matchers.equalTo(4));
        // exactly once
        given().auth()
                .oauth2(organiser)
                .post("/api/registrations/courses/" + course + "/lottery/draw")
                .then()
                .statusCode(409);
        // the published draw is recomputed by the same verifier as a session's
        String published = given().get("/api/registrations/courses/" + course + "/lottery/published")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertThat(published).doesNotContain(applicants.get(0));
        // each application is named by her lottery reference, which her own list shows; never by the request id in
        // her pages' addresses (ADR 0085)
        for (String applicant : applicants) {
            Map<String, Object> request = requestOf(applicant, course);
            assertThat((String) request.get("lotteryReference")).isNotNull().isNotEqualTo(request.get("id"));
            assertThat(published).doesNotContain((String) request.get("id")).contains((String)
                    request.get("lotteryReference"));
        }
        assertThat(given().contentType(ContentType.JSON)
                        .body(published)
                        .post("/api/registrations/lottery/verify")
                        .then()
                        .statusCode(200)
                        .extract()
                        .<Boolean>path("ok"))
                .isTrue();

        List<String> winners = applicants.stream()
                .filter(a -> "booked".equals(statusOf(a, course)))
                .toList();
        List<String> reserve = applicants.stream()
                .filter(a -> "waiting".equals(statusOf(a, course)))
                .toList();
        assertThat(winners).hasSize(2);
        assertThat(reserve).hasSize(2);
        // a winner holds a confirmed seat on every date, under one course booking
        List<Map<String, Object>> booked =
                Courses.mine(winners.get(0)).then().statusCode(200).extract().path("");
        assertThat(booked).hasSize(1);
        JsonPath winnerBooking = Courses.mine(winners.get(0)).jsonPath();
        assertThat(winnerBooking.getList("[0].dates.registration.status")).containsOnly("confirmed");
        assertThat(winnerBooking.getList("[0].dates.sessionId")).containsExactly(first.toString(), second.toString());
        assertThat(Courses.bookedPlaces(course)).isEqualTo(2);
        // the reserve list: each sees her own position only
        List<Integer> positions = reserve.stream()
                .map(r -> (Integer) requestOf(r, course).get("position"))
                .toList();
        assertThat(positions).containsExactlyInAnyOrder(1, 2);
        String firstReserve = reserve.get(positions.indexOf(1));

        // a winner gives the whole course back: the first on the reserve list is offered the whole course
        String bookingId = winnerBooking.getString("[0].id");
        given().auth()
                .oauth2(Tokens.accessToken(winners.get(0)))
                .post("/api/registrations/mine/courses/" + bookingId + "/cancel")
                .then()
                .statusCode(200);
        await().atMost(Duration.ofSeconds(20)).until(() -> "offered".equals(statusOf(firstReserve, course)));
        // the offer holds a seat on every date and the course place
        assertThat(Courses.bookedPlaces(course)).isEqualTo(2);
        assertThat(Courses.seatsAndHolders(first)[0]).isEqualTo(2);
        String offerId = (String) requestOf(firstReserve, course).get("id");
        // not somebody else's to accept
        Courses.request(winners.get(1), offerId, "accept").then().statusCode(404);
        JsonPath accepted = Courses.request(firstReserve, offerId, "accept")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
        assertThat(accepted.getList("dates.registration.status")).containsOnly("confirmed");
        assertThat(statusOf(firstReserve, course)).isEqualTo("booked");
        int[] ledger = Courses.seatsAndHolders(second);
        assertThat(ledger[0]).isEqualTo(ledger[2]).isEqualTo(2);
        Courses.request(firstReserve, offerId, "accept").then().statusCode(409);
    }

    @Test
    void aFullCoursesWaitlistIsOfferedTheWholeCourseInTurnAndADeclinedOfferPassesOn() throws Exception {
        UUID first = Courses.date(5, 15, false);
        UUID second = Courses.date(5, 22, false);
        UUID course = Courses.published(1, List.of(first, second));
        String holder = people.get(4);
        String next = people.get(5);
        String after = people.get(6);
        // a course with a free place is booked, not waited for
        Courses.askOnceKnown(next, course, "waitlist").then().statusCode(409);
        Courses.bookOnceKnown(holder, course, List.of()).then().statusCode(201);
        assertThat(Courses.ask(next, course, "waitlist")
                        .then()
                        .statusCode(201)
                        .extract()
                        .<Integer>path("position"))
                .isEqualTo(1);
        assertThat(Courses.ask(after, course, "waitlist")
                        .then()
                        .statusCode(201)
                        .extract()
                        .<Integer>path("position"))
                .isEqualTo(2);
        Courses.ask(after, course, "waitlist").then().statusCode(409);

        String bookingId = Courses.mine(holder).jsonPath().getString("[0].id");
        given().auth()
                .oauth2(Tokens.accessToken(holder))
                .post("/api/registrations/mine/courses/" + bookingId + "/cancel")
                .then()
                .statusCode(200);
        await().atMost(Duration.ofSeconds(20)).until(() -> "offered".equals(statusOf(next, course)));
        assertThat(requestOf(after, course).get("position")).isEqualTo(1);
        String offerId = (String) requestOf(next, course).get("id");
        Courses.request(next, offerId, "decline").then().statusCode(200);
        assertThat(statusOf(next, course)).isEqualTo("expired");
        // her decline is announced as hers, so she is never told the time to answer ran out
        assertThat(LotteryRecords.outboxData(course, EventTypes.COURSE_REQUEST_CHANGED).stream()
                        .filter(data ->
                                offerId.equals(data.path("courseRequestId").asText())
                                        && "EXPIRED".equals(data.path("status").asText())))
                .singleElement()
                .satisfies(data ->
                        assertThat(data.path("declined").asBoolean(false)).isTrue());
        await().atMost(Duration.ofSeconds(20)).until(() -> "offered".equals(statusOf(after, course)));
        assertThat(Courses.bookedPlaces(course)).isEqualTo(1);
        int[] ledger = Courses.seatsAndHolders(first);
        // the held seat has no registration yet: the offer holds it
        assertThat(ledger[0]).isEqualTo(1);
        assertThat(ledger[2]).isZero();
    }

    @Test
    void anOrganiserCancellingCourseDatesCancelsThoseDatesAndTheLastOneEndsTheCourseBooking() throws Exception {
        UUID first = Courses.date(5, 16, false);
        UUID second = Courses.date(5, 23, false);
        UUID course = Courses.published(3, List.of(first, second));
        String her = people.get(7);
        Courses.bookOnceKnown(her, course, List.of()).then().statusCode(201);
        Sessions.cancelled(first, 1);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> Courses.mine(her)
                        .jsonPath()
                        .getList("[0].dates.registration.status")
                        .equals(List.of("cancelled", "confirmed")));
        assertThat(Courses.mine(her).jsonPath().getString("[0].status")).isEqualTo("booked");
        Sessions.cancelled(second, 1);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> "cancelled".equals(Courses.mine(her).jsonPath().getString("[0].status")));
        assertThat(Courses.bookedPlaces(course)).isZero();
    }

    @Test
    void anAcceptedWaitlistOfferEndsWhenTheOrganiserCancelsTheWholeCourseAndSheIsToldOnce() throws Exception {
        UUID first = Courses.date(5, 17, false);
        UUID second = Courses.date(5, 24, false);
        UUID course = Courses.published(1, List.of(first, second));
        String holder = people.get(8);
        String her = people.get(9);
        Courses.bookOnceKnown(holder, course, List.of()).then().statusCode(201);
        Courses.ask(her, course, "waitlist").then().statusCode(201);
        given().auth()
                .oauth2(Tokens.accessToken(holder))
                .post("/api/registrations/mine/courses/"
                        + Courses.mine(holder).jsonPath().getString("[0].id") + "/cancel")
                .then()
                .statusCode(200);
        await().atMost(Duration.ofSeconds(20)).until(() -> "offered".equals(statusOf(her, course)));
        String offerId = (String) requestOf(her, course).get("id");
        Courses.request(her, offerId, "accept").then().statusCode(201);
        assertThat(statusOf(her, course)).isEqualTo("booked");

        // the organiser cancels every date: the course is cancelled as a whole
        Sessions.cancelled(first, 1);
        Sessions.cancelled(second, 1);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> "cancelled".equals(Courses.mine(her).jsonPath().getString("[0].status")));
        // her accepted waitlist place is no longer "every date is booked for you": it ended with the course
        assertThat(statusOf(her, course)).isEqualTo("ended");
        // ...silently: the course's cancellation is her one message about it
        assertThat(LotteryRecords.outboxData(course, EventTypes.COURSE_REQUEST_CHANGED).stream()
                        .filter(data ->
                                offerId.equals(data.path("courseRequestId").asText()))
                        .map(data -> data.path("status").asText()))
                .doesNotContain("ENDED");
    }

    @Test
    void anAcceptedWaitlistOfferEndsWhenSheCancelsTheCourseHerself() throws Exception {
        UUID first = Courses.date(5, 18, false);
        UUID second = Courses.date(5, 25, false);
        UUID course = Courses.published(1, List.of(first, second));
        String holder = people.get(10);
        String her = people.get(11);
        Courses.bookOnceKnown(holder, course, List.of()).then().statusCode(201);
        Courses.ask(her, course, "waitlist").then().statusCode(201);
        given().auth()
                .oauth2(Tokens.accessToken(holder))
                .post("/api/registrations/mine/courses/"
                        + Courses.mine(holder).jsonPath().getString("[0].id") + "/cancel")
                .then()
                .statusCode(200);
        await().atMost(Duration.ofSeconds(20)).until(() -> "offered".equals(statusOf(her, course)));
        String offerId = (String) requestOf(her, course).get("id");
        Courses.request(her, offerId, "accept").then().statusCode(201);
        assertThat(statusOf(her, course)).isEqualTo("booked");

        given().auth()
                .oauth2(Tokens.accessToken(her))
                .post("/api/registrations/mine/courses/"
                        + Courses.mine(her).jsonPath().getString("[0].id") + "/cancel")
                .then()
                .statusCode(200);
        // her accepted waitlist place is no longer "every date is booked for you": it ended with her course booking
        assertThat(statusOf(her, course)).isEqualTo("ended");
    }
}
