package io.ibasho.childcarebooking.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.matchesPattern;

import io.ibasho.childcarebooking.Fixtures;
import io.ibasho.childcarebooking.Fixtures.Session;
import io.ibasho.contracts.EventTypes;
import io.ibasho.contracts.Topics;
import io.ibasho.testsupport.IbashoServers;
import io.ibasho.testsupport.KafkaTopicWriter;
import io.ibasho.testsupport.TestServers;
import io.ibasho.testsupport.Tokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Issue #14, order across replicas: a café cancelled within the relays' lag of its publication. childcare-booking reads
 * the EventCancelled before it knows the session, then the older EventPublished and EventChanged. The café must stay
 * cancelled: no childcare is taken, and the carers see it cancelled.
 */
@QuarkusTest
@WithTestResource(value = IbashoServers.class, initArgs = @ResourceArg(name = "database", value = "childcare_booking"))
class CancellationReadFirstTest {

    @Test
    void aPublicationReadAfterTheCancellationLeavesTheCafeCancelled() {
        OffsetDateTime start = OffsetDateTime.now(ZoneOffset.UTC).plusDays(7);
        Session cafe =
                new Session(UUID.randomUUID(), "hinata", 2, 0, 6, start, start.plusHours(2), start.minusDays(2), null);
        // one key, one partition: the cancellation is read first, as when the other relay was slower
        Fixtures.publish(cafe, EventTypes.EVENT_CANCELLED, 2, "NONE");
        Fixtures.publish(cafe, EventTypes.EVENT_CANCELLED, 2, "NONE"); // a redelivery under a new id
        Fixtures.publish(cafe, EventTypes.EVENT_PUBLISHED, 0, "NONE");
        UUID change = Fixtures.publish(cafe, EventTypes.EVENT_CHANGED, 1, "NONE");

        // the offer appears once the publication was read, already cancelled
        await().atMost(Duration.ofSeconds(60)).until(() -> staffView(cafe.id()).statusCode() == 200);
        assertThat(staffView(cafe.id()).<String>path("status")).isEqualTo("CANCELLED");
        // and the change read after it (the last of the four) changes nothing
        await().atMost(Duration.ofSeconds(60))
                .until(() -> !query("select event_id from processed_message where event_id = '" + change + "'")
                        .isEmpty());
        assertThat(staffView(cafe.id()).<String>path("status")).isEqualTo("CANCELLED");
        assertThat(query("select status || ':' || sequence from session_offer where session_id = '" + cafe.id() + "'"))
                .isEqualTo("CANCELLED:2");
        assertThat(query("select status || ':' || sequence from session_tombstone where session_id = '" + cafe.id()
                        + "'"))
                .isEqualTo("CANCELLED:2");

        given().auth()
                .oauth2(Tokens.accessToken("mei"))
                .contentType(ContentType.JSON)
                .body(Map.of("sessionId", cafe.id(), "children", List.of(Map.of("ageYears", 3))))
                .post("/api/childcare/drop-in-childcare")
                .then()
                .statusCode(409)
                .body("type", matchesPattern(".*childcare-not-offered"));
    }

    /**
     * A venue's event (VenueChanged, keyed by the venue id, no session id) shares the topic: childcare has nothing to do
     * with it and acknowledges it, instead of dead-lettering it for want of a session id.
     */
    @Test
    void aVenueEventOnTheSameTopicIsAcknowledgedAndSkipped() {
        UUID venue = UUID.randomUUID();
        UUID eventId = UUID.randomUUID();
        KafkaTopicWriter.send(Topics.EVENT_LIFECYCLE, venue.toString(), """
                {"specversion":"1.0","id":"%s","source":"/ibasho/event","type":"%s","time":"%s","subject":"%s",
                 "data":{"venueId":"%s","organisationId":"hinata","partnerGroups":["tsubomi"],"deleted":false}}
                """.formatted(
                        eventId, EventTypes.VENUE_CHANGED, OffsetDateTime.now(ZoneOffset.UTC), venue, venue));

        await().atMost(Duration.ofSeconds(60))
                .until(() -> !query("select event_id from processed_message where event_id = '" + eventId + "'")
                        .isEmpty());
    }

    private static Response staffView(UUID sessionId) {
        return given().auth().oauth2(Tokens.accessToken("carer1")).get("/api/childcare/sessions/" + sessionId);
    }

    private static String query(String sql) {
        try (var db = DriverManager.getConnection(
                        TestServers.get().postgres().jdbcUrl("childcare_booking"), "postgres", "");
                var statement = db.prepareStatement(sql)) {
            var rows = statement.executeQuery();
            return rows.next() ? rows.getString(1) : "";
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
