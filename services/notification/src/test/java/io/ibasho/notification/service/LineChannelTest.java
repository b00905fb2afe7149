package io.ibasho.notification.service;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;

import io.ibasho.contracts.EventTypes;
import io.ibasho.contracts.Topics;
import io.ibasho.notification.support.Attendees;
import io.ibasho.notification.support.Db;
import io.ibasho.notification.support.Events;
import io.ibasho.notification.support.Markers;
import io.ibasho.testsupport.FreshSignIn;
import io.ibasho.testsupport.IbashoServers;
import io.ibasho.testsupport.KafkaTopicReader;
import io.ibasho.testsupport.LineApiFake;
import io.ibasho.testsupport.Tokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * LINE as a safe channel, against real PostgreSQL, Kafka and Keycloak and a local fake of the LINE Messaging API that
 * checks every push as LINE documents it: linking through LINE's signed webhook, exactly-once pushes with a retry key
 * (also when an answer is lost), backoff and permanent failures, quiet hours, unlinking, and erasure.
 */
@QuarkusTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@WithTestResource(value = IbashoServers.class, initArgs = @ResourceArg(name = "database", value = "notification"))
// Global: every class of the module shares one application with the fake configured (no restart for this class).
@WithTestResource(value = LineApiFake.Resource.class, scope = TestResourceScope.GLOBAL)
class LineChannelTest {
    private static final String WEBHOOK = "/api/notifications/line/webhook";
    private static final String TITLE_JA = "ひみつの講座";
    private static final String TITLE_EN = "A secret workshop";
    private static final String DELIVERY_OF_REGISTRATION =
            "select %s from line_delivery d join inbox_message m on m.id = d.inbox_message_id where m.registration_id = ?";

    /** Hana's LINE account in these tests (a LINE userId as LINE gives them). */
    private static final String HANA_LINE = LineApiFake.newUserId();

    /** The push of test 4 that her quiet hours hold back; test 5 unlinks before it is due. */
    private static UUID heldBack;

    @Inject
    LineSender lineSender;

    private final LineApiFake line = LineApiFake.get();

    @AfterAll
    static void unlinkHana() {
        Db.update("delete from line_link where line_user_id = ?", HANA_LINE);
    }

    @Test
    @Order(1)
    void herLineIsLinkedOnlyByHerCodeInALineSignedWebhook() {
        String hana = Events.subjectOf("hana");
        given().auth()
                .oauth2(Tokens.accessToken("hana"))
                .get("/api/notifications/line")
                .then()
                .statusCode(200)
                .body("available", equalTo(true))
                .body("linked", equalTo(false));
        // A phone left signed in is not enough to move her messages (threat T6): a fresh sign-in is.
        given().auth()
                .oauth2(Tokens.accessToken("hana"))
                .post("/api/notifications/line/code")
                .then()
                .statusCode(403)
                .body("type", endsWith("reauthentication-required"));
        String code = newCode("hana");

        String body = LineApiFake.textMessageWebhook(HANA_LINE, code.toLowerCase(), System.currentTimeMillis());
        // Not signed with the channel secret: refused before anything is read.
        webhook(body, LineApiFake.sign("another-channel-secret", body))
                .then()
                .statusCode(401)
                .contentType("application/problem+json")
                .body("type", endsWith("line-signature"));
        webhook(body, null).then().statusCode(401);
        assertThat(Db.count("select count(*) from line_link where line_user_id = ?", HANA_LINE))
                .isZero();

        webhook(body, LineApiFake.sign(body)).then().statusCode(200);
        given().auth()
                .oauth2(Tokens.accessToken("hana"))
                .get("/api/notifications/line")
                .then()
                .statusCode(200)
                .body("linked", equalTo(true))
                .body("codeExpiresAt", nullValue());
        assertThat(Db.string("select recipient_id from line_link where line_user_id = ?", HANA_LINE))
                .isEqualTo(hana);

        // LINE redelivers: nothing changes. The used code does not link anyone else.
        webhook(body, LineApiFake.sign(body)).then().statusCode(200);
        String someoneElse = LineApiFake.newUserId();
        String replay = LineApiFake.textMessageWebhook(someoneElse, code, System.currentTimeMillis());
        webhook(replay, LineApiFake.sign(replay)).then().statusCode(200);
        assertThat(Db.count("select count(*) from line_link where line_user_id = ?", someoneElse))
                .isZero();

        // In her data export; never on Kafka (the service publishes only dead letters, checked below).
        given().auth()
                .oauth2(Tokens.accessToken("hana"))
                .get("/api/notifications/me/data")
                .then()
                .statusCode(200)
                .body("line.lineUserId", equalTo(HANA_LINE));
    }

    @Test
    @Order(2)
    void aPushWhoseAnswerWasLostIsRetriedWithTheSameKeyAndArrivesOnce() {
        String hana = Events.subjectOf("hana");
        Attendees.choose("hana", "{\"language\":\"ja\",\"channels\":[\"in-app\"],\"fullDetail\":false}");
        UUID session = newSession();
        line.failNext(LineApiFake.Fault.ACCEPT_BUT_NO_ANSWER, 1);
        UUID registration = UUID.randomUUID();
        Events.registration(EventTypes.REGISTRATION_CONFIRMED, session, registration, hana, "CONFIRMED", null);

        // LINE took it but the answer never came: a failed attempt, retried later.
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> Db.count(
                                DELIVERY_OF_REGISTRATION.formatted("count(*)")
                                        + " and d.status = 'PENDING' and d.attempts = 1",
                                registration)
                        == 1);
        String key = Db.string(DELIVERY_OF_REGISTRATION.formatted("d.id::text"), registration);
        Db.update("update line_delivery set next_attempt_at = now() where id = ?::uuid", key);
        Markers.run(lineSender::sendDue);
        awaitStatus(registration, "SENT");

        // The retry carried the same key: LINE answered 409 and nothing arrived twice.
        assertThat(Db.string(DELIVERY_OF_REGISTRATION.formatted("d.last_status_code::text"), registration))
                .isEqualTo("409");
        List<LineApiFake.Push> arrived = line.acceptedFor(HANA_LINE).stream()
                .filter(push -> push.retryKey().equals(key))
                .toList();
        assertThat(arrived).hasSize(1);
        // The same discreet words as e-mail: the neutral line and the inbox link; no title, no place, no time.
        assertThat(arrived.get(0).texts())
                .singleElement()
                .satisfies(text -> assertThat(text)
                        .contains("Ibasho に新しいお知らせが届いています。", "https://ibasho.example/inbox")
                        .doesNotContain(TITLE_JA, TITLE_EN));
        assertThat(line.rejected()).isEmpty();
    }

    @Test
    @Order(3)
    void serverErrorsAndRateLimitsAreRetriedAndOtherRefusalsAreDeadLettered() {
        String hana = Events.subjectOf("hana");
        UUID session = newSession();
        line.failNext(LineApiFake.Fault.SERVER_ERROR, 1);
        line.failNext(LineApiFake.Fault.TOO_MANY_REQUESTS, 1);
        UUID retried = UUID.randomUUID();
        Events.registration(EventTypes.REGISTRATION_CONFIRMED, session, retried, hana, "CONFIRMED", null);
        for (int attempts = 1; attempts <= 2; attempts++) {
            awaitAttempts(retried, attempts);
            // The backoff's wait is not sat out: the test makes the retry due now.
            Db.update(
                    "update line_delivery set next_attempt_at = now() where id = ?::uuid",
                    Db.string(DELIVERY_OF_REGISTRATION.formatted("d.id::text"), retried));
            Markers.run(lineSender::sendDue);
        }
        awaitStatus(retried, "SENT");
        assertThat(Db.count(DELIVERY_OF_REGISTRATION.formatted("count(*)") + " and d.attempts = 3", retried))
                .isEqualTo(1);

        line.failNext(LineApiFake.Fault.BAD_REQUEST, 1);
        UUID refused = UUID.randomUUID();
        Events.registration(EventTypes.WAITLISTED, session, refused, hana, "WAITLISTED", ",\"position\":2");
        awaitStatus(refused, "DEAD");
        String deliveryId = Db.string(DELIVERY_OF_REGISTRATION.formatted("d.id::text"), refused);
        assertThat(Db.count(DELIVERY_OF_REGISTRATION.formatted("count(*)") + " and d.attempts = 1", refused))
                .isEqualTo(1);
        var dead = KafkaTopicReader.awaitRecords(
                "notification.delivery.dlq", r -> deliveryId.equals(r.key()), 1, Duration.ofSeconds(30));
        assertThat(dead.get(0).value())
                .contains("\"channel\":\"line\"", "HTTP 400")
                .doesNotContain(HANA_LINE)
                .doesNotContain(hana);
        assertThat(line.rejected()).isEmpty();
    }

    @Test
    @Order(4)
    void quietHoursHoldLinePushesAsTheyHoldEmail() {
        String hana = Events.subjectOf("hana");
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        DateTimeFormatter hhmm = DateTimeFormatter.ofPattern("HH:mm");
        Attendees.choose("hana", """
                {"language":"ja","channels":["in-app"],"fullDetail":false,
                 "quietHours":{"start":"%s","end":"%s","zone":"UTC"}}
                """.formatted(
                        now.minusHours(1).format(hhmm), now.plusHours(2).format(hhmm)));
        try {
            UUID session = newSession();
            UUID waiting = UUID.randomUUID();
            heldBack = waiting;
            Events.registration(EventTypes.WAITLISTED, session, waiting, hana, "WAITLISTED", ",\"position\":3");
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> Db.count(DELIVERY_OF_REGISTRATION.formatted("count(*)"), waiting) == 1);
            Markers.runUntil(
                    lineSender::sendDue,
                    () -> Db.count(
                                    DELIVERY_OF_REGISTRATION.formatted("count(*)")
                                            + " and d.status = 'PENDING' and d.attempts = 0"
                                            + " and d.next_attempt_at > now() + interval '90 minutes'",
                                    waiting)
                            == 1);
            String key = Db.string(DELIVERY_OF_REGISTRATION.formatted("d.id::text"), waiting);
            assertThat(line.accepted()).noneMatch(push -> push.retryKey().equals(key));
        } finally {
            Attendees.choose("hana", "{\"language\":\"ja\",\"channels\":[\"in-app\"],\"fullDetail\":false}");
        }
    }

    @Test
    @Order(5)
    void unlinkingStopsPushesAndBlockingTheAccountInLineUnlinks() {
        String hana = Events.subjectOf("hana");
        UUID session = newSession();
        given().auth()
                .oauth2(Tokens.accessToken("hana"))
                .delete("/api/notifications/line")
                .then()
                .statusCode(204);
        given().auth()
                .oauth2(Tokens.accessToken("hana"))
                .get("/api/notifications/line")
                .then()
                .body("linked", equalTo(false));
        // The push held back by her quiet hours comes due after she unlinked: withdrawn, never pushed.
        Db.update(
                "update line_delivery set next_attempt_at = now() where recipient_id = ? and status = 'PENDING'", hana);
        Markers.runUntil(
                lineSender::sendDue,
                () -> Db.count(DELIVERY_OF_REGISTRATION.formatted("count(*)") + " and d.status = 'WITHDRAWN'", heldBack)
                        == 1);
        UUID afterUnlink = UUID.randomUUID();
        Events.registration(EventTypes.REGISTRATION_CONFIRMED, session, afterUnlink, hana, "CONFIRMED", null);
        Markers.awaitHandled(Map.of(Topics.REGISTRATION_LIFECYCLE, List.of(session)));
        assertThat(Db.count(DELIVERY_OF_REGISTRATION.formatted("count(*)"), afterUnlink))
                .isZero();

        // Linked again; an old unfollow delivered late does not undo the new link, a current one does.
        String code = newCode("hana");
        String body = LineApiFake.textMessageWebhook(HANA_LINE, code, System.currentTimeMillis());
        webhook(body, LineApiFake.sign(body)).then().statusCode(200);
        String stale = LineApiFake.unfollowWebhook(HANA_LINE, System.currentTimeMillis() - 3_600_000L);
        webhook(stale, LineApiFake.sign(stale)).then().statusCode(200);
        assertThat(Db.count("select count(*) from line_link where line_user_id = ?", HANA_LINE))
                .isEqualTo(1);
        String unfollow = LineApiFake.unfollowWebhook(HANA_LINE, System.currentTimeMillis() + 1_000L);
        webhook(unfollow, LineApiFake.sign(unfollow)).then().statusCode(200);
        given().auth()
                .oauth2(Tokens.accessToken("hana"))
                .get("/api/notifications/line")
                .then()
                .body("linked", equalTo(false));
    }

    @Test
    @Order(6)
    void herErasureRemovesHerLineLinkAndPushes() {
        // Someone who is not in the test realm: erasing hana would take the other classes' settings with her.
        String erased = "erased-" + UUID.randomUUID();
        String lineUser = LineApiFake.newUserId();
        Db.update(
                "insert into line_link (recipient_id, line_user_id, linked_at, updated_at) values (?, ?, now(), now())",
                erased,
                lineUser);
        UUID key = UUID.randomUUID();
        Events.send(
                Topics.REGISTRATION_LIFECYCLE,
                key,
                Events.envelope(
                        UUID.randomUUID().toString(),
                        "/ibasho/registration",
                        EventTypes.SUBJECT_ERASED,
                        key,
                        "{\"attendeeId\":\"" + erased + "\",\"registrationIds\":[]}"));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> Db.count("select count(*) from line_link where recipient_id = ?", erased) == 0);
        assertThat(Db.count("select count(*) from line_link where line_user_id = ?", lineUser))
                .isZero();
    }

    @Test
    @Order(7)
    void linkingRecordsHerConsentInThePagesLanguageAndWithdrawingItUnlinks() {
        String hana = Events.subjectOf("hana");
        long before = Db.count(
                "select count(*) from consent_record where recipient_id = ? and purpose = 'line-channel'", hana);
        String code = given().auth()
                .oauth2(FreshSignIn.accessToken("hana"))
                .post("/api/notifications/line/code?consentLanguage=en")
                .then()
                .statusCode(200)
                .extract()
                .path("code");
        // asking for a code is not yet consent: only the link LINE confirms is
        assertThat(Db.count(
                        "select count(*) from consent_record where recipient_id = ? and purpose = 'line-channel'",
                        hana))
                .isEqualTo(before);
        String body = LineApiFake.textMessageWebhook(HANA_LINE, code, System.currentTimeMillis());
        webhook(body, LineApiFake.sign(body)).then().statusCode(200);

        List<Map<String, Object>> consents = given().auth()
                .oauth2(Tokens.accessToken("hana"))
                .get("/api/notifications/me/data")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList(
                        "consents.findAll { it.purpose == 'line-channel' && it.withdrawnAt == null && it.language == 'en' }");
        // one new record in en (the earlier links, from pages in ja, have theirs)
        assertThat(consents).hasSize(1);
        assertThat(consents.get(0).get("givenAt")).isNotNull();
        assertThat((String) consents.get(0).get("wording")).contains("LINE account I link");
        // the record holds no LINE userId
        assertThat(Db.count(
                        "select count(*) from consent_record where recipient_id = ? and purpose = 'line-channel'"
                                + " and language = 'en'",
                        hana))
                .isGreaterThanOrEqualTo(1);

        given().auth()
                .oauth2(Tokens.accessToken("hana"))
                .post("/api/notifications/me/consents/line-channel/withdrawal")
                .then()
                .statusCode(200)
                .body("purpose", equalTo("line-channel"))
                .body("addressRemoved", equalTo(true));
        given().auth()
                .oauth2(Tokens.accessToken("hana"))
                .get("/api/notifications/line")
                .then()
                .body("linked", equalTo(false));
        assertThat(Db.count(
                        "select count(*) from consent_record where recipient_id = ? and purpose = 'line-channel'"
                                + " and withdrawn_at is null",
                        hana))
                .isZero();
        // an invalid page language is refused, not recorded
        given().auth()
                .oauth2(FreshSignIn.accessToken("hana"))
                .post("/api/notifications/line/code?consentLanguage=fr")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
    }

    private static String newCode(String user) {
        return given().auth()
                .oauth2(FreshSignIn.accessToken(user))
                .post("/api/notifications/line/code")
                .then()
                .statusCode(200)
                .body("code", matchesPattern("[A-Z2-9]{4}-[A-Z2-9]{4}"))
                .extract()
                .path("code");
    }

    private static io.restassured.response.Response webhook(String body, String signature) {
        var request = given().contentType("application/json; charset=UTF-8").body(body);
        if (signature != null) {
            request = request.header("X-Line-Signature", signature);
        }
        return request.post(WEBHOOK);
    }

    private static UUID newSession() {
        UUID session = UUID.randomUUID();
        Events.session(
                EventTypes.EVENT_PUBLISHED,
                session,
                TITLE_JA,
                TITLE_EN,
                "FIRST_COME",
                null,
                OffsetDateTime.now(ZoneOffset.UTC).plusDays(5),
                0,
                null);
        return session;
    }

    private static void awaitStatus(UUID registration, String status) {
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> Db.count(
                                DELIVERY_OF_REGISTRATION.formatted("count(*)") + " and d.status = ?",
                                registration,
                                status)
                        == 1);
    }

    private static void awaitAttempts(UUID registration, int attempts) {
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> Db.count(
                                DELIVERY_OF_REGISTRATION.formatted("count(*)") + " and d.attempts = ?",
                                registration,
                                attempts)
                        == 1);
    }
}
