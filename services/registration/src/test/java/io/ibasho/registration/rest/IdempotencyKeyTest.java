package io.ibasho.registration.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ibasho.registration.support.Api;
import io.ibasho.registration.support.Sessions;
import io.ibasho.testsupport.IbashoServers;
import io.ibasho.testsupport.TestServers;
import io.ibasho.testsupport.Tokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Idempotency-Key with the IETF draft's semantics, against the real database. */
@QuarkusTest
@WithTestResource(value = IbashoServers.class, initArgs = @ResourceArg(name = "database", value = "registration"))
class IdempotencyKeyTest {
    private static Response book(String user, UUID sessionId, String key, String nickname) {
        return given().auth()
                .oauth2(Tokens.accessToken(user))
                .header("Idempotency-Key", key)
                .contentType(ContentType.JSON)
                .body(Map.of("nickname", nickname))
                .post("/api/registrations/sessions/" + sessionId + "/bookings");
    }

    @Test
    void theSameKeyAndBodyReplayTheFirstAnswer() {
        UUID sessionId = Sessions.published(5);
        Api.bookOnceKnown("mei", sessionId); // the session is known; mei holds one seat
        String key = "\"" + UUID.randomUUID() + "\"";
        Response first = book("hana", sessionId, key, "はな");
        first.then().statusCode(201);
        Response again = book("hana", sessionId, key, "はな");
        again.then().statusCode(201).header("Idempotent-Replayed", "true").header("Location", first.header("Location"));
        assertThat(again.asString()).isEqualTo(first.asString());
        // without the key a second booking is refused: the replay really did not book twice
        Api.book("hana", sessionId, "はな").then().statusCode(409).body("type", containsString("already-registered"));
        assertThat(Api.roster("organiser1", sessionId)
                        .then()
                        .statusCode(200)
                        .extract()
                        .<Integer>path("confirmed"))
                .isEqualTo(2);
    }

    @Test
    void theSameKeyWithAnotherBodyIs422() {
        UUID sessionId = Sessions.published(5);
        Api.bookOnceKnown("mei", sessionId);
        String key = UUID.randomUUID().toString();
        book("hana", sessionId, key, "はな").then().statusCode(201);
        book("hana", sessionId, key, "ハナ")
                .then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("type", containsString("idempotency-key-reused"));
        // the same key at another endpoint is another request too
        given().auth()
                .oauth2(Tokens.accessToken("hana"))
                .header("Idempotency-Key", key)
                .contentType(ContentType.JSON)
                .body(Map.of("nickname", "はな"))
                .post("/api/registrations/sessions/" + sessionId + "/waitlist")
                .then()
                .statusCode(422);
    }

    @Test
    void keysArePerPerson() {
        UUID sessionId = Sessions.published(5);
        String key = UUID.randomUUID().toString();
        // a 404 (session not yet known) stores nothing, so retrying with the same key is fine
        Response[] first = new Response[1];
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(30))
                .until(() -> (first[0] = book("hana", sessionId, key, "same")).statusCode() != 404);
        first[0].then().statusCode(201);
        book("mei", sessionId, key, "same")
                .then()
                .statusCode(201)
                .header("Idempotent-Replayed", org.hamcrest.Matchers.nullValue());
    }

    @Test
    void aDuplicateWhileTheFirstIsStillRunningIs409AndAFailureStoresNothing() throws Exception {
        UUID sessionId = Sessions.published(5);
        Api.bookOnceKnown("mei", sessionId);
        String key = UUID.randomUUID().toString();
        // Hold the very lock a running first request holds (same database, same lock id), as if it were still running.
        try (Connection db =
                DriverManager.getConnection(TestServers.get().postgres().jdbcUrl("registration"), "postgres", "")) {
            db.setAutoCommit(false);
            try (PreparedStatement lock = db.prepareStatement("select pg_advisory_xact_lock(hashtextextended(?, 0))")) {
                lock.setString(1, subject("hana") + "\n" + key);
                lock.execute();
            }
            book("hana", sessionId, key, "はな")
                    .then()
                    .statusCode(409)
                    .contentType("application/problem+json")
                    .body("type", containsString("idempotency-key-in-use"))
                    .body("status", equalTo(409));
            db.commit();
        }
        book("hana", sessionId, key, "はな").then().statusCode(201);
    }

    @Test
    void aFailedRequestCanBeRetriedWithTheSameKey() {
        UUID sessionId = Sessions.published(1);
        Api.bookOnceKnown("mei", sessionId).then().statusCode(201);
        String key = UUID.randomUUID().toString();
        book("hana", sessionId, key, "はな").then().statusCode(409).body("type", containsString("session-full"));
        Api.myRegistration("mei", sessionId); // nothing stored for hana's key: the retry runs again (and is still full)
        book("hana", sessionId, key, "はな")
                .then()
                .statusCode(409)
                .header("Idempotent-Replayed", org.hamcrest.Matchers.nullValue());
    }

    /**
     * Two bookings by one person racing past the duplicate check end on the partial unique index: that must be a
     * 409 problem, never a 500. Made deterministic by holding an uncommitted booking of hers in another transaction.
     */
    @Test
    void aRacingDuplicateBookingIs409NotA500() throws Exception {
        UUID sessionId = Sessions.published(5);
        Api.bookOnceKnown("mei", sessionId).then().statusCode(201);
        try (Connection db =
                DriverManager.getConnection(TestServers.get().postgres().jdbcUrl("registration"), "postgres", "")) {
            db.setAutoCommit(false);
            try (PreparedStatement insert =
                    db.prepareStatement("insert into registration (id, session_id, attendee_id, nickname, status, "
                            + "created_at, updated_at) values (?, ?, ?, 'racing', 'CONFIRMED', now(), now())")) {
                insert.setObject(1, UUID.randomUUID());
                insert.setObject(2, sessionId);
                insert.setString(3, subject("hana"));
                insert.executeUpdate();
            }
            var racing = java.util.concurrent.CompletableFuture.supplyAsync(() -> Api.book("hana", sessionId, "はな"));
            // her request now waits on the unique index for the other transaction: seen in PostgreSQL, not slept for
            await().atMost(Duration.ofSeconds(20)).until(IdempotencyKeyTest::someoneWaitsOnALock);
            db.commit();
            racing.get()
                    .then()
                    .statusCode(409)
                    .contentType("application/problem+json")
                    .body("type", containsString("already-registered"));
        }
        assertThat(Api.roster("organiser1", sessionId).then().extract().<Integer>path("seatsTaken"))
                .isEqualTo(1);
    }

    /**
     * Whether a connection to registration's database waits for a lock (here: the uncommitted row's). Asked on a
     * connection of its own: PostgreSQL keeps one snapshot of pg_stat_activity per transaction.
     */
    private static boolean someoneWaitsOnALock() throws SQLException {
        try (Connection db = DriverManager.getConnection(
                        TestServers.get().postgres().jdbcUrl("registration"), "postgres", "");
                PreparedStatement waiting = db.prepareStatement("select count(*) from pg_stat_activity "
                        + "where datname = current_database() and wait_event_type = 'Lock'");
                ResultSet count = waiting.executeQuery()) {
            return count.next() && count.getLong(1) > 0;
        }
    }

    @Test
    void aMalformedKeyIs400() {
        UUID sessionId = Sessions.published(1);
        book("hana", sessionId, "two words", "はな")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("type", containsString("idempotency-key-invalid"));
        book("hana", sessionId, "x".repeat(300), "はな").then().statusCode(400);
    }

    static String subject(String user) throws Exception {
        String payload = Tokens.accessToken(user).split("\\.")[1];
        return new ObjectMapper()
                .readTree(new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8))
                .path("sub")
                .asText();
    }
}
