package io.ibasho.notification.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.ibasho.notification.service.LineSender;
import io.ibasho.notification.support.Attendees;
import io.ibasho.notification.support.Db;
import io.ibasho.notification.support.Events;
import io.ibasho.notification.support.Markers;
import io.ibasho.testsupport.IbashoServers;
import io.ibasho.testsupport.LineApiFake;
import io.ibasho.testsupport.Tokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * LINE as the way to be reached for a request to talk, and the organisations she can ask by name, against real
 * PostgreSQL, Kafka and Keycloak and the LINE API fake: LINE only once she linked it, the acknowledgement through
 * LINE only (with its discreet words and her quiet hours), staff see "line" and never her LINE account, and only
 * organisations whose consultation staff read requests now are offered.
 */
@QuarkusTest
@WithTestResource(value = IbashoServers.class, initArgs = @ResourceArg(name = "database", value = "notification"))
@WithTestResource(value = LineApiFake.Resource.class, scope = TestResourceScope.GLOBAL)
class TalkByLineTest {
    private static final String MEI_LINE = LineApiFake.newUserId();
    private static final String ORGANISATIONS = "/api/notifications/organisations";
    private static final String OWN_ORGANISATION = "/api/notifications/consultation/organisation";
    private static final String HINATA = """
            {"nameJa":"ひなたの会","nameEn":"Hinata Women's Network","accepting":%s}""";

    @Inject
    LineSender lineSender;

    private final LineApiFake line = LineApiFake.get();

    private static RequestSpecification as(String user) {
        return given().auth().oauth2(Tokens.accessToken(user)).contentType("application/json");
    }

    // before each test, not once: a static @BeforeAll runs before the application listens
    @org.junit.jupiter.api.BeforeEach
    void hinataReadsRequests() {
        as("consult1").body(HINATA.formatted(true)).put(OWN_ORGANISATION).then().statusCode(200);
    }

    @AfterAll
    static void unlinkMei() {
        Db.update("delete from line_link where line_user_id = ?", MEI_LINE);
    }

    @Test
    void lineIsAWayOnlyOnceLinkedAndTheAcknowledgementGoesThereAndNowhereElse() {
        String mei = Events.subjectOf("mei");
        Attendees.choose("mei", "{\"language\":\"ja\",\"channels\":[\"in-app\"],\"fullDetail\":false}");
        Db.update("delete from line_link where recipient_id = ?", mei);
        String byLine = """
                {"organisationId":"hinata","channel":"line","timeWindow":"weekday-evening"}""";

        // not linked: refused on the field, with what to do
        as("mei")
                .body(byLine)
                .post("/api/notifications/talk-requests")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", equalTo(List.of("channel")))
                .body("violations[0].code", equalTo("line-not-linked"));

        // linked, as LINE's webhook leaves it after her code (LineChannelTest links through the webhook itself)
        Db.update(
                "insert into line_link (recipient_id, line_user_id, linked_at, updated_at) values (?, ?, now(), now())",
                mei,
                MEI_LINE);
        String id = as("mei")
                .body(byLine)
                .post("/api/notifications/talk-requests")
                .then()
                .statusCode(201)
                .body("channel", equalTo("line"))
                .extract()
                .path("id");
        try {
            // staff read "line", and nothing of her LINE account
            String staffView = as("consult1")
                    .get("/api/notifications/consultation/requests/" + id)
                    .then()
                    .statusCode(200)
                    .body("channel", equalTo("line"))
                    .extract()
                    .asString();
            assertThat(staffView).doesNotContain(MEI_LINE).doesNotContain(mei);

            as("consult1")
                    .post("/api/notifications/consultation/requests/" + id + "/acknowledge")
                    .then()
                    .statusCode(200)
                    .body("status", equalTo("ACKNOWLEDGED"));
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(line.acceptedFor(MEI_LINE)).hasSize(1));
            String text = line.acceptedFor(MEI_LINE).get(0).texts().get(0);
            // the discreet envelope (she did not ask for detail): it points to her messages in the app, says nothing
            // about talking
            assertThat(text)
                    .contains("お知らせ")
                    .doesNotContain("相談")
                    .doesNotContain("話")
                    .doesNotContain("DV");
            assertThat(line.rejected()).isEmpty();
            // she chose LINE for this one: no e-mail, whatever her channels
            assertThat(Db.count(
                            "select count(*) from email_delivery d join inbox_message m on m.id = d.inbox_message_id "
                                    + "where m.recipient_id = ? and m.source_event_id = ?",
                            mei,
                            "talk-acknowledged:" + id))
                    .isZero();
        } finally {
            as("consult1")
                    .post("/api/notifications/consultation/requests/" + id + "/close")
                    .then()
                    .statusCode(200);
        }
    }

    @Test
    void herQuietHoursHoldTheAcknowledgementInLine() {
        String someone = "talk-line-" + UUID.randomUUID();
        String lineUser = LineApiFake.newUserId();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        DateTimeFormatter hhmm = DateTimeFormatter.ofPattern("HH:mm");
        Db.update("""
                insert into recipient_preference (recipient_id, language, email_enabled, full_detail, quiet_start,
                                                  quiet_end, quiet_zone, pending_attempts, updated_at)
                values (?, 'ja', false, false, ?::time, ?::time, 'UTC', 0, now())""", someone, now.minusHours(1).format(hhmm), now.plusHours(2).format(hhmm));
        Db.update(
                "insert into line_link (recipient_id, line_user_id, linked_at, updated_at) values (?, ?, now(), now())",
                someone,
                lineUser);
        UUID id = UUID.randomUUID();
        Db.update("""
                insert into talk_request (id, requester, organisation_id, channel, time_window, status, created_at)
                values (?, ?, 'hinata', 'line', 'weekend', 'OPEN', now())""", id, someone);
        try {
            as("consult1")
                    .post("/api/notifications/consultation/requests/" + id + "/acknowledge")
                    .then()
                    .statusCode(200);
            Markers.runUntil(
                    lineSender::sendDue,
                    () -> Db.count(
                                    "select count(*) from line_delivery where recipient_id = ? and status = 'PENDING' "
                                            + "and attempts = 0 and next_attempt_at > now() + interval '90 minutes'",
                                    someone)
                            == 1);
            assertThat(line.acceptedFor(lineUser)).isEmpty();
        } finally {
            Db.update("delete from line_link where recipient_id = ?", someone);
            Db.update("delete from talk_request where id = ?", id);
        }
    }

    @Test
    void onlyOrganisationsWhoseConsultationStaffReadRequestsNowAreOfferedByName() {
        // public, without a token: names, and whether each reads requests now
        given().get(ORGANISATIONS)
                .then()
                .statusCode(200)
                .body("find { it.id == 'hinata' }.nameJa", equalTo("ひなたの会"))
                .body("find { it.id == 'hinata' }.nameEn", equalTo("Hinata Women's Network"))
                .body("find { it.id == 'hinata' }.acceptsRequests", equalTo(true));
        String toHinata = """
                {"organisationId":"hinata","channel":"in-person","timeWindow":"weekend"}""";
        try {
            // paused by its staff: still listed by name, but no new request
            as("consult1")
                    .body(HINATA.formatted(false))
                    .put(OWN_ORGANISATION)
                    .then()
                    .statusCode(200);
            given().get(ORGANISATIONS).then().body("find { it.id == 'hinata' }.acceptsRequests", equalTo(false));
            as("hana")
                    .body(toHinata)
                    .post("/api/notifications/talk-requests")
                    .then()
                    .statusCode(400)
                    .body("violations.field", equalTo(List.of("organisationId")))
                    .body("violations[0].code", equalTo("not-accepting"));
        } finally {
            as("consult1")
                    .body(HINATA.formatted(true))
                    .put(OWN_ORGANISATION)
                    .then()
                    .statusCode(200);
        }
        // an organisation nobody described (no consultation staff) is never offered
        as("hana")
                .body("""
                        {"organisationId":"nobody-reads-here","channel":"in-person","timeWindow":"weekend"}""")
                .post("/api/notifications/talk-requests")
                .then()
                .statusCode(400)
                .body("violations[0].code", equalTo("not-accepting"));
        given().get(ORGANISATIONS).then().body("id", not(hasItem("nobody-reads-here")));

        // only its consultation staff describe it, every missing field at once
        as("consult1").get(OWN_ORGANISATION).then().statusCode(200).body("id", equalTo("hinata"));
        as("consult1")
                .body("{\"nameJa\":\" \"}")
                .put(OWN_ORGANISATION)
                .then()
                .statusCode(400)
                .body("type", endsWith("validation"))
                .body("violations.field", equalTo(List.of("accepting", "nameJa")));
        for (String user : new String[] {"organiser1", "carer1", "funder1", "hana"}) {
            as(user).body(HINATA.formatted(true)).put(OWN_ORGANISATION).then().statusCode(403);
        }
        given().contentType("application/json")
                .body(HINATA.formatted(true))
                .put(OWN_ORGANISATION)
                .then()
                .statusCode(401);
    }
}
