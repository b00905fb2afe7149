package io.ibasho.registration.service;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ibasho.plumbing.inbox.InboxHousekeeping;
import io.ibasho.registration.support.Api;
import io.ibasho.registration.support.Sessions;
import io.ibasho.registration.support.TestAttendees;
import io.ibasho.testsupport.IbashoServers;
import io.ibasho.testsupport.TestServers;
import io.ibasho.testsupport.Tokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Thirty days after a session the record of who was there is deleted and only anonymous totals stay; recent sessions
 * are untouched. Against real PostgreSQL, Kafka and Keycloak.
 */
@QuarkusTest
@WithTestResource(value = IbashoServers.class, initArgs = @ResourceArg(name = "database", value = "registration"))
class RegistrationRetentionPurgeTest {
    @Inject
    RegistrationRetentionPurge purge;

    @Inject
    InboxHousekeeping inbox;

    @io.quarkus.test.common.http.TestHTTPResource(value = "/", management = true)
    java.net.URL management;

    private static Connection db() throws SQLException {
        return DriverManager.getConnection(TestServers.get().postgres().jdbcUrl("registration"), "postgres", "");
    }

    private static long registrationsOf(UUID sessionId) throws SQLException {
        try (Connection db = db();
                var query = db.prepareStatement("select count(*) from registration where session_id = ?")) {
            query.setObject(1, sessionId);
            var rows = query.executeQuery();
            rows.next();
            return rows.getLong(1);
        }
    }

    private static Map<String, Object> totalsOf(UUID sessionId) throws SQLException {
        try (Connection db = db();
                var query = db.prepareStatement("select * from session_registration_total where session_id = ?")) {
            query.setObject(1, sessionId);
            var rows = query.executeQuery();
            Map<String, Object> totals = new LinkedHashMap<>();
            if (rows.next()) {
                for (int i = 1; i <= rows.getMetaData().getColumnCount(); i++) {
                    totals.put(rows.getMetaData().getColumnName(i), rows.getObject(i));
                }
            }
            return totals;
        }
    }

    private static OffsetDateTime startsAtOf(UUID sessionId) throws SQLException {
        try (Connection db = db();
                var query = db.prepareStatement("select starts_at from session_copy where id = ?")) {
            query.setObject(1, sessionId);
            var rows = query.executeQuery();
            return rows.next() ? rows.getObject(1, OffsetDateTime.class) : null;
        }
    }

    /** Issue #14: the end of a session read before its publication is remembered for 30 days, then forgotten. */
    @Test
    void sessionTombstonesAreForgottenAfterThirtyDays() throws Throwable {
        UUID old = UUID.randomUUID();
        UUID recent = UUID.randomUUID();
        try (Connection db = db();
                var insert = db.prepareStatement("insert into session_tombstone (session_id, status, sequence, "
                        + "recorded_at) values (?, 'CANCELLED', 2, now() - cast(? as interval))")) {
            insert.setObject(1, old);
            insert.setString(2, "31 days");
            insert.executeUpdate();
            insert.setObject(1, recent);
            insert.setString(2, "29 days");
            insert.executeUpdate();
        }
        assertThat(VertxContextSupport.<Integer>subscribeAndAwait(() -> inbox.forgetSessionTombstones()))
                .isPositive();
        try (Connection db = db();
                var query =
                        db.prepareStatement("select session_id from session_tombstone where session_id in (?, ?)")) {
            query.setObject(1, old);
            query.setObject(2, recent);
            var rows = query.executeQuery();
            List<UUID> left = new java.util.ArrayList<>();
            while (rows.next()) {
                left.add(rows.getObject(1, UUID.class));
            }
            assertThat(left).containsExactly(recent);
        }
    }

    /** Issue #14: processed_message was never purged; ids older than 30 days are forgotten, newer ones kept. */
    @Test
    void handledEventIdsAreForgottenAfterThirtyDays() throws Throwable {
        String old = "purge-old-" + UUID.randomUUID();
        String recent = "purge-recent-" + UUID.randomUUID();
        try (Connection db = db();
                var insert = db.prepareStatement("insert into processed_message (event_id, consumer, processed_at) "
                        + "values (?, 'registration', now() - cast(? as interval))")) {
            insert.setString(1, old);
            insert.setString(2, "31 days");
            insert.executeUpdate();
            insert.setString(1, recent);
            insert.setString(2, "29 days");
            insert.executeUpdate();
        }
        assertThat(VertxContextSupport.<Integer>subscribeAndAwait(() -> inbox.forgetHandledEventIds()))
                .isPositive();
        try (Connection db = db();
                var query = db.prepareStatement("select event_id from processed_message where event_id in (?, ?)")) {
            query.setString(1, old);
            query.setString(2, recent);
            var rows = query.executeQuery();
            List<String> left = new java.util.ArrayList<>();
            while (rows.next()) {
                left.add(rows.getString(1));
            }
            assertThat(left).containsExactly(recent);
        }
    }

    private int purgeNow() throws Throwable {
        return VertxContextSupport.subscribeAndAwait(() -> purge.anonymiseEndedSessions());
    }

    @Test
    void fortyDaysAfterASessionOnlyAnonymousTotalsRemainAndRecentSessionsAreKept() throws Throwable {
        List<String> people = TestAttendees.create("retention", 3);
        OffsetDateTime startsAt = OffsetDateTime.now(ZoneOffset.UTC).plusDays(7);
        UUID old = Sessions.published(5, startsAt);
        UUID recent = Sessions.published(5);
        UUID attended = UUID.fromString(Api.bookOnceKnown(people.get(0), old)
                .then()
                .statusCode(201)
                .extract()
                .path("id"));
        UUID cancelled = UUID.fromString(Api.bookOnceKnown(people.get(1), old)
                .then()
                .statusCode(201)
                .extract()
                .path("id"));
        Api.mine(people.get(1), cancelled, "cancel").then().statusCode(200);
        Api.bookOnceKnown(people.get(2), old).then().statusCode(201);
        Api.bookOnceKnown(people.get(0), recent).then().statusCode(201);
        // its day comes (moved to start within the hour, so the door is open): one came, and two dropped in
        OffsetDateTime soon = OffsetDateTime.now(ZoneOffset.UTC).plusHours(1).withNano(0);
        Sessions.capacityChanged(old, 5, 1, soon);
        await().atMost(Duration.ofSeconds(30)).until(() -> soon.isEqual(startsAtOf(old)));
        given().auth()
                .oauth2(Tokens.accessToken("organiser1"))
                .contentType(ContentType.JSON)
                .body(Map.of("attendance", "ATTENDED"))
                .post("/api/registrations/sessions/" + old + "/registrations/" + attended + "/attendance")
                .then()
                .statusCode(200);
        given().auth()
                .oauth2(Tokens.accessToken("organiser1"))
                .contentType(ContentType.JSON)
                .body(Map.of("count", 2))
                .post("/api/registrations/sessions/" + old + "/drop-ins")
                .then()
                .statusCode(200);

        // the event service moves it 40 days into the past (as if it had happened then)
        OffsetDateTime past = OffsetDateTime.now(ZoneOffset.UTC).minusDays(40);
        Sessions.capacityChanged(old, 5, 2, past);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> startsAtOf(old)
                        .isBefore(OffsetDateTime.now(ZoneOffset.UTC).minusDays(39)));

        assertThat(purgeNow()).isGreaterThanOrEqualTo(1);
        assertThat(registrationsOf(old)).isZero();
        Map<String, Object> totals = totalsOf(old);
        assertThat(totals)
                .containsEntry("organisation_id", "hinata")
                .containsEntry("confirmed", 2)
                .containsEntry("attended", 1)
                .containsEntry("no_show", 0)
                .containsEntry("cancelled", 1)
                .containsEntry("waitlisted", 0)
                .containsEntry("with_childcare", 0)
                .containsEntry("drop_ins", 2);
        // nothing in the totals points to a person
        assertThat(totals.toString()).doesNotContain(people.get(0)).doesNotContain(attended.toString());
        // she no longer finds where she was; the roster has nobody in it; the recent session is untouched
        assertThat(given().auth()
                        .oauth2(Tokens.accessToken(people.get(0)))
                        .get("/api/registrations/mine")
                        .then()
                        .statusCode(200)
                        .extract()
                        .<List<String>>path("sessionId"))
                .doesNotContain(old.toString())
                .contains(recent.toString());
        Api.roster("organiser1", old).then().statusCode(200).body("entries.size()", org.hamcrest.Matchers.equalTo(0));
        assertThat(registrationsOf(recent)).isEqualTo(1);
        assertThat(totalsOf(recent)).isEmpty();

        // a second run finds nothing more to do for it
        purgeNow();
        assertThat(totalsOf(old)).containsEntry("confirmed", 2);
    }

    /** Retention as of a time it is given, on the management port (the end-to-end canary test runs it so). */
    @Test
    void retentionRunsOnDemandAsOfTheTimeItIsGiven() throws Throwable {
        String retentionOnDemand = "http://" + management.getHost() + ":" + management.getPort() + "/q/retention/run";
        String her = TestAttendees.create("retention-on-demand", 1).get(0);
        UUID session = Sessions.published(5, OffsetDateTime.now(ZoneOffset.UTC).plusDays(3));
        Api.bookOnceKnown(her, session).then().statusCode(201);

        given().queryParam("at", "next tuesday")
                .post(retentionOnDemand)
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        given().queryParam(
                        "at",
                        OffsetDateTime.now(ZoneOffset.UTC)
                                .plusDays(40)
                                .toInstant()
                                .toString())
                .post(retentionOnDemand)
                .then()
                .statusCode(200)
                .body("'registration-sessions'", org.hamcrest.Matchers.greaterThanOrEqualTo(1));
        assertThat(registrationsOf(session)).isZero();
        assertThat(totalsOf(session)).containsEntry("confirmed", 1);
    }

    @Test
    void rosterReadAuditIsKeptAYearAndThenDeleted() throws Throwable {
        UUID sessionId = UUID.randomUUID();
        UUID yearOld = UUID.randomUUID();
        UUID lastMonth = UUID.randomUUID();
        try (Connection db = db();
                var insert = db.prepareStatement(
                        "insert into roster_audit (id, session_id, organisation_id, reader, "
                                + "reason, read_at) values (?, ?, 'hinata', 'organiser-subject', null, now() - cast(? as interval))")) {
            for (Object[] row : new Object[][] {{yearOld, "366 days"}, {lastMonth, "30 days"}}) {
                insert.setObject(1, row[0]);
                insert.setObject(2, sessionId);
                insert.setString(3, (String) row[1]);
                insert.executeUpdate();
            }
        }
        purgeNow();
        try (Connection db = db();
                var query = db.prepareStatement("select id from roster_audit where session_id = ?")) {
            query.setObject(1, sessionId);
            var rows = query.executeQuery();
            List<UUID> left = new java.util.ArrayList<>();
            while (rows.next()) {
                left.add(rows.getObject(1, UUID.class));
            }
            assertThat(left).containsExactly(lastMonth);
        }
    }
}
