package io.ibasho.registration.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

import io.ibasho.contracts.EventTypes;
import io.ibasho.contracts.Topics;
import io.ibasho.registration.service.RegistrationRetentionPurge;
import io.ibasho.registration.support.Api;
import io.ibasho.registration.support.Sessions;
import io.ibasho.registration.support.TestAttendees;
import io.ibasho.testsupport.IbashoServers;
import io.ibasho.testsupport.KafkaTopicWriter;
import io.ibasho.testsupport.Tokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The organisation's anonymous report, against real PostgreSQL, Kafka and Keycloak: one, two and three women at a café
 * held in the past (each in a year of its own, so the sessions of other tests never mix in), their counts hidden below
 * three, the same figures after her erasure and after retention, targets beside them, and the funder's read-only view.
 */
@QuarkusTest
@WithTestResource(value = IbashoServers.class, initArgs = @ResourceArg(name = "database", value = "registration"))
class ReportTest {
    private static final String VENUE = "venue-report-" + UUID.randomUUID();
    private static List<String> people;

    @Inject
    RegistrationRetentionPurge retention;

    @BeforeAll
    static void women() {
        people = TestAttendees.create("report", 3);
    }

    /** A café at the test venue, starting at {@code startsAt}. */
    private static void announce(String type, UUID sessionId, int sequence, OffsetDateTime startsAt) {
        KafkaTopicWriter.send(
                Topics.EVENT_LIFECYCLE,
                sessionId.toString(),
                Sessions.event(type, sessionId, "hinata", "PUBLISHED", 10, sequence, startsAt)
                        .replace("\"kind\":\"workshop\"", "\"kind\":\"cafe\"")
                        .replace(
                                "\"bookingRequired\"",
                                "\"venueId\":\"" + VENUE
                                        + "\",\"venueNameJa\":\"ひなた会館\",\"venueNameEn\":\"Hinata Hall\","
                                        + "\"bookingRequired\""));
    }

    private static JsonPath report(String user, int year) {
        return given().auth()
                .oauth2(Tokens.accessToken(user))
                .get("/api/registrations/reports/" + year)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    /** Her open invitation's token for that session, or null. */
    private static String surveyToken(String woman, UUID session) {
        return given().auth()
                .oauth2(Tokens.accessToken(woman))
                .get("/api/registrations/surveys/mine")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getString("find { it.sessionId == '" + session + "' }.token");
    }

    private static io.restassured.response.Response answerSurvey(
            String woman, UUID session, Map<String, Object> answer) {
        String token = surveyToken(woman, session);
        assertThat(token).as("her survey invitation").isNotNull();
        return answerWith(woman, token, answer);
    }

    /** Her answer with the one-time token in the body: no URL carries it (access logs, proxies, spans). */
    private static io.restassured.response.Response answerWith(String woman, String token, Map<String, Object> answer) {
        Map<String, Object> body = new java.util.LinkedHashMap<>(answer);
        body.put("token", token);
        return given().auth()
                .oauth2(Tokens.accessToken(woman))
                .contentType(ContentType.JSON)
                .body(body)
                .post("/api/registrations/surveys/answer");
    }

    /**
     * {@code women} book a café starting within the hour (its door is open), all attend and answer the survey, and it
     * is moved to April of {@code year}.
     */
    private static void heldWith(int women, int year) {
        UUID session = UUID.randomUUID();
        announce(
                EventTypes.EVENT_PUBLISHED,
                session,
                0,
                OffsetDateTime.now(ZoneOffset.UTC).plusHours(1));
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < women; i++) {
            ids.add(Api.bookOnceKnown(people.get(i), session)
                    .then()
                    .statusCode(201)
                    .extract()
                    .path("id"));
        }
        for (String id : ids) {
            given().auth()
                    .oauth2(Tokens.accessToken("organiser1"))
                    .contentType(ContentType.JSON)
                    .body(Map.of("attendance", "ATTENDED"))
                    .post("/api/registrations/sessions/" + session + "/registrations/" + id + "/attendance")
                    .then()
                    .statusCode(200);
        }
        for (int i = 0; i < women; i++) {
            answerSurvey(people.get(i), session, Map.of("satisfaction", 5, "comeAgain", true))
                    .then()
                    .statusCode(204);
        }
        announce(EventTypes.EVENT_CHANGED, session, 1, OffsetDateTime.of(year, 4, 14, 4, 0, 0, 0, ZoneOffset.UTC));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> report("organiser1", year).getInt("total.year.sessions") == 1);
    }

    @Test
    void oneAndTwoWomenAreHiddenThreeAreCountedAndErasureAndRetentionChangeNothing() throws Throwable {
        heldWith(1, 2011);
        heldWith(2, 2012);
        heldWith(3, 2013);

        for (int year : new int[] {2011, 2012}) {
            JsonPath hidden = report("organiser1", year);
            assertThat(hidden.getList("lines")).hasSize(1);
            assertThat(hidden.getString("lines[0].venueId")).isEqualTo(VENUE);
            assertThat(hidden.getString("lines[0].venueNameJa")).isEqualTo("ひなた会館");
            assertThat(hidden.getList("lines[0].months.attended").get(3))
                    .as("%d", year)
                    .isNull();
            assertThat(hidden.getList("lines[0].months.bookings").get(3)).isNull();
            assertThat((Object) hidden.get("total.year.attended")).isNull();
            assertThat((Object) hidden.get("total.year.participants")).isNull();
            // sessions held and seats offered count no one
            assertThat(hidden.getInt("total.year.sessions")).isEqualTo(1);
            assertThat(hidden.getInt("total.year.seats")).isEqualTo(10);
        }
        assertThat((Object) report("organiser1", 2011).get("total.year.surveyAnswers"))
                .isNull();
        JsonPath three = report("organiser1", 2013);
        assertThat(three.getInt("total.year.surveyAnswers")).isEqualTo(3);
        assertThat(three.getInt("total.year.satisfied")).isEqualTo(3);
        assertThat(three.getInt("lines[0].months.attended[3]")).isEqualTo(3);
        assertThat(three.getInt("total.year.attended")).isEqualTo(3);
        assertThat(three.getInt("total.year.participants")).isEqualTo(3);
        assertThat(three.getInt("total.year.noShows")).isZero();
        assertThat(three.getInt("suppressedBelow")).isEqualTo(3);

        // she deletes her account: the café she attended still counts her
        HerDataTest.erase(people.get(2), Map.of("confirm", "ERASE")).then().statusCode(200);
        assertThat(report("organiser1", 2013).getInt("total.year.attended")).isEqualTo(3);

        // retention reduces the sessions to totals: the same figures
        VertxContextSupport.subscribeAndAwait(() -> retention.anonymiseEndedSessions());
        JsonPath afterRetention = report("organiser1", 2013);
        assertThat(afterRetention.getInt("total.year.attended")).isEqualTo(3);
        assertThat(afterRetention.getInt("total.year.bookings")).isEqualTo(3);
        assertThat(afterRetention.getInt("total.year.surveyAnswers")).isEqualTo(3);
        assertThat(afterRetention.getInt("total.year.comeAgain")).isEqualTo(3);
        assertThat((Object) report("organiser1", 2012).get("total.year.attended"))
                .isNull();

        // another organisation sees nothing of it
        assertThat(report("organiser2", 2013).getList("lines")).isEmpty();
    }

    @Test
    void oneAnswerPerAttendanceWithTheOrganisationsOwnQuestionAndNothingThatLinksItToHer() throws Exception {
        given().auth()
                .oauth2(Tokens.accessToken("organiser1"))
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "questions", List.of(Map.of("key", "feltSafe", "textJa", "安心して過ごせましたか", "kind", "YES_NO"))))
                .put("/api/registrations/surveys/questions")
                .then()
                .statusCode(200);
        UUID session = UUID.randomUUID();
        announce(
                EventTypes.EVENT_PUBLISHED,
                session,
                0,
                OffsetDateTime.now(ZoneOffset.UTC).plusHours(1));
        String her = people.get(0);
        String id =
                Api.bookOnceKnown(her, session).then().statusCode(201).extract().path("id");
        assertThat(surveyToken(her, session))
                .as("no survey before she attended")
                .isNull();
        given().auth()
                .oauth2(Tokens.accessToken("organiser1"))
                .contentType(ContentType.JSON)
                .body(Map.of("attendance", "ATTENDED"))
                .post("/api/registrations/sessions/" + session + "/registrations/" + id + "/attendance")
                .then()
                .statusCode(200);
        String token = surveyToken(her, session);
        assertThat(token).isNotNull();

        // the token is read from the body only: in a path (where access logs, proxies and spans keep it) it is
        // nothing, and an answer without it says what is missing
        given().auth()
                .oauth2(Tokens.accessToken(her))
                .contentType(ContentType.JSON)
                .body(Map.of("satisfaction", 5, "comeAgain", true))
                .post("/api/registrations/surveys/" + token + "/answer")
                .then()
                .statusCode(404);
        given().auth()
                .oauth2(Tokens.accessToken(her))
                .contentType(ContentType.JSON)
                .body(Map.of("satisfaction", 5, "comeAgain", true))
                .post("/api/registrations/surveys/answer")
                .then()
                .statusCode(400)
                .body("detail", containsString("token"));
        assertThat(surveyToken(her, session)).as("still open").isEqualTo(token);

        // nobody else can use her token; a wrong answer says what to fix
        answerWith(people.get(1), token, Map.of("satisfaction", 5, "comeAgain", true))
                .then()
                .statusCode(404);
        answerWith(her, token, Map.of("satisfaction", 9, "extra", Map.of("feltSafe", 3)))
                .then()
                .statusCode(400)
                .body("detail", containsString("satisfaction"))
                .body("detail", containsString("comeAgain"))
                .body("detail", containsString("extra.feltSafe"));
        answerWith(her, token, Map.of("satisfaction", 4, "comeAgain", false, "extra", Map.of("feltSafe", 1)))
                .then()
                .statusCode(204);
        // once
        answerWith(her, token, Map.of("satisfaction", 1, "comeAgain", false))
                .then()
                .statusCode(404);
        assertThat(surveyToken(her, session)).isNull();

        try (var db = java.sql.DriverManager.getConnection(
                        io.ibasho.testsupport.TestServers.get().postgres().jdbcUrl("registration"), "postgres", "");
                var columns = db.prepareStatement(
                        "select column_name from information_schema.columns " + "where table_name = 'survey_answer'");
                var answers =
                        db.prepareStatement("select count(*), max(extra) from survey_answer where session_id = ?")) {
            List<String> names = new ArrayList<>();
            var rows = columns.executeQuery();
            while (rows.next()) {
                names.add(rows.getString(1));
            }
            assertThat(names)
                    .doesNotContain("registration_id", "attendee_id", "token")
                    .contains("token_hash");
            answers.setObject(1, session);
            var answer = answers.executeQuery();
            answer.next();
            assertThat(answer.getInt(1)).isEqualTo(1);
            assertThat(answer.getString(2)).isEqualTo("{\"feltSafe\":1}");
        }
    }

    @Test
    void organisersSetTargetsFundersOnlyRead() {
        given().auth()
                .oauth2(Tokens.accessToken("organiser1"))
                .contentType(ContentType.JSON)
                .body(Map.of("targets", Map.of("participants", 400, "attended", 300)))
                .put("/api/registrations/reports/2014/targets")
                .then()
                .statusCode(200);
        JsonPath funder = report("funder1", 2014);
        assertThat(funder.getInt("targets.participants")).isEqualTo(400);
        assertThat(funder.getString("organisationId")).isEqualTo("hinata");
        assertThat(report("organiser2", 2014).getMap("targets")).isEmpty();

        given().auth()
                .oauth2(Tokens.accessToken("funder1"))
                .contentType(ContentType.JSON)
                .body(Map.of("targets", Map.of("participants", 1)))
                .put("/api/registrations/reports/2014/targets")
                .then()
                .statusCode(403);
        given().auth()
                .oauth2(Tokens.accessToken("funder1"))
                .get("/api/registrations/sessions/" + UUID.randomUUID() + "/roster")
                .then()
                .statusCode(403);
        given().auth()
                .oauth2(Tokens.accessToken("hana"))
                .get("/api/registrations/reports/2014")
                .then()
                .statusCode(403);
        given().auth()
                .oauth2(Tokens.accessToken("organiser1"))
                .contentType(ContentType.JSON)
                .body(Map.of("targets", Map.of("happiness", 1)))
                .put("/api/registrations/reports/2014/targets")
                .then()
                .statusCode(400)
                .contentType(containsString("application/problem+json"))
                .body("detail", containsString("unknown figure"));
    }
}
