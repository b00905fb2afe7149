package io.ibasho.event.rest;

import static io.ibasho.event.rest.TestData.createSession;
import static io.ibasho.event.rest.TestData.createVenue;
import static io.ibasho.event.rest.TestData.organiser1;
import static io.ibasho.event.rest.TestData.uniqueArea;
import static io.ibasho.event.rest.TestData.venue;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ibasho.contracts.EventTypes;
import io.ibasho.testsupport.IbashoServers;
import io.ibasho.testsupport.TestServers;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * ADR 0077 left a race, closed by ADR 0082: a session announced in the same moment as its venue's unlink could state
 * the old partner groups with a later time than the unlink's VenueChanged, and notification (the newest statement
 * wins) would link the group again. Here the two saves are interleaved on purpose, without sleeping: a gate
 * transaction of the test holds the outbox table (SHARE mode), so each save stops at its outbox insert, after it read
 * the venue and took its event's time and before it commits, while the test watches PostgreSQL's lock waits and lets
 * the other save start. Both orders must end with the venue's groups as committed being the newest statement.
 */
@QuarkusTest
@WithTestResource(value = IbashoServers.class, initArgs = @ResourceArg(name = "database", value = "event"))
class VenueUnlinkRaceTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final ExecutorService REQUESTS = Executors.newFixedThreadPool(2);

    @AfterAll
    static void stop() {
        REQUESTS.shutdownNow();
    }

    /**
     * The unlink is saved first and waits at its outbox insert, holding the venue row; a session published meanwhile
     * must wait for it and state the groups as the unlink committed them (without the locks it read the old groups,
     * and its later time made them the newest statement).
     */
    @Test
    void aSessionPublishedWhileItsVenueIsBeingUnlinkedStatesTheGroupsAsTheUnlinkCommittedThem() throws Exception {
        String venueId = createVenue(organiser1(), venue(uniqueArea(), "PUBLIC", false, List.of("tsubomi")));
        String sessionId = createSession(organiser1(), TestData.cafe(venueId, TestData.tokyo(15, 10, 0)));

        CompletableFuture<Integer> unlink;
        CompletableFuture<Integer> publish;
        try (Connection gate = database();
                Connection watch = database()) {
            gate.setAutoCommit(false);
            gate.createStatement().execute("lock table outbox_message in share mode");
            unlink = CompletableFuture.supplyAsync(() -> unlink(venueId), REQUESTS);
            awaitWaiting(watch, 1);
            publish = CompletableFuture.supplyAsync(() -> publish(sessionId), REQUESTS);
            awaitWaiting(watch, 2);
            gate.rollback();
        }
        assertThat(unlink.get(30, TimeUnit.SECONDS)).isEqualTo(200);
        assertThat(publish.get(30, TimeUnit.SECONDS)).isEqualTo(200);

        JsonNode published = TestData.eventOfType(TestData.events(sessionId, 1), EventTypes.EVENT_PUBLISHED);
        assertThat(published.path("data").path("venuePartnerGroups").toString())
                .as("the session's event states the groups as the unlink committed them")
                .isEqualTo("[]");
        JsonNode unlinked = TestData.events(venueId, 2).get(1);
        assertThat(unlinked.path("data").path("partnerGroups").toString()).isEqualTo("[]");
        assertThat(time(published)).isAfter(time(unlinked));
    }

    /**
     * The session is published first and waits at its outbox insert having read the groups; the unlink saved meanwhile
     * must wait for the session's transaction before it reads the venue and takes its time, so its VenueChanged is the
     * newer statement (without the venue's own lock it took its time at once, before the session's commit, and could be
     * the older of the two).
     */
    @Test
    void anUnlinkSavedWhileASessionAnnouncesTheOldGroupsWaitsForItAndIsTheNewerStatement() throws Exception {
        String venueId = createVenue(organiser1(), venue(uniqueArea(), "PUBLIC", false, List.of("tsubomi")));
        String sessionId = createSession(organiser1(), TestData.cafe(venueId, TestData.tokyo(16, 10, 0)));

        CompletableFuture<Integer> publish;
        CompletableFuture<Integer> unlink;
        try (Connection gate = database();
                Connection watch = database()) {
            gate.setAutoCommit(false);
            gate.createStatement().execute("lock table outbox_message in share mode");
            publish = CompletableFuture.supplyAsync(() -> publish(sessionId), REQUESTS);
            List<Waiting> first = awaitWaiting(watch, 1);
            unlink = CompletableFuture.supplyAsync(() -> unlink(venueId), REQUESTS);
            List<Waiting> both = awaitWaiting(watch, 2);
            int sessionPid = first.get(0).pid();
            Waiting unlinking =
                    both.stream().filter(w -> w.pid() != sessionPid).findFirst().orElseThrow();
            assertThat(unlinking.blockedBy())
                    .as("the unlink waits for the session's transaction (%s), not for the outbox", unlinking)
                    .containsExactly(sessionPid);
            gate.rollback();
        }
        assertThat(publish.get(30, TimeUnit.SECONDS)).isEqualTo(200);
        assertThat(unlink.get(30, TimeUnit.SECONDS)).isEqualTo(200);

        JsonNode published = TestData.eventOfType(TestData.events(sessionId, 1), EventTypes.EVENT_PUBLISHED);
        assertThat(published.path("data").path("venuePartnerGroups").toString()).isEqualTo("[\"tsubomi\"]");
        JsonNode unlinked = TestData.events(venueId, 2).get(1);
        assertThat(unlinked.path("data").path("partnerGroups").toString()).isEqualTo("[]");
        assertThat(time(unlinked))
                .as("the unlink is the newest statement of the venue's groups")
                .isAfter(time(published));
    }

    private static int unlink(String venueId) {
        Map<String, Object> unlinked = venue(uniqueArea(), "PUBLIC", false, List.of());
        return given().auth()
                .oauth2(organiser1())
                .contentType(ContentType.JSON)
                .body(unlinked)
                .put("/api/events/venues/" + venueId)
                .statusCode();
    }

    private static int publish(String sessionId) {
        return given().auth()
                .oauth2(organiser1())
                .post("/api/events/sessions/" + sessionId + "/publish")
                .statusCode();
    }

    /** A request of the service waiting for a lock, inside a transaction that has used the venue table. */
    record Waiting(int pid, String waitEvent, List<Integer> blockedBy) {}

    /**
     * Waits until {@code count} transactions that used the venue table wait for a lock (each save reads the venue
     * before it stops), and returns them, the longest waiting first. Background jobs of the service do not read venues.
     */
    private static List<Waiting> awaitWaiting(Connection watch, int count) {
        List<List<Waiting>> seen = new ArrayList<>();
        Awaitility.await().atMost(WAIT).pollInterval(Duration.ofMillis(20)).until(() -> {
            List<Waiting> waiting = waiting(watch);
            seen.add(waiting);
            return waiting.size() >= count;
        });
        return seen.get(seen.size() - 1);
    }

    private static List<Waiting> waiting(Connection watch) throws SQLException {
        List<Waiting> waiting = new ArrayList<>();
        try (var query = watch.prepareStatement("""
                select a.pid, a.wait_event, pg_blocking_pids(a.pid) from pg_stat_activity a
                where a.datname = current_database() and a.wait_event_type = 'Lock'
                  and exists (select 1 from pg_locks l
                              where l.pid = a.pid and l.granted and l.relation = 'venue'::regclass)
                order by a.state_change""");
                var rows = query.executeQuery()) {
            while (rows.next()) {
                Array blockers = rows.getArray(3);
                waiting.add(new Waiting(
                        rows.getInt(1),
                        rows.getString(2),
                        Arrays.stream((Integer[]) blockers.getArray()).toList()));
            }
        }
        return waiting;
    }

    private static OffsetDateTime time(JsonNode event) {
        return OffsetDateTime.parse(event.path("time").asText());
    }

    private static Connection database() throws SQLException {
        return DriverManager.getConnection(TestServers.get().postgres().jdbcUrl("event"), "postgres", "");
    }
}
