package io.ibasho.registration.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.ibasho.registration.support.Api;
import io.ibasho.registration.support.Sessions;
import io.ibasho.testsupport.IbashoServers;
import io.ibasho.testsupport.TestServers;
import io.ibasho.testsupport.Tokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/**
 * Two changes of one registration at the same moment: neither may write back a state the other replaced (issue #14,
 * "lost updates"). Attendance recorded while she cancels must never bring the cancelled booking back to CONFIRMED
 * after its seat was released.
 */
@QuarkusTest
@WithTestResource(value = IbashoServers.class, initArgs = @ResourceArg(name = "database", value = "registration"))
class LostUpdateRaceTest {
    @jakarta.inject.Inject
    io.ibasho.registration.support.MovableClock clock;

    /**
     * Rounds race until both orders have been seen, at least {@link #MIN_ROUNDS} and at most {@link #ROUNDS}; every
     * round checks everything. {@code -Dibasho.load.full=true} always runs all 150 (docs/benchmarks.md, "CI time").
     */
    private static final int ROUNDS = 150;

    private static final int MIN_ROUNDS = Boolean.getBoolean("ibasho.load.full") ? ROUNDS : 40;

    @Test
    void attendanceRecordedWhileSheCancelsNeverRevivesTheCancelledBooking() throws Exception {
        // both must be possible at once: the door is open on the session's day, and she may cancel until two hours
        // before its start, so the service's clock stands at midnight in Tokyo of a day whose session is at 20:00
        java.time.ZoneId tokyo = java.time.ZoneId.of("Asia/Tokyo");
        java.time.LocalDate day = java.time.LocalDate.now(tokyo).plusDays(1);
        UUID sessionId = Sessions.published(1, day.atTime(20, 0).atZone(tokyo).toOffsetDateTime());
        Api.bookOnceKnown("hana", sessionId).then().statusCode(201);
        String hana = Tokens.accessToken("hana");
        String organiser = Tokens.accessToken("organiser1");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Integer> attendanceStatuses = new ArrayList<>();
        try (Connection db =
                DriverManager.getConnection(TestServers.get().postgres().jdbcUrl("registration"), "postgres", "")) {
            clock.moveTo(day.atStartOfDay(tokyo).toOffsetDateTime());
            for (int round = 0;
                    round < ROUNDS
                            && (round < MIN_ROUNDS
                                    || !attendanceStatuses.contains(200)
                                    || !attendanceStatuses.contains(409));
                    round++) {
                UUID registrationId = round == 0 ? activeRegistration(db, sessionId) : book(hana, sessionId);
                CyclicBarrier together = new CyclicBarrier(2);
                CompletableFuture<Integer> attendance = CompletableFuture.supplyAsync(
                        () -> {
                            await(together);
                            return given().auth()
                                    .oauth2(organiser)
                                    .contentType(ContentType.JSON)
                                    .body(Map.of("attendance", "ATTENDED"))
                                    .post("/api/registrations/sessions/" + sessionId + "/registrations/"
                                            + registrationId + "/attendance")
                                    .statusCode();
                        },
                        pool);
                CompletableFuture<Integer> cancellation = CompletableFuture.supplyAsync(
                        () -> {
                            await(together);
                            return given().auth()
                                    .oauth2(hana)
                                    .post("/api/registrations/mine/" + registrationId + "/cancel")
                                    .statusCode();
                        },
                        pool);
                // her cancellation always succeeds; attendance either came first (200) or finds her cancelled (409)
                assertThat(cancellation.get())
                        .as("cancellation in round %d", round)
                        .isEqualTo(200);
                attendanceStatuses.add(attendance.get());
                assertThat(attendance.get()).as("attendance in round %d", round).isIn(200, 409);
                assertThat(status(db, registrationId))
                        .as("her registration after round %d", round)
                        .isEqualTo("CANCELLED");
                assertThat(confirmedSeats(db, sessionId))
                        .as("seats taken after round %d = confirmed rows", round)
                        .isEqualTo(confirmedRows(db, sessionId))
                        .isZero();
            }
        } finally {
            pool.shutdownNow();
            clock.reset();
        }
        // both orders happened, so the race was real
        assertThat(attendanceStatuses).contains(200).contains(409);
    }

    private static UUID book(String token, UUID sessionId) {
        return UUID.fromString(given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(Map.of("nickname", "hana"))
                .post("/api/registrations/sessions/" + sessionId + "/bookings")
                .then()
                .statusCode(201)
                .extract()
                .path("id"));
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static UUID activeRegistration(Connection db, UUID sessionId) throws SQLException {
        return UUID.fromString(single(db, "select cast(id as text) from registration where session_id = ?", sessionId));
    }

    private static String status(Connection db, UUID registrationId) throws SQLException {
        return single(db, "select status from registration where id = ?", registrationId);
    }

    private static int confirmedSeats(Connection db, UUID sessionId) throws SQLException {
        return Integer.parseInt(
                single(db, "select cast(confirmed_seats as text) from session_copy where id = ?", sessionId));
    }

    private static int confirmedRows(Connection db, UUID sessionId) throws SQLException {
        return Integer.parseInt(single(
                db,
                "select cast(count(*) as text) from registration where session_id = ? and status = 'CONFIRMED'",
                sessionId));
    }

    private static String single(Connection db, String sql, UUID id) throws SQLException {
        try (var query = db.prepareStatement(sql)) {
            query.setObject(1, id);
            var rows = query.executeQuery();
            rows.next();
            return rows.getString(1);
        }
    }
}
