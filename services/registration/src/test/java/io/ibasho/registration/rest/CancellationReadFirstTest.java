package io.ibasho.registration.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

import io.ibasho.contracts.EventTypes;
import io.ibasho.contracts.Topics;
import io.ibasho.registration.support.Api;
import io.ibasho.registration.support.Sessions;
import io.ibasho.registration.support.TestAttendees;
import io.ibasho.testsupport.IbashoServers;
import io.ibasho.testsupport.KafkaTopicWriter;
import io.ibasho.testsupport.TestServers;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue #14, order across replicas: a session cancelled within the relays' lag of its publication. Registration reads
 * the EventCancelled before it has any copy of the session, then the older EventPublished (and a redelivered
 * cancellation, and an older EventChanged). The session must stay cancelled: no woman can book it.
 */
@QuarkusTest
@WithTestResource(value = IbashoServers.class, initArgs = @ResourceArg(name = "database", value = "registration"))
class CancellationReadFirstTest {
    static List<String> people;

    @BeforeAll
    static void people() {
        people = TestAttendees.create("tombstone", 2);
    }

    @Test
    void aPublicationReadAfterTheCancellationLeavesTheSessionCancelled() {
        OffsetDateTime startsAt = OffsetDateTime.now(ZoneOffset.UTC).plusDays(7);
        UUID sessionId = UUID.randomUUID();
        // one key, one partition: the cancellation is read first, as when the other relay was slower
        Sessions.cancelled(sessionId, 2);
        Sessions.cancelled(sessionId, 2); // a redelivery under a new id: the tombstone stays one row
        KafkaTopicWriter.send(
                Topics.EVENT_LIFECYCLE,
                sessionId.toString(),
                Sessions.event(EventTypes.EVENT_PUBLISHED, sessionId, "hinata", "PUBLISHED", 5, 0, startsAt));
        String change = Sessions.event(EventTypes.EVENT_CHANGED, sessionId, "hinata", "PUBLISHED", 6, 1, startsAt);
        String changeId = change.substring(change.indexOf("\"id\":\"") + 6, change.indexOf("\"id\":\"") + 42);
        KafkaTopicWriter.send(Topics.EVENT_LIFECYCLE, sessionId.toString(), change);

        // the copy exists once the publication was read (404 until then); it was made already cancelled
        Api.bookOnceKnown(people.get(0), sessionId)
                .then()
                .statusCode(409)
                .body("type", containsString("session-not-open"));
        // the change (sequence 1), read last, is dropped too
        await().atMost(Duration.ofSeconds(30))
                .until(() -> !query("select event_id from processed_message where event_id = '" + changeId + "'")
                        .isEmpty());
        Api.book(people.get(1), sessionId, "x").then().statusCode(409).body("type", containsString("session-not-open"));
        assertThat(query("select status || ':' || sequence from session_copy where id = '" + sessionId + "'"))
                .isEqualTo("CANCELLED:2");
        // only the id, how it ended and the sequence are kept
        assertThat(query("select status || ':' || sequence from session_tombstone where session_id = '" + sessionId
                        + "'"))
                .isEqualTo("CANCELLED:2");
    }

    private static String query(String sql) {
        try (var db = DriverManager.getConnection(
                        TestServers.get().postgres().jdbcUrl("registration"), "postgres", "");
                var statement = db.prepareStatement(sql)) {
            var rows = statement.executeQuery();
            return rows.next() ? rows.getString(1) : "";
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
