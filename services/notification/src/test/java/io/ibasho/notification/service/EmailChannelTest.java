package io.ibasho.notification.service;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.ibasho.contracts.EventTypes;
import io.ibasho.contracts.Topics;
import io.ibasho.notification.support.Attendees;
import io.ibasho.notification.support.Db;
import io.ibasho.notification.support.Events;
import io.ibasho.notification.support.Markers;
import io.ibasho.notification.support.TestMailbox;
import io.ibasho.testsupport.FreshSignIn;
import io.ibasho.testsupport.IbashoServers;
import io.ibasho.testsupport.Tokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Her preferences, the proof that an address is hers, and discreet e-mail over real SMTP (GreenMail), against real
 * PostgreSQL, Kafka and Keycloak.
 */
@QuarkusTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@WithTestResource(value = IbashoServers.class, initArgs = @ResourceArg(name = "database", value = "notification"))
class EmailChannelTest {
    private static boolean hanaStartedAfresh;

    @org.junit.jupiter.api
            .BeforeEach // once, before the first test (a static @BeforeAll cannot reach the application yet)
    void hanaHasNoAddressYet() { // an earlier class may have confirmed one for her; the tests here build on each other
        if (!hanaStartedAfresh) {
            Attendees.startAfresh("hana");
            hanaStartedAfresh = true;
        }
    }

    @Inject
    EmailSender emailSender;

    private static final String TITLE_JA = "ウィメンズカフェ（ひなた）";
    private static final String TITLE_EN = "Women's Cafe Hinata";

    @BeforeAll
    static void mailServer() {
        TestMailbox.start();
    }

    @Test
    @Order(1) // before any test confirms an address for hana
    void preferencesAreHersAndEmailNeedsAConfirmedAddress() {
        String token = Tokens.accessToken("hana");
        given().auth()
                .oauth2(token)
                .get("/api/notifications/preferences")
                .then()
                .statusCode(200)
                .body("channels", contains("in-app"));
        given().auth()
                .oauth2(token)
                .contentType("application/json")
                .body("{\"language\":\"en\",\"channels\":[\"in-app\",\"email\"],\"fullDetail\":false}")
                .put("/api/notifications/preferences")
                .then()
                .statusCode(409)
                .body("type", org.hamcrest.Matchers.endsWith("email-not-verified"));
        given().auth()
                .oauth2(token)
                .contentType("application/json")
                .body("{\"language\":\"fr\",\"channels\":[\"sms\"],\"fullDetail\":false}")
                .put("/api/notifications/preferences")
                .then()
                .statusCode(400)
                .body("violations", hasSize(2));
        given().auth()
                .oauth2(token)
                .contentType("application/json")
                .body(
                        "{\"language\":\"ja\",\"channels\":[\"in-app\"],\"fullDetail\":false,\"quietHours\":{\"start\":\"22:00\",\"end\":\"22:00\"}}")
                .put("/api/notifications/preferences")
                .then()
                .statusCode(422);
        given().auth()
                .oauth2(token)
                .contentType("application/json")
                .body("{\"address\":\"not an address\"}")
                .post("/api/notifications/preferences/email")
                .then()
                .statusCode(400);
        // A partner system's own token (client credentials, role partner only) has no preferences to read.
        String partnerSystem = Tokens.clientToken(
                org.eclipse.microprofile.config.ConfigProvider.getConfig()
                        .getValue("quarkus.oidc.auth-server-url", String.class),
                "partner-tsubomi",
                "partner-local-secret-change-me");
        given().auth()
                .oauth2(partnerSystem)
                .get("/api/notifications/preferences")
                .then()
                .statusCode(403);
        given().get("/api/notifications/preferences").then().statusCode(401);
    }

    @Test
    void aNewAddressNeedsARecentSignIn() {
        // the password grant's token carries no auth_time: like a phone left signed in, it is not a recent sign-in
        String address = "mei-" + UUID.randomUUID() + "@example.jp";
        given().auth()
                .oauth2(Tokens.accessToken("mei"))
                .contentType("application/json")
                .body("{\"address\":\"" + address + "\"}")
                .post("/api/notifications/preferences/email")
                .then()
                .statusCode(403)
                .contentType("application/problem+json")
                .body("type", org.hamcrest.Matchers.endsWith("reauthentication-required"));
        assertThat(TestMailbox.to(address)).isEmpty();
        given().auth()
                .oauth2(FreshSignIn.accessToken("mei"))
                .contentType("application/json")
                .body("{\"address\":\"" + address + "\"}")
                .post("/api/notifications/preferences/email")
                .then()
                .statusCode(202);
    }

    @Test
    void aCodeIsNeededForEveryNewAddressAndWrongCodesRunOut() {
        String token = FreshSignIn.accessToken("hana");
        String address = "hana-" + UUID.randomUUID() + "@example.jp";
        given().auth()
                .oauth2(token)
                .contentType("application/json")
                .body("{\"address\":\"" + address + "\"}")
                .post("/api/notifications/preferences/email")
                .then()
                .statusCode(202);
        TestMailbox.Received codeMail =
                TestMailbox.awaitCount(address, 1, Duration.ofSeconds(20)).get(0);
        assertThat(codeMail.senderName()).isEqualTo("Ibasho");
        assertThat(codeMail.subject()).isIn("Ibasho からのお知らせ", "A message from Ibasho");
        String code = TestMailbox.codeIn(codeMail);
        String wrong = code.equals("000000") ? "111111" : "000000";
        for (int attempt = 1; attempt < 5; attempt++) {
            given().auth()
                    .oauth2(token)
                    .contentType("application/json")
                    .body("{\"code\":\"" + wrong + "\"}")
                    .post("/api/notifications/preferences/email/verify")
                    .then()
                    .statusCode(422);
        }
        given().auth()
                .oauth2(token)
                .contentType("application/json")
                .body("{\"code\":\"" + wrong + "\"}")
                .post("/api/notifications/preferences/email/verify")
                .then()
                .statusCode(429);
        // The right code no longer helps: the pending address was voided, and verifying and new codes are locked.
        given().auth()
                .oauth2(token)
                .contentType("application/json")
                .body("{\"code\":\"" + code + "\"}")
                .post("/api/notifications/preferences/email/verify")
                .then()
                .statusCode(429)
                .header("Retry-After", org.hamcrest.Matchers.notNullValue());
        given().auth()
                .oauth2(token)
                .contentType("application/json")
                .body("{\"address\":\"" + address + "\"}")
                .post("/api/notifications/preferences/email")
                .then()
                .statusCode(429)
                .body("type", org.hamcrest.Matchers.endsWith("too-many-attempts"));
        assertThat(TestMailbox.to(address)).hasSize(1);
        assertThat(Db.count("select count(*) from recipient_preference where email_address = ?", address))
                .isZero();
        assertThat(Db.count(
                        "select count(*) from recipient_preference where pending_code_hash like ?", "%" + code + "%"))
                .isZero();
        // The lock is 15 minutes; lift it so the other tests can use her account.
        Db.update(
                "update recipient_preference set verify_locked_until = null where recipient_id = ?",
                Events.subjectOf("hana"));
    }

    @Test
    void codeRequestsAreLimitedPerAccountWithRetryAfter() {
        String token = FreshSignIn.accessToken("mei");
        String mei = Events.subjectOf("mei");
        // One short of the limit earlier this hour (other tests' own requests may add to them).
        int limit = org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getValue("ibasho.notification.email-verification.max-requests", Integer.class);
        for (int i = 0; i < limit - 1; i++) {
            Db.update(
                    "insert into code_request (id, requester, requested_at) values (?, ?, now() - interval '50 minutes')",
                    UUID.randomUUID(),
                    "attendee:" + mei);
        }
        try {
            String address = "mei-" + UUID.randomUUID() + "@example.jp";
            int status = 202;
            int accepted = 0;
            while (status == 202 && accepted < 6) {
                status = given().auth()
                        .oauth2(token)
                        .contentType("application/json")
                        .body("{\"address\":\"" + address + "\"}")
                        .post("/api/notifications/preferences/email")
                        .then()
                        .extract()
                        .statusCode();
                accepted += status == 202 ? 1 : 0;
            }
            assertThat(accepted).isBetween(0, 1);
            var refused = given().auth()
                    .oauth2(token)
                    .contentType("application/json")
                    .body("{\"address\":\"" + address + "\"}")
                    .post("/api/notifications/preferences/email")
                    .then()
                    .statusCode(429)
                    .contentType("application/problem+json")
                    .body("type", org.hamcrest.Matchers.endsWith("too-many-attempts"))
                    .extract();
            // The oldest counted request leaves the one-hour window in about ten minutes.
            assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(1L, 3600L);
            assertThat(TestMailbox.to(address)).hasSize(accepted);
            // Another account is not affected.
            String other = "hana-" + UUID.randomUUID() + "@example.jp";
            given().auth()
                    .oauth2(FreshSignIn.accessToken("hana"))
                    .contentType("application/json")
                    .body("{\"address\":\"" + other + "\"}")
                    .post("/api/notifications/preferences/email")
                    .then()
                    .statusCode(202);
        } finally {
            Db.update("delete from code_request where requester = ?", "attendee:" + mei);
        }
    }

    @Test
    void discreetEmailOncePerEventToTheConfirmedAddressOnly() {
        String hana = Events.subjectOf("hana");
        String first = "hana-" + UUID.randomUUID() + "@example.jp";
        Attendees.verifyAddress("hana", first);
        Attendees.choose("hana", "{\"language\":\"en\",\"channels\":[\"in-app\",\"email\"],\"fullDetail\":false}");
        given().auth()
                .oauth2(Tokens.accessToken("hana"))
                .get("/api/notifications/preferences")
                .then()
                .statusCode(200)
                .body("channels", contains("in-app", "email"))
                .body("emailVerified", equalTo(true))
                .body("emailAddress", equalTo("h***@example.jp"));

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
        String confirmed = Events.registration(
                EventTypes.REGISTRATION_CONFIRMED, session, UUID.randomUUID(), hana, "CONFIRMED", null);
        Events.resend(Topics.REGISTRATION_LIFECYCLE, session, confirmed); // Kafka redelivers

        List<TestMailbox.Received> mails = TestMailbox.awaitCount(first, 2, Duration.ofSeconds(30)); // code + message
        TestMailbox.Received message = mails.get(1);
        assertThat(message.senderName()).isEqualTo("Ibasho");
        assertThat(message.subject()).isEqualTo("A message from Ibasho");
        assertThat(message.body())
                .startsWith("You have a new message in Ibasho.")
                .contains("https://ibasho.example/inbox")
                .doesNotContain(TITLE_EN)
                .doesNotContain(TITLE_JA)
                .doesNotContain(session.toString());
        // its Message-ID is its delivery row's random id (the same on a retry), nothing about her or the session
        assertThat(message.messageId())
                .isEqualTo("<"
                        + Db.string(
                                "select d.id::text from email_delivery d join inbox_message m on m.id = d.inbox_message_id"
                                        + " where m.session_id = ?",
                                session)
                        + "@ibasho.example>");

        // A new address is not used until it is confirmed: meanwhile mail still goes to the confirmed one.
        String second = "hana-" + UUID.randomUUID() + "@example.jp";
        given().auth()
                .oauth2(FreshSignIn.accessToken("hana"))
                .contentType("application/json")
                .body("{\"address\":\"" + second + "\"}")
                .post("/api/notifications/preferences/email")
                .then()
                .statusCode(202);
        TestMailbox.awaitCount(second, 1, Duration.ofSeconds(20));
        Events.registration(EventTypes.APPLICATION_RECEIVED, session, UUID.randomUUID(), hana, "APPLIED", null);
        TestMailbox.awaitCount(first, 3, Duration.ofSeconds(30));
        assertThat(TestMailbox.to(second)).hasSize(1); // only the code

        Attendees.verifyAddress("hana", second);
        // the address it replaced is told, in neutral words and without the new address, that it is no longer used
        TestMailbox.Received told =
                TestMailbox.awaitCount(first, 4, Duration.ofSeconds(20)).get(3);
        assertThat(told.subject()).isEqualTo("A message from Ibasho");
        assertThat(told.body())
                .startsWith("Your Ibasho message settings were changed.")
                .doesNotContain(second)
                .doesNotContain("@");
        Attendees.choose("hana", "{\"language\":\"ja\",\"channels\":[\"in-app\",\"email\"],\"fullDetail\":true}");
        Events.registration(EventTypes.OFFER_EXPIRED, session, UUID.randomUUID(), hana, "EXPIRED", null);
        List<TestMailbox.Received> toSecond =
                TestMailbox.awaitCount(second, 3, Duration.ofSeconds(30)); // 2 codes + message
        TestMailbox.Received detailed = toSecond.get(2);
        assertThat(detailed.subject()).isEqualTo("Ibasho からのお知らせ");
        // Full detail opted in: the title is in the body, after the neutral opening a mail preview shows.
        assertThat(detailed.body()).startsWith("Ibasho に新しいお知らせが届いています。").contains(TITLE_JA);
        // the notice that it was replaced is mailed as the new address is confirmed, not by the sender
        await().atMost(Duration.ofSeconds(30)).until(() -> TestMailbox.to(first).size() >= 4);
        Markers.runEmailSender(emailSender); // anything else due would be sent now
        assertThat(TestMailbox.to(first)).hasSize(4); // code, two messages, and the notice that it was replaced
        assertThat(TestMailbox.to(second)).hasSize(3);
        String ofThisSession =
                "select count(*) from email_delivery d join inbox_message m on m.id = d.inbox_message_id where m.session_id = ?";
        assertThat(Db.count(ofThisSession + " and d.status = 'SENT' and d.attempts = 1", session))
                .isEqualTo(3)
                .isEqualTo(Db.count(ofThisSession, session));
    }

    @Test
    void quietHoursDeferEmailUnlessTheDeadlineComesFirst() {
        String hana = Events.subjectOf("hana");
        String address = "hana-" + UUID.randomUUID() + "@example.jp";
        Attendees.verifyAddress("hana", address);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        DateTimeFormatter hhmm = DateTimeFormatter.ofPattern("HH:mm");
        Attendees.choose("hana", """
                {"language":"en","channels":["in-app","email"],"fullDetail":false,
                 "quietHours":{"start":"%s","end":"%s","zone":"UTC"}}
                """.formatted(
                        now.minusHours(1).format(hhmm), now.plusHours(2).format(hhmm)));

        UUID session = UUID.randomUUID();
        Events.session(
                EventTypes.EVENT_PUBLISHED, session, TITLE_JA, TITLE_EN, "FIRST_COME", null, now.plusDays(4), 0, null);
        UUID waiting = UUID.randomUUID();
        Events.registration(EventTypes.WAITLISTED, session, waiting, hana, "WAITLISTED", ",\"position\":3");
        // A seat offer that lapses before her quiet hours end goes out now: later would be useless.
        UUID offered = UUID.randomUUID();
        Events.registration(
                EventTypes.SEAT_OFFERED,
                session,
                offered,
                hana,
                "OFFERED",
                ",\"offerExpiresAt\":\"" + now.plusMinutes(30) + "\"");

        List<TestMailbox.Received> mails = TestMailbox.awaitCount(address, 2, Duration.ofSeconds(30)); // code + offer
        assertThat(mails.get(1).subject()).isEqualTo("A message from Ibasho");
        Markers.runEmailSender(emailSender); // the reserve-list mail, were it due, would be sent now
        assertThat(TestMailbox.to(address)).hasSize(2);
        // The reserve-list message waits in the outbox until the quiet hours end.
        assertThat(Db.count("""
                select count(*) from email_delivery d join inbox_message m on m.id = d.inbox_message_id
                where m.registration_id = ? and d.status = 'PENDING' and d.attempts = 0 and d.next_attempt_at > now() + interval '90 minutes'
                """, waiting)).isEqualTo(1);
        Attendees.choose("hana", "{\"language\":\"en\",\"channels\":[\"in-app\"],\"fullDetail\":false}");
    }
}
