package io.ibasho.registration.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.ibasho.contracts.EventTypes;
import io.ibasho.contracts.Topics;
import io.ibasho.registration.support.Api;
import io.ibasho.registration.support.MovableClock;
import io.ibasho.registration.support.Sessions;
import io.ibasho.testsupport.IbashoServers;
import io.ibasho.testsupport.KafkaTopicReader;
import io.ibasho.testsupport.Tokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * At the door: booking codes, the organiser's roster, attendance, drop-ins counted without identity, on the session's
 * day only (sessions starting within the hour have an open door).
 */
@QuarkusTest
@WithTestResource(value = IbashoServers.class, initArgs = @ResourceArg(name = "database", value = "registration"))
class CheckInTest {
    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

    @Inject
    MovableClock clock;

    static Response organiserPost(String organiser, String path, Object body) {
        return given().auth()
                .oauth2(Tokens.accessToken(organiser))
                .contentType(ContentType.JSON)
                .body(body)
                .post("/api/registrations/sessions/" + path);
    }

    @Test
    void aConfirmedBookingHasAShortCodeTheRosterShowsAndAttendanceIsRecorded() {
        UUID sessionId = Sessions.startingSoon(5);
        var booking = Api.bookOnceKnown("hana", sessionId)
                .then()
                .statusCode(201)
                .body("bookingCode", org.hamcrest.Matchers.matchesPattern("[23456789ABCDEFGHJKMNPQRSTWXYZ]{8}"))
                .extract();
        String code = booking.path("bookingCode");
        assertThat(booking.<String>path("checkInPayload")).isEqualTo("ibasho-checkin:" + code);
        UUID registrationId = UUID.fromString(booking.path("id"));

        Api.roster("organiser1", sessionId)
                .then()
                .statusCode(200)
                .body("entries.bookingCode", hasItem(code))
                .body("entries.nickname", hasItem("hana"))
                .body("entries[0].keySet()", org.hamcrest.Matchers.not(hasItem("attendeeId")));
        Api.roster("organiser2", sessionId).then().statusCode(404);
        Api.roster("hana", sessionId).then().statusCode(403);
        // every read of the roster is audited inside the service (also when the gateway is bypassed): who, when, why,
        // never the nicknames; another organisation's attempt is a 404 and leaves no record
        given().auth()
                .oauth2(Tokens.accessToken("organiser1"))
                .queryParam("reason", "受付の準備 / preparing the door")
                .get("/api/registrations/sessions/" + sessionId + "/roster")
                .then()
                .statusCode(200);
        given().auth()
                .oauth2(Tokens.accessToken("organiser1"))
                .queryParam("reason", "x".repeat(201))
                .get("/api/registrations/sessions/" + sessionId + "/roster")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        try (java.sql.Connection db = java.sql.DriverManager.getConnection(
                        io.ibasho.testsupport.TestServers.get().postgres().jdbcUrl("registration"), "postgres", "");
                var query = db.prepareStatement(
                        "select reader, organisation_id, reason, row_to_json(a)::text from roster_audit a "
                                + "where session_id = ? order by read_at")) {
            query.setObject(1, sessionId);
            var rows = query.executeQuery();
            java.util.List<String> reasons = new java.util.ArrayList<>();
            String organiser = new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(java.util.Base64.getUrlDecoder()
                            .decode(Tokens.accessToken("organiser1").split("\\.")[1]))
                    .path("sub")
                    .asText();
            while (rows.next()) {
                assertThat(rows.getString(1)).isEqualTo(organiser);
                assertThat(rows.getString(2)).isEqualTo("hinata");
                assertThat(rows.getString(4)).doesNotContain("hana").doesNotContain(code);
                reasons.add(rows.getString(3));
            }
            assertThat(reasons).containsExactly(null, "受付の準備 / preparing the door");
        } catch (java.sql.SQLException | java.io.IOException e) {
            throw new IllegalStateException(e);
        }

        organiserPost(
                        "organiser1",
                        sessionId + "/registrations/" + registrationId + "/attendance",
                        Map.of("attendance", "ATTENDED"))
                .then()
                .statusCode(200)
                .body("attendance", equalTo("ATTENDED"));
        organiserPost(
                        "organiser1",
                        sessionId + "/registrations/" + registrationId + "/attendance",
                        Map.of("attendance", "MAYBE"))
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        organiserPost(
                        "organiser2",
                        sessionId + "/registrations/" + registrationId + "/attendance",
                        Map.of("attendance", "NO_SHOW"))
                .then()
                .statusCode(404);

        var records = KafkaTopicReader.awaitRecords(
                Topics.REGISTRATION_LIFECYCLE,
                r -> sessionId.toString().equals(r.key()) && r.value().contains(EventTypes.ATTENDANCE_RECORDED),
                1,
                Duration.ofSeconds(30));
        assertThat(records).hasSize(1);
        assertThat(records.get(0).value())
                .contains("\"attendance\":\"ATTENDED\"")
                .doesNotContain("hana")
                .doesNotContain(code);
    }

    @Test
    void dropInsAreCountedWithoutIdentity() {
        UUID sessionId = Sessions.startingSoon(5);
        org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> Api.roster("organiser1", sessionId).statusCode() == 200);
        organiserPost("organiser1", sessionId + "/drop-ins", Map.of("count", 3))
                .then()
                .statusCode(200)
                .body("dropIns", equalTo(3));
        organiserPost("organiser1", sessionId + "/drop-ins", Map.of("count", 2))
                .then()
                .statusCode(200)
                .body("dropIns", equalTo(5));
        organiserPost("organiser1", sessionId + "/drop-ins", Map.of("count", 0))
                .then()
                .statusCode(400)
                .body("violations.field", hasItem("count"));
        organiserPost("organiser2", sessionId + "/drop-ins", Map.of("count", 1))
                .then()
                .statusCode(404);
        Api.roster("organiser1", sessionId).then().body("dropIns", equalTo(5));
    }

    @Test
    void attendanceIsForConfirmedBookingsOnly() {
        UUID sessionId = Sessions.startingSoon(1);
        Api.bookOnceKnown("hana", sessionId).then().statusCode(201);
        UUID waiting = UUID.fromString(Api.joinWaitlist("mei", sessionId)
                .then()
                .statusCode(201)
                .extract()
                .path("id"));
        organiserPost(
                        "organiser1",
                        sessionId + "/registrations/" + waiting + "/attendance",
                        Map.of("attendance", "NO_SHOW"))
                .then()
                .statusCode(409)
                .body("type", containsString("not-confirmed"));
    }

    @Test
    void aSecondCheckInOfTheSameBookingIsRefusedAndTheFirstTimeStays() {
        UUID sessionId = Sessions.startingSoon(5);
        UUID registrationId = UUID.fromString(Api.bookOnceKnown("hana", sessionId)
                .then()
                .statusCode(201)
                .extract()
                .path("id"));
        String path = sessionId + "/registrations/" + registrationId + "/attendance";
        organiserPost("organiser1", path, Map.of("attendance", "ATTENDED"))
                .then()
                .statusCode(200);
        String firstTime = Api.roster("organiser1", sessionId)
                .then()
                .statusCode(200)
                .body("entries[0].attendance", equalTo("ATTENDED"))
                .extract()
                .path("entries[0].attendedAt");
        assertThat(firstTime).isNotBlank();

        // the same code shown again (shared, or a screenshot): noticed, not recorded again
        organiserPost("organiser1", path, Map.of("attendance", "ATTENDED"))
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("type", containsString("already-checked-in"));
        Api.roster("organiser1", sessionId).then().body("entries[0].attendedAt", equalTo(firstTime));

        // corrected to no-show, she has no check-in time any more
        organiserPost("organiser1", path, Map.of("attendance", "NO_SHOW"))
                .then()
                .statusCode(200);
        Api.roster("organiser1", sessionId)
                .then()
                .body("entries[0].attendance", equalTo("NO_SHOW"))
                .body("entries[0]", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasKey("attendedAt")));
    }

    @Test
    void nothingIsRecordedAtTheDoorOfACancelledSessionEvenOnItsDay() {
        UUID sessionId = Sessions.startingSoon(5);
        UUID registrationId = UUID.fromString(Api.bookOnceKnown("hana", sessionId)
                .then()
                .statusCode(201)
                .extract()
                .path("id"));
        Sessions.cancelled(sessionId);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> cancelledHere(sessionId));
        organiserPost("organiser1", sessionId + "/drop-ins", Map.of("count", 1))
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("type", containsString("session-cancelled"));
        organiserPost(
                        "organiser1",
                        sessionId + "/registrations/" + registrationId + "/attendance",
                        Map.of("attendance", "ATTENDED"))
                .then()
                .statusCode(409)
                .body("type", containsString("session-cancelled"));
        Api.roster("organiser1", sessionId)
                .then()
                .statusCode(200)
                .body("dropIns", equalTo(0))
                .body("doorOpen", equalTo(false))
                .body("doorClosedBecause", equalTo("session-cancelled"));
    }

    @Test
    void theDoorTakesNothingBeforeOrAfterTheSessionsDayInTokyoByTheServicesClock() {
        // tomorrow in Tokyo, 10:00-12:00: whatever the hour now, that is more than two hours ahead and another day
        LocalDate tomorrow = LocalDate.now(TOKYO).plusDays(1);
        OffsetDateTime start = tomorrow.atTime(10, 0).atZone(TOKYO).toOffsetDateTime();
        UUID sessionId = Sessions.published(5, start);
        UUID registrationId = UUID.fromString(Api.bookOnceKnown("hana", sessionId)
                .then()
                .statusCode(201)
                .extract()
                .path("id"));
        String attendance = sessionId + "/registrations/" + registrationId + "/attendance";
        try {
            // the day before: straight to the service, past any page, it is refused
            clock.moveTo(tomorrow.atStartOfDay(TOKYO).toOffsetDateTime().minusSeconds(1));
            organiserPost("organiser1", attendance, Map.of("attendance", "ATTENDED"))
                    .then()
                    .statusCode(409)
                    .contentType("application/problem+json")
                    .body("type", equalTo("https://ibasho.example/problems/not-door-day"))
                    .body("detail", containsString(tomorrow.toString()));
            organiserPost("organiser1", sessionId + "/drop-ins", Map.of("count", 1))
                    .then()
                    .statusCode(409)
                    .contentType("application/problem+json")
                    .body("type", containsString("not-door-day"));
            Api.roster("organiser1", sessionId)
                    .then()
                    .statusCode(200)
                    .body("doorOpen", equalTo(false))
                    .body("doorClosedBecause", equalTo("not-door-day"))
                    .body("dropIns", equalTo(0))
                    .body("entries[0]", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasKey("attendance")));

            // midnight in Tokyo: its day, hours before the start
            clock.moveTo(tomorrow.atStartOfDay(TOKYO).toOffsetDateTime());
            Api.roster("organiser1", sessionId)
                    .then()
                    .body("doorOpen", equalTo(true))
                    .body("doorClosedBecause", org.hamcrest.Matchers.nullValue());
            organiserPost("organiser1", attendance, Map.of("attendance", "ATTENDED"))
                    .then()
                    .statusCode(200);
            organiserPost("organiser1", sessionId + "/drop-ins", Map.of("count", 1))
                    .then()
                    .statusCode(200)
                    .body("dropIns", equalTo(1));

            // the next day, a correction is refused too: the day's record stands
            clock.moveTo(tomorrow.plusDays(1).atStartOfDay(TOKYO).toOffsetDateTime());
            organiserPost("organiser1", attendance, Map.of("attendance", "NO_SHOW"))
                    .then()
                    .statusCode(409)
                    .body("type", containsString("not-door-day"));
            organiserPost("organiser1", sessionId + "/drop-ins", Map.of("count", 1))
                    .then()
                    .statusCode(409);
        } finally {
            clock.reset();
        }
        Api.roster("organiser1", sessionId)
                .then()
                .body("dropIns", equalTo(1))
                .body("entries[0].attendance", equalTo("ATTENDED"));
    }

    /** Whether registration's copy of the session has heard of its cancellation. */
    private static boolean cancelledHere(UUID sessionId) {
        try (java.sql.Connection db = java.sql.DriverManager.getConnection(
                        io.ibasho.testsupport.TestServers.get().postgres().jdbcUrl("registration"), "postgres", "");
                var query = db.prepareStatement("select status from session_copy where id = ?")) {
            query.setObject(1, sessionId);
            var row = query.executeQuery();
            return row.next() && "CANCELLED".equals(row.getString(1));
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
