package io.ibasho.registration.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ibasho.registration.support.Courses;
import io.ibasho.registration.support.TestAttendees;
import io.ibasho.testsupport.IbashoServers;
import io.ibasho.testsupport.Tokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The organiser's course counts (GET /course-counts): places, applications, waiting and offers per course and seats
 * per date, for her own organisation's courses only, and never a nickname.
 */
@QuarkusTest
@WithTestResource(value = IbashoServers.class, initArgs = @ResourceArg(name = "database", value = "registration"))
class CourseCountsTest {

    private static JsonPath counts(String caller, UUID... courses) {
        var request = given().auth().oauth2(Tokens.accessToken(caller));
        for (UUID course : courses) {
            request = request.queryParam("courseId", course.toString());
        }
        return request.get("/api/registrations/course-counts")
                .then()
                .log()
                .ifValidationFails()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    @Test
    void anOrganiserSeesHerCoursesInNumbersAndAnotherOrganisationSeesNothing() {
        List<String> people = TestAttendees.create("ccount", 5);
        UUID first = Courses.date(4, 12, false);
        UUID second = Courses.date(4, 19, false);
        UUID full = Courses.published(1, List.of(first, second));
        UUID lottery = Courses.publishedLottery(
                2,
                List.of(Courses.date(6, 30, false), Courses.date(6, 37, false)),
                OffsetDateTime.now(ZoneOffset.UTC).plusDays(3).withNano(0));
        Courses.bookOnceKnown(people.get(0), full, List.of()).then().statusCode(201);
        Courses.ask(people.get(1), full, "waitlist").then().statusCode(201);
        Courses.ask(people.get(2), full, "waitlist").then().statusCode(201);
        Courses.askOnceKnown(people.get(3), lottery, "applications").then().statusCode(201);
        Courses.ask(people.get(4), lottery, "applications").then().statusCode(201);

        JsonPath mine = counts("organiser1", full, UUID.randomUUID(), lottery);
        assertThat(mine.getList("courseId")).containsExactly(full.toString(), lottery.toString());
        assertThat(mine.getInt("[0].capacity")).isEqualTo(1);
        assertThat(mine.getInt("[0].bookedPlaces")).isEqualTo(1);
        assertThat(mine.getLong("[0].waiting")).isEqualTo(2);
        assertThat(mine.getLong("[0].offersOut")).isZero();
        assertThat(mine.getList("[0].dates.sessionId")).containsExactly(first.toString(), second.toString());
        assertThat(mine.getList("[0].dates.capacity", Integer.class)).containsExactly(4, 4);
        assertThat(mine.getList("[0].dates.seatsTaken", Integer.class)).containsExactly(1, 1);
        assertThat(mine.getLong("[1].applied")).isEqualTo(2);
        assertThat(mine.getInt("[1].bookedPlaces")).isZero();
        // counts only: no nickname, no attendee
        String body = mine.prettify();
        assertThat(body).doesNotContain("nickname").doesNotContain(people.get(1));

        // when the holder gives the course back, the first in line holds an offer with its deadline
        String bookingId = Courses.mine(people.get(0)).jsonPath().getString("[0].id");
        given().auth()
                .oauth2(Tokens.accessToken(people.get(0)))
                .post("/api/registrations/mine/courses/" + bookingId + "/cancel")
                .then()
                .statusCode(200);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> counts("organiser1", full).getLong("[0].offersOut") == 1);
        JsonPath offered = counts("organiser1", full);
        assertThat(offered.getLong("[0].waiting")).isEqualTo(1);
        assertThat(offered.getString("[0].firstOfferExpiresAt")).isNotBlank();

        // another organisation's organiser learns nothing, not even that the courses exist
        assertThat(counts("organiser2", full, lottery).getList("")).isEmpty();
        given().auth()
                .oauth2(Tokens.accessToken("organiser1"))
                .queryParam("courseId", "not-a-course")
                .get("/api/registrations/course-counts")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        given().auth()
                .oauth2(Tokens.accessToken(people.get(1)))
                .get("/api/registrations/course-counts")
                .then()
                .statusCode(403);
    }
}
