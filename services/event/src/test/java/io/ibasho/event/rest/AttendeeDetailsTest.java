package io.ibasho.event.rest;

import static io.ibasho.event.rest.TestData.ATTENDEES_ADDRESS;
import static io.ibasho.event.rest.TestData.MEETING_LINK;
import static io.ibasho.event.rest.TestData.SHELTER_ADDRESS;
import static io.ibasho.event.rest.TestData.createPublished;
import static io.ibasho.event.rest.TestData.createVenue;
import static io.ibasho.event.rest.TestData.organiser1;
import static io.ibasho.event.rest.TestData.tokyo;
import static io.ibasho.event.rest.TestData.uniqueArea;
import static io.ibasho.event.rest.TestData.venue;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.ibasho.contracts.CloudEvent;
import io.ibasho.contracts.EventTypes;
import io.ibasho.contracts.Topics;
import io.ibasho.event.release.AttendeeRelease;
import io.ibasho.event.service.AttendeeConfirmationCleanupJob;
import io.ibasho.testsupport.IbashoServers;
import io.ibasho.testsupport.KafkaTopicReader;
import io.ibasho.testsupport.KafkaTopicWriter;
import io.ibasho.testsupport.TestServers;
import io.ibasho.testsupport.Tokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The hidden address and the meeting link reach a confirmed attendee and nobody else. Confirmations arrive as
 * registration writes them (CloudEvents on registration-lifecycle, real Kafka); the answers come over real HTTP.
 */
@QuarkusTest
@WithTestResource(value = IbashoServers.class, initArgs = @ResourceArg(name = "database", value = "event"))
class AttendeeDetailsTest {
    @Inject
    AttendeeConfirmationCleanupJob cleanup;

    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static final Duration WAIT = Duration.ofSeconds(30);

    private static String hana() {
        return Tokens.accessToken("hana");
    }

    private static String mei() {
        return Tokens.accessToken("mei");
    }

    /** The Keycloak subject registration puts in attendeeId. */
    private static String subjectOf(String token) {
        try {
            String payload = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
            return JSON.readTree(payload).path("sub").asText();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** A registration-lifecycle CloudEvent in the shape registration's outbox writes (RegistrationEvents.RegistrationState). */
    private static String registrationEvent(
            String eventId, String type, String registrationId, String sessionId, String attendeeId, String status) {
        Map<String, Object> data = new java.util.LinkedHashMap<>();
        data.put("registrationId", registrationId);
        data.put("sessionId", sessionId);
        data.put("attendeeId", attendeeId);
        data.put("status", status);
        if (type.equals(EventTypes.REGISTRATION_CANCELLED)) {
            data.put("cancelledBy", "ATTENDEE");
        }
        if (type.equals(EventTypes.OFFER_EXPIRED)) {
            data.put("declined", false);
        }
        var event = CloudEvent.of(
                eventId, "/ibasho/registration", type, OffsetDateTime.now(ZoneOffset.UTC), sessionId, data);
        try {
            return JSON.writeValueAsString(event);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** The same event as registration writes it today: with the sequence drawn in its transaction. */
    private static String sequenced(String cloudEvent, long sequence) {
        return cloudEvent.replace("\"status\":", "\"sequence\":" + sequence + ",\"status\":");
    }

    /**
     * Issue #14, order across replicas: two relays publish in parallel, so her RegistrationConfirmed (sequence 1) can
     * be read after her RegistrationCancelled (sequence 2). The older event is dropped: she is not confirmed again and
     * the attendees-only address stays hidden from a woman who cancelled.
     */
    @Test
    void aConfirmationReadAfterItsCancellationDoesNotConfirmHerAgain() {
        String venueId = createVenue(organiser1(), venue(uniqueArea(), "ATTENDEES_ONLY", false, List.of()));
        String sessionId = createPublished(organiser1(), TestData.cafe(venueId, tokyo(13, 10, 0)));
        String registration = UUID.randomUUID().toString();
        String cancelled = sequenced(
                registrationEvent(
                        UUID.randomUUID().toString(),
                        EventTypes.REGISTRATION_CANCELLED,
                        registration,
                        sessionId,
                        subjectOf(hana()),
                        "CANCELLED"),
                2);
        String confirmedEarlier = sequenced(
                registrationEvent(
                        UUID.randomUUID().toString(),
                        EventTypes.REGISTRATION_CONFIRMED,
                        registration,
                        sessionId,
                        subjectOf(hana()),
                        "CONFIRMED"),
                1);
        send(sessionId, cancelled);
        send(sessionId, confirmedEarlier);
        // mei's confirmation on the same partition, after both: once she sees the address, both were handled
        String meiRegistration = UUID.randomUUID().toString();
        send(
                sessionId,
                sequenced(
                        registrationEvent(
                                UUID.randomUUID().toString(),
                                EventTypes.REGISTRATION_CONFIRMED,
                                meiRegistration,
                                sessionId,
                                subjectOf(mei()),
                                "CONFIRMED"),
                        3));
        awaitDetailsStatus(mei(), sessionId, 200);
        assertThat(detailsStatus(hana(), sessionId))
                .as("the stale confirmation was dropped")
                .isEqualTo(404);
    }

    /**
     * A café that takes no booking, at a venue whose address only attendees see: a mother who reserved drop-in
     * childcare brings her children there, so she gets the address; once the reservation is cancelled, she does not.
     * Another woman without a reservation never does.
     */
    @Test
    void aDropInChildcareReservationReleasesTheAddressUntilItIsCancelled() {
        String venueId = createVenue(organiser1(), venue(uniqueArea(), "ATTENDEES_ONLY", false, List.of()));
        java.util.Map<String, Object> cafe = TestData.cafe(venueId, tokyo(15, 10, 0));
        cafe.put("allocation", "NONE");
        String sessionId = createPublished(organiser1(), cafe);
        String reservation = UUID.randomUUID().toString();
        KafkaTopicWriter.send(
                Topics.CHILDCARE_LIFECYCLE,
                sessionId,
                dropInEvent(EventTypes.DROP_IN_CHILDCARE_RESERVED, reservation, sessionId, Map.of("children", 1)));
        awaitDetailsStatus(hana(), sessionId, 200);
        given().auth()
                .oauth2(hana())
                .get("/api/events/sessions/" + sessionId + "/attendee-details")
                .then()
                .body("address", equalTo(ATTENDEES_ADDRESS));
        assertThat(detailsStatus(mei(), sessionId))
                .as("no reservation, no address")
                .isEqualTo(404);

        KafkaTopicWriter.send(
                Topics.CHILDCARE_LIFECYCLE,
                sessionId,
                dropInEvent(
                        EventTypes.DROP_IN_CHILDCARE_CANCELLED, reservation, sessionId, Map.of("cause", "ATTENDEE")));
        awaitDetailsStatus(hana(), sessionId, 404);
    }

    /** A drop-in childcare CloudEvent in the shape childcare-booking's outbox writes it. */
    private static String dropInEvent(String type, String reservationId, String sessionId, Map<String, Object> more) {
        Map<String, Object> data = new java.util.LinkedHashMap<>();
        data.put("reservationId", reservationId);
        data.put("sessionId", sessionId);
        data.put("attendeeId", subjectOf(hana()));
        data.putAll(more);
        try {
            return JSON.writeValueAsString(CloudEvent.of(
                    UUID.randomUUID().toString(),
                    "/ibasho/childcare-booking",
                    type,
                    OffsetDateTime.now(ZoneOffset.UTC),
                    sessionId,
                    data));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static void send(String sessionId, String cloudEvent) {
        KafkaTopicWriter.send(Topics.REGISTRATION_LIFECYCLE, sessionId, cloudEvent);
    }

    private static String confirm(String sessionId, String registrationId, String attendeeId) {
        String eventId = UUID.randomUUID().toString();
        send(
                sessionId,
                registrationEvent(
                        eventId,
                        EventTypes.REGISTRATION_CONFIRMED,
                        registrationId,
                        sessionId,
                        attendeeId,
                        "CONFIRMED"));
        return eventId;
    }

    private static int detailsStatus(String token, String sessionId) {
        return given().auth()
                .oauth2(token)
                .get("/api/events/sessions/" + sessionId + "/attendee-details")
                .statusCode();
    }

    private static void awaitDetailsStatus(String token, String sessionId, int status) {
        await().atMost(WAIT)
                .pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> assertThat(detailsStatus(token, sessionId)).isEqualTo(status));
    }

    /** A part at another venue (Nagaoka's 第3部) is released by the same rule as the session's own address. */
    @Test
    void aConfirmedAttendeeGetsThePlaceOfEachPartAtAnotherVenueButNeverAShelters() {
        String hall = createVenue(organiser1(), venue(uniqueArea(), "PUBLIC", false, List.of()));
        String attendeesOnly = createVenue(organiser1(), venue(uniqueArea(), "ATTENDEES_ONLY", false, List.of()));
        String shelter = createVenue(organiser1(), venue(uniqueArea(), "NEVER", false, List.of()));
        OffsetDateTime start = tokyo(14, 13, 0);
        java.util.Map<String, Object> session = TestData.cafe(hall, start);
        session.put(
                "parts",
                List.of(
                        java.util.Map.of(
                                "label", "1部",
                                "startsAt", start.toString(),
                                "endsAt", start.plusMinutes(40).toString()),
                        java.util.Map.of(
                                "label",
                                "2部",
                                "startsAt",
                                start.plusMinutes(45).toString(),
                                "endsAt",
                                start.plusMinutes(80).toString(),
                                "venueId",
                                attendeesOnly),
                        java.util.Map.of(
                                "label",
                                "3部",
                                "startsAt",
                                start.plusMinutes(85).toString(),
                                "endsAt",
                                start.plusMinutes(120).toString(),
                                "venueId",
                                shelter)));
        String sessionId = createPublished(organiser1(), session);
        // the public view names the places and hides both addresses
        given().get("/api/events/sessions/" + sessionId)
                .then()
                .body("parts[1].venue.address", nullValue())
                .body("parts[2].venue.address", nullValue());

        confirm(sessionId, UUID.randomUUID().toString(), subjectOf(hana()));
        awaitDetailsStatus(hana(), sessionId, 200);
        String body = given().auth()
                .oauth2(hana())
                .get("/api/events/sessions/" + sessionId + "/attendee-details")
                .then()
                .statusCode(200)
                .body("parts.size()", equalTo(2))
                .body("parts[0].partId", equalTo("part-2"))
                .body("parts[0].venue.id", equalTo(attendeesOnly))
                .body("parts[0].address", equalTo(ATTENDEES_ADDRESS))
                .body("parts[1].partId", equalTo("part-3"))
                .body("parts[1].address", nullValue())
                .body("parts[1].addressNoteJa", equalTo(AttendeeRelease.NEVER_SHOWN_NOTE_JA))
                .extract()
                .asString();
        assertThat(body).doesNotContain(TestData.SHELTER_ADDRESS);
    }

    @Test
    void aConfirmedAttendeeGetsTheAttendeesOnlyAddressAndNobodyElseLearnsTheSessionHasOne() {
        String venueId = createVenue(organiser1(), venue(uniqueArea(), "ATTENDEES_ONLY", false, List.of()));
        String sessionId = createPublished(organiser1(), TestData.cafe(venueId, tokyo(10, 10, 0)));
        String registrationId = UUID.randomUUID().toString();

        confirm(sessionId, registrationId, subjectOf(hana()));
        awaitDetailsStatus(hana(), sessionId, 200);

        String body = given().auth()
                .oauth2(hana())
                .get("/api/events/sessions/" + sessionId + "/attendee-details")
                .then()
                .statusCode(200)
                .header("Cache-Control", "no-store")
                .body("sessionId", equalTo(sessionId))
                .body("address", equalTo(ATTENDEES_ADDRESS))
                .body("addressNoteEn", nullValue())
                .body("venue.id", equalTo(venueId))
                .body("venue.address", nullValue())
                .body("meetingLink", nullValue())
                .body("meetingLinkAvailableAt", nullValue())
                .extract()
                .asString();
        assertThat(OffsetDateTime.parse(given().auth()
                        .oauth2(hana())
                        .get("/api/events/sessions/" + sessionId + "/attendee-details")
                        .then()
                        .extract()
                        .path("startsAt")))
                .isEqualTo(tokyo(10, 10, 0));
        assertThat(body).contains(ATTENDEES_ADDRESS);

        // Everyone else: exactly the answer for a session that does not exist (never 403), and no address anywhere.
        String unknown = given().auth()
                .oauth2(mei())
                .get("/api/events/sessions/" + UUID.randomUUID() + "/attendee-details")
                .then()
                .statusCode(404)
                .extract()
                .path("type");
        String answer = given().auth()
                .oauth2(mei())
                .get("/api/events/sessions/" + sessionId + "/attendee-details")
                .then()
                .statusCode(404)
                .extract()
                .asString();
        assertThat(answer).doesNotContain(ATTENDEES_ADDRESS).contains(unknown);
        // staff and partner accounts are not attendees (ADR 0008): the role check answers before any session is looked
        // at
        for (String user : List.of("organiser1", "organiser2", "carer1", "partner1")) {
            answer = given().auth()
                    .oauth2(Tokens.accessToken(user))
                    .get("/api/events/sessions/" + sessionId + "/attendee-details")
                    .then()
                    .statusCode(403)
                    .extract()
                    .asString();
            assertThat(answer).as(user).doesNotContain(ATTENDEES_ADDRESS);
        }
        given().get("/api/events/sessions/" + sessionId + "/attendee-details")
                .then()
                .statusCode(401);
        String partnerClient = Tokens.clientToken(
                TestServers.get().keycloak().realmUrl(), "partner-tsubomi", "partner-local-secret-change-me");
        given().auth()
                .oauth2(partnerClient)
                .get("/api/events/sessions/" + sessionId + "/attendee-details")
                .then()
                .statusCode(403);
        assertThat(given().get("/api/events/sessions/" + sessionId)
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString())
                .doesNotContain(ATTENDEES_ADDRESS);

        // She cancels: from then on she is like anyone else.
        send(
                sessionId,
                registrationEvent(
                        UUID.randomUUID().toString(),
                        EventTypes.REGISTRATION_CANCELLED,
                        registrationId,
                        sessionId,
                        subjectOf(hana()),
                        "CANCELLED"));
        awaitDetailsStatus(hana(), sessionId, 404);
    }

    @Test
    void aShelterAddressIsNeverShownEvenToAConfirmedAttendee() {
        String venueId = createVenue(organiser1(), venue(uniqueArea(), "NEVER", false, List.of()));
        String sessionId = createPublished(organiser1(), TestData.cafe(venueId, tokyo(11, 10, 0)));
        confirm(sessionId, UUID.randomUUID().toString(), subjectOf(hana()));
        awaitDetailsStatus(hana(), sessionId, 200);

        String body = given().auth()
                .oauth2(hana())
                .get("/api/events/sessions/" + sessionId + "/attendee-details")
                .then()
                .statusCode(200)
                .body("address", nullValue())
                .body("addressNoteEn", equalTo("The organiser will tell you where to meet"))
                .body("addressNoteJa", equalTo("集合場所は主催者から直接お知らせします"))
                .extract()
                .asString();
        assertThat(body).doesNotContain(SHELTER_ADDRESS);
    }

    @Test
    void theMeetingLinkIsReleasedOnlyFromSixtyMinutesBeforeTheStart() {
        OffsetDateTime later = OffsetDateTime.now(ZoneOffset.ofHours(9))
                .plusHours(3)
                .withSecond(0)
                .withNano(0);
        String laterId = createPublished(organiser1(), TestData.online(later));
        OffsetDateTime soon = OffsetDateTime.now(ZoneOffset.ofHours(9))
                .plusMinutes(30)
                .withSecond(0)
                .withNano(0);
        String soonId = createPublished(organiser1(), TestData.online(soon));
        confirm(laterId, UUID.randomUUID().toString(), subjectOf(hana()));
        confirm(soonId, UUID.randomUUID().toString(), subjectOf(hana()));
        awaitDetailsStatus(hana(), laterId, 200);
        awaitDetailsStatus(hana(), soonId, 200);

        var tooEarly = given().auth()
                .oauth2(hana())
                .get("/api/events/sessions/" + laterId + "/attendee-details")
                .then()
                .statusCode(200)
                .body("meetingLink", nullValue())
                .body("address", nullValue())
                .body("addressNoteEn", nullValue())
                .extract();
        assertThat(OffsetDateTime.parse(tooEarly.path("meetingLinkAvailableAt")))
                .isEqualTo(later.minusMinutes(60));
        assertThat(tooEarly.asString()).doesNotContain(MEETING_LINK);

        given().auth()
                .oauth2(hana())
                .get("/api/events/sessions/" + soonId + "/attendee-details")
                .then()
                .statusCode(200)
                .header("Cache-Control", "no-store")
                .body("meetingLink", equalTo(MEETING_LINK))
                .body("meetingLinkAvailableAt", nullValue());
        // mei has no place: not even the time the link would appear
        given().auth()
                .oauth2(mei())
                .get("/api/events/sessions/" + soonId + "/attendee-details")
                .then()
                .statusCode(404);
    }

    @Test
    void aRedeliveredConfirmationChangesNothingAndAnExpiredOfferIsNoPlace() {
        String venueId = createVenue(organiser1(), venue(uniqueArea(), "ATTENDEES_ONLY", false, List.of()));
        String sessionId = createPublished(organiser1(), TestData.cafe(venueId, tokyo(12, 10, 0)));
        String hanaRegistration = UUID.randomUUID().toString();
        String confirmed = registrationEvent(
                UUID.randomUUID().toString(),
                EventTypes.REGISTRATION_CONFIRMED,
                hanaRegistration,
                sessionId,
                subjectOf(hana()),
                "CONFIRMED");
        send(sessionId, confirmed);
        awaitDetailsStatus(hana(), sessionId, 200);
        send(
                sessionId,
                registrationEvent(
                        UUID.randomUUID().toString(),
                        EventTypes.REGISTRATION_CANCELLED,
                        hanaRegistration,
                        sessionId,
                        subjectOf(hana()),
                        "CANCELLED"));
        awaitDetailsStatus(hana(), sessionId, 404);

        // Kafka delivers the confirmation again (same CloudEvent id), then mei's offer lapses and she books for real.
        send(sessionId, confirmed);
        String meiRegistration = UUID.randomUUID().toString();
        send(
                sessionId,
                registrationEvent(
                        UUID.randomUUID().toString(),
                        EventTypes.OFFER_EXPIRED,
                        meiRegistration,
                        sessionId,
                        subjectOf(mei()),
                        "EXPIRED"));
        String meiBooking = UUID.randomUUID().toString();
        confirm(sessionId, meiBooking, subjectOf(mei()));
        // One partition per session: once mei's later confirmation is visible, the replay before it was handled.
        awaitDetailsStatus(mei(), sessionId, 200);
        assertThat(detailsStatus(hana(), sessionId))
                .as("the replayed confirmation was skipped")
                .isEqualTo(404);
        try (Connection db = database();
                PreparedStatement query = db.prepareStatement(
                        "select registration_id::text, confirmed from attendee_confirmation where session_id = ?::uuid order by 1")) {
            query.setString(1, sessionId);
            Map<String, Boolean> rows = new java.util.TreeMap<>();
            try (ResultSet result = query.executeQuery()) {
                while (result.next()) {
                    rows.put(result.getString(1), result.getBoolean(2));
                }
            }
            assertThat(rows)
                    .containsOnly(
                            Map.entry(hanaRegistration, false),
                            Map.entry(meiRegistration, false),
                            Map.entry(meiBooking, true));
        } catch (java.sql.SQLException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aMessageThatIsNotACloudEventGoesToTheDeadLetterTopicAndConsumptionGoesOn() {
        String key = UUID.randomUUID().toString();
        KafkaTopicWriter.send(Topics.REGISTRATION_LIFECYCLE, key, "not a cloud event " + key);
        var dead = KafkaTopicReader.awaitRecords(
                Topics.deadLetterOf(Topics.REGISTRATION_LIFECYCLE, "event"), r -> key.equals(r.key()), 1, WAIT);
        assertThat(dead).hasSize(1);
        assertThat(dead.get(0).value()).contains(key);

        String venueId = createVenue(organiser1(), venue(uniqueArea(), "PUBLIC", false, List.of()));
        String sessionId = createPublished(organiser1(), TestData.cafe(venueId, tokyo(13, 10, 0)));
        confirm(sessionId, UUID.randomUUID().toString(), subjectOf(hana()));
        awaitDetailsStatus(hana(), sessionId, 200);
    }

    @Test
    void confirmationsOfSessionsThatEndedMoreThanSevenDaysAgoAreDeleted() throws Throwable {
        String venueId = createVenue(organiser1(), venue(uniqueArea(), "ATTENDEES_ONLY", false, List.of()));
        String oldId = TestData.publishedInThePast(organiser1(), TestData.cafe(venueId, tokyo(2, 10, 0)), 2, 8);
        String recentId = TestData.publishedInThePast(organiser1(), TestData.cafe(venueId, tokyo(2, 10, 0)), 2, 6);
        String oldEvent = confirm(oldId, UUID.randomUUID().toString(), subjectOf(hana()));
        String recentEvent = confirm(recentId, UUID.randomUUID().toString(), subjectOf(hana()));

        await().atMost(WAIT).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
            assertThat(count("select count(*) from processed_message where event_id in (?, ?)", oldEvent, recentEvent))
                    .isEqualTo(2);
            assertThat(count("select count(*) from attendee_confirmation where session_id = ?::uuid", oldId))
                    .isZero();
        });
        // the recent one survives more runs of the cleanup, run here rather than waited for on its schedule
        for (int run = 0; run < 2; run++) {
            VertxContextSupport.subscribeAndAwait(cleanup::deleteExpired);
        }
        assertThat(count("select count(*) from attendee_confirmation where session_id = ?::uuid", recentId))
                .isEqualTo(1);
    }

    @Test
    void handledEventIdsAreForgottenAfterThirtyDays() throws Exception {
        String old = "test-old-" + UUID.randomUUID();
        String recent = "test-recent-" + UUID.randomUUID();
        try (Connection db = database();
                PreparedStatement insert = db.prepareStatement(
                        "insert into processed_message (event_id, consumer, processed_at) values (?, 'event', now() - ?::interval)")) {
            insert.setString(1, old);
            insert.setString(2, "31 days");
            insert.executeUpdate();
            insert.setString(1, recent);
            insert.setString(2, "29 days");
            insert.executeUpdate();
        }
        await().atMost(WAIT)
                .pollInterval(Duration.ofMillis(300))
                .untilAsserted(() -> assertThat(count("select count(*) from processed_message where event_id = ?", old))
                        .isZero());
        assertThat(count("select count(*) from processed_message where event_id = ?", recent))
                .isEqualTo(1);
    }

    private static Connection database() throws java.sql.SQLException {
        return DriverManager.getConnection(TestServers.get().postgres().jdbcUrl("event"), "postgres", "");
    }

    private static long count(String sql, String... parameters) throws java.sql.SQLException {
        try (Connection db = database();
                PreparedStatement query = db.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                query.setString(i + 1, parameters[i]);
            }
            try (ResultSet result = query.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        }
    }
}
