package io.ibasho.registration.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.ibasho.contracts.EventTypes;
import io.ibasho.registration.support.Api;
import io.ibasho.registration.support.ChildcareService;
import io.ibasho.registration.support.Courses;
import io.ibasho.registration.support.LotteryRecords;
import io.ibasho.registration.support.TestAttendees;
import io.ibasho.testsupport.IbashoServers;
import io.ibasho.testsupport.Tokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Courses booked as one (docs/adr/0022), against the real service, PostgreSQL, Kafka and Keycloak: all seats or none
 * under a rush, childcare per date (a refused date keeps its seat), one date cancelled without the others, the whole
 * course cancelled, and the organiser's roster per date.
 */
@QuarkusTest
@WithTestResource(value = IbashoServers.class, initArgs = @ResourceArg(name = "database", value = "registration"))
class CourseBookingTest {
    static List<String> people;

    @BeforeAll
    static void people() {
        people = TestAttendees.create("course", 16);
    }

    @Test
    void aRushOnACourseWhoseSecondDateIsNearlyFullBooksAllDatesOrNoneAndOverbooksNoDate() throws Exception {
        UUID first = Courses.date(20, 7, false);
        UUID second = Courses.date(3, 14, false);
        UUID third = Courses.date(20, 21, false);
        // the 2nd date is nearly full: two single bookings leave one seat
        Api.bookOnceKnown(people.get(0), second).then().statusCode(201);
        Api.book(people.get(1), second, "single").then().statusCode(201);
        UUID course = Courses.published(10, List.of(first, second, third));
        Courses.bookOnceKnown(people.get(2), course, List.of()).then().statusCode(201);
        // the last seat of the 2nd date just went with that course booking; now eight women rush for the course
        // while a single booker wants the 2nd date too
        UUID course2First = first;
        List<String> rushers = people.subList(3, 11);
        ExecutorService pool = Executors.newFixedThreadPool(rushers.size());
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Response>> answers = new ArrayList<>();
        rushers.forEach(user -> {
            String token = Tokens.accessToken(user);
            answers.add(pool.submit(() -> {
                start.await();
                return given().auth()
                        .oauth2(token)
                        .contentType("application/json")
                        .body(Map.of("nickname", "rush"))
                        .post("/api/registrations/courses/" + course + "/bookings");
            }));
        });
        start.countDown();
        List<Integer> statuses = new ArrayList<>();
        for (Future<Response> answer : answers) {
            Response response = answer.get();
            statuses.add(response.statusCode());
            if (response.statusCode() == 409) {
                assertThat(response.jsonPath().getString("type")).endsWith("/course-date-full");
            }
        }
        pool.shutdown();
        assertThat(statuses).containsOnly(409);
        // no date overbooked, and the failed bookings left no seat behind on the dates that had room
        assertThat(Courses.seatsAndHolders(second)).containsExactly(3, 3, 3);
        assertThat(Courses.seatsAndHolders(course2First)).containsExactly(1, 20, 1);
        assertThat(Courses.seatsAndHolders(third)).containsExactly(1, 20, 1);
        assertThat(Courses.bookedPlaces(course)).isEqualTo(1);
    }

    @Test
    void aRushForTheLastSeatsOfEveryDateGivesEachWinnerEveryDate() throws Exception {
        UUID first = Courses.date(2, 8, false);
        UUID second = Courses.date(2, 15, false);
        UUID course = Courses.published(5, List.of(first, second));
        Courses.bookOnceKnown(people.get(11), course, List.of()).then().statusCode(201);
        List<String> rushers = people.subList(12, 16);
        ExecutorService pool = Executors.newFixedThreadPool(rushers.size() + 1);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> answers = Collections.synchronizedList(new ArrayList<>());
        for (String user : rushers) {
            String token = Tokens.accessToken(user);
            answers.add(pool.submit(() -> {
                start.await();
                return given().auth()
                        .oauth2(token)
                        .contentType("application/json")
                        .body(Map.of("nickname", "rush"))
                        .post("/api/registrations/courses/" + course + "/bookings")
                        .statusCode();
            }));
        }
        start.countDown();
        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> answer : answers) {
            statuses.add(answer.get());
        }
        pool.shutdown();
        // one seat left on each date: exactly one more course booking, and it holds both dates
        assertThat(statuses).filteredOn(s -> s == 201).hasSize(1);
        assertThat(statuses).filteredOn(s -> s == 409).hasSize(rushers.size() - 1);
        assertThat(Courses.seatsAndHolders(first)).containsExactly(2, 2, 2);
        assertThat(Courses.seatsAndHolders(second)).containsExactly(2, 2, 2);
        assertThat(Courses.bookedPlaces(course)).isEqualTo(2);
    }

    @Test
    void aFullCourseRefusesEvenWhenEveryDateHasSeatsAndATakenBookingCannotBeRepeated() throws Exception {
        UUID first = Courses.date(10, 9, false);
        UUID second = Courses.date(10, 16, false);
        UUID course = Courses.published(1, List.of(first, second));
        Courses.bookOnceKnown(people.get(0), course, List.of()).then().statusCode(201);
        Courses.book(people.get(0), course, List.of()).then().statusCode(409).contentType("application/problem+json");
        Response full = Courses.book(people.get(1), course, List.of());
        full.then().statusCode(409);
        assertThat(full.jsonPath().getString("type")).endsWith("/course-full");
        assertThat(Courses.seatsAndHolders(first)).containsExactly(1, 10, 1);
        assertThat(Courses.seatsAndHolders(second)).containsExactly(1, 10, 1);
    }

    @Test
    void cancellingOneDateKeepsTheOthersAndOffersThatDateToItsWaitlistThenTheWholeCourseGoes() throws Exception {
        UUID first = Courses.date(10, 10, false);
        UUID second = Courses.date(1, 17, false);
        UUID third = Courses.date(10, 24, false);
        UUID course = Courses.published(5, List.of(first, second, third));
        String her = people.get(3);
        JsonPath booked = Courses.bookOnceKnown(her, course, List.of())
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
        String bookingId = booked.getString("id");
        assertThat(booked.getList("dates.registration.status")).containsOnly("confirmed");
        assertThat(booked.getList("dates.registration.courseBookingId")).containsOnly(bookingId);
        // each date's confirmation says it belongs to the course booking: she is told once, by CourseBooked
        List<String> herDates = booked.getList("dates.registration.id");
        for (UUID date : List.of(first, second, third)) {
            assertThat(dateEvents(date, EventTypes.REGISTRATION_CONFIRMED, herDates))
                    .singleElement()
                    .satisfies(data ->
                            assertThat(data.path("courseBookingId").asText()).isEqualTo(bookingId));
        }
        // the 2nd date is full now: another woman waits for it
        UUID waiting = UUID.fromString(Api.joinWaitlist(people.get(4), second)
                .then()
                .statusCode(201)
                .extract()
                .path("id"));
        UUID secondDate = UUID.fromString(booked.getString("dates[1].registration.id"));
        Api.mine(her, secondDate, "cancel").then().statusCode(200);
        // a date cancelled on its own is told on its own: no course booking id
        assertThat(dateEvents(second, EventTypes.REGISTRATION_CANCELLED, herDates))
                .singleElement()
                .satisfies(data -> assertThat(data.has("courseBookingId")).isFalse());
        JsonPath mine = Courses.mine(her).then().statusCode(200).extract().jsonPath();
        Map<String, Object> hers = mine.getMap("find { it.id == '" + bookingId + "' }");
        assertThat(hers.get("status")).isEqualTo("booked");
        assertThat(mine.getList("find { it.id == '" + bookingId + "' }.dates.registration.status"))
                .containsExactly("confirmed", "cancelled", "confirmed");
        // that date's seat went to the first in its waitlist, and the other dates kept theirs
        await().atMost(Duration.ofSeconds(10))
                .until(() -> "offered"
                        .equals(Api.myRegistration(people.get(4), second).get("status")));
        assertThat(Api.myRegistration(people.get(4), second).get("id")).isEqualTo(waiting.toString());
        assertThat(Courses.seatsAndHolders(first)).containsExactly(1, 10, 1);
        assertThat(Courses.seatsAndHolders(third)).containsExactly(1, 10, 1);
        assertThat(Courses.bookedPlaces(course)).isEqualTo(1);

        JsonPath cancelled = given().auth()
                .oauth2(Tokens.accessToken(her))
                .post("/api/registrations/mine/courses/" + bookingId + "/cancel")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(cancelled.getString("status")).isEqualTo("cancelled");
        assertThat(cancelled.getList("dates.registration.status")).containsOnly("cancelled");
        // the dates that went with the whole course carry its id (CourseCancelled tells her once)
        for (UUID date : List.of(first, third)) {
            assertThat(dateEvents(date, EventTypes.REGISTRATION_CANCELLED, herDates))
                    .singleElement()
                    .satisfies(data ->
                            assertThat(data.path("courseBookingId").asText()).isEqualTo(bookingId));
        }
        assertThat(LotteryRecords.outboxData(course, EventTypes.COURSE_CANCELLED))
                .singleElement()
                .satisfies(data -> assertThat(data.path("cancelledBy").asText()).isEqualTo("ATTENDEE"));
        assertThat(Courses.seatsAndHolders(first)).containsExactly(0, 10, 0);
        assertThat(Courses.seatsAndHolders(third)).containsExactly(0, 10, 0);
        assertThat(Courses.bookedPlaces(course)).isZero();
        // someone else's course booking is not hers to cancel, nor to know of
        given().auth()
                .oauth2(Tokens.accessToken(people.get(4)))
                .post("/api/registrations/mine/courses/" + bookingId + "/cancel")
                .then()
                .statusCode(404);
    }

    @Test
    void cancellingHerLastRemainingDateEndsTheCourseAndThatDateCarriesTheCourseBookingSoSheIsToldOnce()
            throws Exception {
        UUID first = Courses.date(10, 12, false);
        UUID second = Courses.date(10, 19, false);
        UUID course = Courses.published(5, List.of(first, second));
        String her = people.get(12);
        JsonPath booked = Courses.bookOnceKnown(her, course, List.of())
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
        String bookingId = booked.getString("id");
        List<String> herDates = booked.getList("dates.registration.id");
        Api.mine(her, UUID.fromString(herDates.get(0)), "cancel").then().statusCode(200);
        assertThat(dateEvents(first, EventTypes.REGISTRATION_CANCELLED, herDates))
                .singleElement()
                .satisfies(data -> assertThat(data.has("courseBookingId")).isFalse());
        assertThat(LotteryRecords.outboxData(course, EventTypes.COURSE_CANCELLED))
                .isEmpty();
        // her last date: the course booking ends with it, and the date says so (one message, the course's)
        Api.mine(her, UUID.fromString(herDates.get(1)), "cancel").then().statusCode(200);
        assertThat(dateEvents(second, EventTypes.REGISTRATION_CANCELLED, herDates))
                .singleElement()
                .satisfies(data ->
                        assertThat(data.path("courseBookingId").asText()).isEqualTo(bookingId));
        assertThat(LotteryRecords.outboxData(course, EventTypes.COURSE_CANCELLED))
                .singleElement()
                .satisfies(data -> assertThat(data.path("cancelledBy").asText()).isEqualTo("ATTENDEE"));
        assertThat(Courses.bookedPlaces(course)).isZero();
    }

    @Test
    void childcareIsAskedPerDateAndARefusedDateKeepsItsSeatWithoutChildcare() throws Exception {
        UUID first = Courses.date(10, 11, true);
        UUID second = Courses.date(10, 18, true);
        UUID third = Courses.date(10, 25, false);
        UUID course = Courses.published(5, List.of(first, second, third));
        String her = people.get(5);
        Response response = Courses.bookOnceKnown(
                her,
                course,
                List.of(
                        Map.of("sessionId", first.toString(), "childrenAges", List.of(2)),
                        Map.of("sessionId", second.toString(), "childrenAges", List.of(2, 4))));
        JsonPath booked = response.then().statusCode(202).extract().jsonPath();
        assertThat(booked.getList("dates.registration.status"))
                .containsExactly("pending_childcare", "pending_childcare", "confirmed");
        UUID firstDate = UUID.fromString(booked.getString("dates[0].registration.id"));
        UUID secondDate = UUID.fromString(booked.getString("dates[1].registration.id"));
        // each date's childcare goes through the saga on its own
        JsonNode firstRequest = ChildcareService.awaitRequest(firstDate, 1);
        JsonNode secondRequest = ChildcareService.awaitRequest(secondDate, 1);
        assertThat(firstRequest.path("data").path("childrenAges").toString()).isEqualTo("[2]");
        assertThat(secondRequest.path("data").path("childrenAges").toString()).isEqualTo("[2,4]");
        ChildcareService.reserve(firstRequest);
        ChildcareService.reject(secondRequest, "RATIO_EXCEEDED");
        ChildcareService.awaitHandled(first);
        ChildcareService.awaitHandled(second);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> "confirmed".equals(Api.myRegistration(her, second).get("status")));
        Map<String, Object> refused = Api.myRegistration(her, second);
        assertThat(refused.get("childcareStatus")).isEqualTo("rejected");
        assertThat(refused.get("bookingCode")).isNotNull();
        assertThat((String) refused.get("nextSteps")).contains("seat on this date is kept");
        Map<String, Object> withChildcare = Api.myRegistration(her, first);
        assertThat(withChildcare.get("status")).isEqualTo("confirmed");
        assertThat(withChildcare.get("childcareStatus")).isEqualTo("reserved");
        // the refused date kept its seat: nobody lost a place, nothing was released
        assertThat(Courses.seatsAndHolders(second)).containsExactly(1, 10, 1);
        assertThat(Courses.bookedPlaces(course)).isEqualTo(1);

        // the organiser's roster per date: childcare as a status and a count, never ages
        JsonPath roster = given().auth()
                .oauth2(Tokens.accessToken("organiser1"))
                .get("/api/registrations/courses/" + course + "/roster")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(roster.getList("dates.sessionId"))
                .containsExactly(first.toString(), second.toString(), third.toString());
        assertThat(roster.getList("dates.confirmed", Integer.class)).containsExactly(1, 1, 1);
        assertThat(roster.getList("dates[1].entries.childcareStatus")).containsExactly("rejected");
        assertThat(roster.getList("dates[1].entries.children", Integer.class)).containsExactly(2);
        assertThat(roster.prettify()).doesNotContain("childrenAges");
        given().auth()
                .oauth2(Tokens.accessToken("organiser2"))
                .get("/api/registrations/courses/" + course + "/roster")
                .then()
                .statusCode(404);
    }

    @Test
    void childcareOnADateThatOffersNoneIsRefusedBeforeAnySeatIsTaken() throws Exception {
        UUID first = Courses.date(10, 12, true);
        UUID second = Courses.date(10, 19, false);
        UUID course = Courses.published(5, List.of(first, second));
        Response response = Courses.bookOnceKnown(
                people.get(6), course, List.of(Map.of("sessionId", second.toString(), "childrenAges", List.of(3))));
        response.then().statusCode(422);
        assertThat(response.jsonPath().getString("type")).endsWith("/childcare-not-offered");
        assertThat(Courses.seatsAndHolders(first)).containsExactly(0, 10, 0);
        assertThat(Courses.bookedPlaces(course)).isZero();
    }

    /** Her events of this type for the date, from registration's outbox (what it decided to publish). */
    private static List<JsonNode> dateEvents(UUID sessionId, String type, List<String> herRegistrations) {
        return LotteryRecords.outboxData(sessionId, type).stream()
                .filter(data ->
                        herRegistrations.contains(data.path("registrationId").asText()))
                .toList();
    }
}
