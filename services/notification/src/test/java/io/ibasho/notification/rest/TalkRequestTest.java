package io.ibasho.notification.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

import io.ibasho.contracts.EventTypes;
import io.ibasho.contracts.Topics;
import io.ibasho.notification.service.RetentionJob;
import io.ibasho.notification.support.Db;
import io.ibasho.testsupport.IbashoServers;
import io.ibasho.testsupport.KafkaTopicWriter;
import io.ibasho.testsupport.Tokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * 「話したいことがあります」 against real PostgreSQL, Kafka and Keycloak: she sends and sees her requests; only consultation
 * staff of that organisation read and acknowledge them (audited); the acknowledgement is a neutral message through
 * the way she chose; closed requests go after the retention time; her erasure takes them with it.
 */
@QuarkusTest
@WithTestResource(value = IbashoServers.class, initArgs = @ResourceArg(name = "database", value = "notification"))
class TalkRequestTest {
    @Inject
    RetentionJob retention;

    /** Requests go only to an organisation whose consultation staff read them (TalkByLineTest checks the list). */
    // before each test, not once: a static @BeforeAll runs before the application listens
    @org.junit.jupiter.api.BeforeEach
    void hinataReadsRequests() {
        as("consult1")
                .body("""
                        {"nameJa":"ひなたの会","nameEn":"Hinata Women's Network","accepting":true}""")
                .put("/api/notifications/consultation/organisation")
                .then()
                .statusCode(200);
    }

    private static RequestSpecification as(String user) {
        return given().auth().oauth2(Tokens.accessToken(user)).contentType("application/json");
    }

    private static String send(String user, String json) {
        return as(user).body(json)
                .post("/api/notifications/talk-requests")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    /** A request of someone who is not a demo user, written directly (erasure and e-mail need such a person). */
    private static UUID stored(String requester, String organisation, String channel) {
        UUID id = UUID.randomUUID();
        Db.update("""
                insert into talk_request (id, requester, organisation_id, channel, time_window, note, status, created_at)
                values (?, ?, ?, ?, 'weekday-evening', '夜なら大丈夫です', 'OPEN', now())""", id, requester, organisation, channel);
        return id;
    }

    @Test
    void sheSendsAndSeesHerRequestAndWithdrawsIt() {
        String id = send("mei", """
                {"organisationId":"hinata","channel":"callback","callbackPhone":"０９０－００００－１２３４",
                 "timeWindow":"specific-days","days":["THU","MON"],"note":"短い時間なら"}""");
        // the full-width number a Japanese phone keyboard gives is kept as the staff read it
        as("mei")
                .get("/api/notifications/talk-requests")
                .then()
                .statusCode(200)
                .body("find { it.id == '" + id + "' }.status", equalTo("OPEN"))
                .body("find { it.id == '" + id + "' }.days", equalTo(java.util.List.of("MON", "THU")))
                .body("find { it.id == '" + id + "' }.callbackPhone", equalTo("090-0000-1234"))
                .body(
                        "find { it.id == '" + id + "' }.reference",
                        equalTo(id.substring(0, 6).toUpperCase()));
        // nobody else sees it, not even another woman
        as("hana")
                .get("/api/notifications/talk-requests")
                .then()
                .statusCode(200)
                .body("id", not(hasItem(id)));
        as("hana").delete("/api/notifications/talk-requests/" + id).then().statusCode(404);

        // her data export lists it, note and number included (they are hers)
        as("mei")
                .get("/api/notifications/me/data")
                .then()
                .statusCode(200)
                .body("talkRequests.find { it.id == '" + id + "' }.note", equalTo("短い時間なら"));

        as("mei").delete("/api/notifications/talk-requests/" + id).then().statusCode(204);
        assertThat(Db.count("select count(*) from talk_request where id = ?", UUID.fromString(id)))
                .isZero();
    }

    @Test
    void whatCannotBeKeptSafelyIsRefusedWithEveryReasonAtOnce() throws Exception {
        // another class of this module may have given mei a confirmed e-mail: this check needs her without one
        Db.update(
                "update recipient_preference set email_enabled = false where recipient_id = ?",
                InboxResourceTest.subjectOf("mei"));
        as("mei")
                .body("""
                        {"organisationId":"hinata","channel":"in-person","callbackPhone":"090-0000-1234","timeWindow":"sometime"}""")
                .post("/api/notifications/talk-requests")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", equalTo(java.util.List.of("callbackPhone", "timeWindow")));
        // e-mail only when it is one of her confirmed safe channels
        as("mei")
                .body("""
                        {"organisationId":"hinata","channel":"email","timeWindow":"weekend"}""")
                .post("/api/notifications/talk-requests")
                .then()
                .statusCode(422)
                .body("type", org.hamcrest.Matchers.endsWith("/talk-channel-not-safe"));
    }

    @Test
    void onlyConsultationStaffOfThatOrganisationReadAndAcknowledgeAndSheIsToldNeutrally() throws Exception {
        String hana = InboxResourceTest.subjectOf("hana");
        String id = send("hana", """
                {"organisationId":"hinata","channel":"in-app","timeWindow":"weekday-daytime"}""");

        // organisers, carers, partners and funders of the same organisation have no way in
        for (String user : new String[] {"organiser1", "carer1", "partner1", "funder1", "hana"}) {
            as(user).get("/api/notifications/consultation/requests").then().statusCode(403);
            as(user).post("/api/notifications/consultation/requests/" + id + "/acknowledge")
                    .then()
                    .statusCode(403);
        }
        // another organisation's request does not exist for consult1 (hinata)
        UUID minatos = stored("someone-" + UUID.randomUUID(), "minato", "in-app");
        as("consult1")
                .get("/api/notifications/consultation/requests/" + minatos)
                .then()
                .statusCode(404);
        as("consult1")
                .post("/api/notifications/consultation/requests/" + minatos + "/acknowledge")
                .then()
                .statusCode(404);
        as("consult1")
                .get("/api/notifications/consultation/requests")
                .then()
                .statusCode(200)
                .body("id", hasItem(id))
                .body("id", not(hasItem(minatos.toString())))
                .body("find { it.id == '" + id + "' }.timeWindow", equalTo("weekday-daytime"))
                .body("find { it.id == '" + id + "' }", not(org.hamcrest.Matchers.hasKey("requester")));
        UUID requestId = UUID.fromString(id);
        assertThat(Db.count(
                        "select count(*) from talk_request_audit where request_id = ? and action = 'list' and organisation_id = 'hinata'",
                        requestId))
                .isPositive();

        as("consult1")
                .post("/api/notifications/consultation/requests/" + id + "/acknowledge")
                .then()
                .statusCode(200)
                .body("status", equalTo("ACKNOWLEDGED"));
        as("consult1")
                .post("/api/notifications/consultation/requests/" + id + "/acknowledge") // twice: told once
                .then()
                .statusCode(200);
        as("hana")
                .get("/api/notifications/talk-requests")
                .then()
                .body("find { it.id == '" + id + "' }.status", equalTo("ACKNOWLEDGED"));
        as("hana")
                .queryParam("lang", "ja")
                .get("/api/notifications/inbox")
                .then()
                .statusCode(200)
                .body("findAll { it.kind == 'TALK_ACKNOWLEDGED' }", hasSize(1))
                .body("find { it.kind == 'TALK_ACKNOWLEDGED' }.text", equalTo("お問い合わせありがとうございます。ご指定の方法でご連絡します。\n"));
        // she chose the app: no e-mail, whatever her channels
        assertThat(Db.count(
                        "select count(*) from email_delivery d join inbox_message m on m.id = d.inbox_message_id "
                                + "where m.recipient_id = ? and m.kind = 'TALK_ACKNOWLEDGED'",
                        hana))
                .isZero();
        assertThat(Db.count(
                        "select count(*) from talk_request_audit where request_id = ? and action = 'acknowledge' and actor <> ''",
                        requestId))
                .isEqualTo(2);

        as("consult1")
                .post("/api/notifications/consultation/requests/" + id + "/close")
                .then()
                .statusCode(200)
                .body("status", equalTo("CLOSED"));
        as("consult1").get("/api/notifications/consultation/requests").then().body("id", not(hasItem(id)));
        as("consult1")
                .post("/api/notifications/consultation/requests/" + id + "/acknowledge")
                .then()
                .statusCode(409)
                .body("type", org.hamcrest.Matchers.endsWith("/talk-request-closed"));
    }

    @Test
    void anAcknowledgementByEmailIsQueuedForTheSenderWhichKeepsHerQuietHours() {
        String someone = "talk-" + UUID.randomUUID();
        Db.update("""
                insert into recipient_preference (recipient_id, language, email_enabled, full_detail, email_address,
                                                  email_verified_at, pending_attempts, updated_at)
                values (?, 'ja', true, false, 'talk@example.jp', now(), 0, now())""", someone);
        UUID id = stored(someone, "hinata", "email");

        as("consult1")
                .post("/api/notifications/consultation/requests/" + id + "/acknowledge")
                .then()
                .statusCode(200);

        assertThat(Db.count(
                        "select count(*) from email_delivery d join inbox_message m on m.id = d.inbox_message_id "
                                + "where m.recipient_id = ? and m.kind = 'TALK_ACKNOWLEDGED' and d.recipient_id = ?",
                        someone,
                        someone))
                .isOne();
    }

    @Test
    void aClosedRequestIsDeletedOnlyOnceItsRetentionTimeHasPassed() throws Throwable {
        String id = send("mei", """
                {"organisationId":"hinata","channel":"in-person","timeWindow":"weekend","note":"カフェのあとで"}""");
        as("consult1")
                .post("/api/notifications/consultation/requests/" + id + "/close")
                .then()
                .statusCode(200);
        UUID requestId = UUID.fromString(id);

        Instant closed = Instant.now();
        VertxContextSupport.subscribeAndAwait(
                () -> retention.deleteExpiredTalkRequests(closed.plus(Duration.ofDays(29))));
        assertThat(Db.count("select count(*) from talk_request where id = ?", requestId))
                .isOne();

        VertxContextSupport.subscribeAndAwait(
                () -> retention.deleteExpiredTalkRequests(closed.plus(Duration.ofDays(31))));
        assertThat(Db.count("select count(*) from talk_request where id = ?", requestId))
                .isZero();
    }

    @Test
    void aRequestNobodyClosedIsDeletedNinetyDaysAfterSheSentIt() throws Throwable {
        UUID sent = stored("talk-unclosed-" + UUID.randomUUID(), "hinata", "in-app");
        UUID acknowledged = stored("talk-unclosed-" + UUID.randomUUID(), "hinata", "in-person");
        Db.update(
                "update talk_request set status = 'ACKNOWLEDGED', acknowledged_at = now() where id = ?", acknowledged);
        Instant now = Instant.now();
        VertxContextSupport.subscribeAndAwait(() -> retention.deleteExpiredTalkRequests(now.plus(Duration.ofDays(89))));
        assertThat(Db.count("select count(*) from talk_request where id in (?, ?)", sent, acknowledged))
                .isEqualTo(2);

        VertxContextSupport.subscribeAndAwait(() -> retention.deleteExpiredTalkRequests(now.plus(Duration.ofDays(91))));
        assertThat(Db.count("select count(*) from talk_request where id in (?, ?)", sent, acknowledged))
                .isZero();
    }

    @Test
    void herErasureDeletesHerRequests() {
        String someone = "talk-erased-" + UUID.randomUUID();
        UUID id = stored(someone, "hinata", "in-app");
        KafkaTopicWriter.send(Topics.REGISTRATION_LIFECYCLE, someone, """
                {"specversion":"1.0","id":"%s","source":"/ibasho/registration","type":"%s","time":"%s","subject":"%s",
                 "data":{"attendeeId":"%s","registrationIds":[]}}
                """.formatted(
                UUID.randomUUID(), EventTypes.SUBJECT_ERASED, OffsetDateTime.now(ZoneOffset.UTC), someone, someone));

        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(Db.count("select count(*) from talk_request where id = ?", id))
                        .isZero());
    }
}
