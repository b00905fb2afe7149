package io.ibasho.notification.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.ibasho.contracts.EventTypes;
import io.ibasho.notification.service.ConsentWording;
import io.ibasho.notification.service.EmailSender;
import io.ibasho.notification.support.Attendees;
import io.ibasho.notification.support.Db;
import io.ibasho.notification.support.Events;
import io.ibasho.notification.support.TestMailbox;
import io.ibasho.testsupport.FreshSignIn;
import io.ibasho.testsupport.IbashoServers;
import io.ibasho.testsupport.Tokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Her consent to messages by e-mail (issue #18): recorded when she confirms the address, in the page's language with
 * the wording's version and a time, shown in her data export; withdrawing it removes the address and nothing more is
 * mailed. Real SMTP (GreenMail), PostgreSQL, Kafka and Keycloak.
 */
@QuarkusTest
@WithTestResource(value = IbashoServers.class, initArgs = @ResourceArg(name = "database", value = "notification"))
class ChannelConsentTest {
    @org.junit.jupiter.api.BeforeEach // (a static @BeforeAll cannot reach the application yet)
    void meiHasNoConsentInForce() { // an earlier class may have confirmed an address for her
        Attendees.startAfresh("mei");
    }

    @Inject
    EmailSender emailSender;

    @BeforeAll
    static void mailServer() {
        TestMailbox.start();
    }

    private static JsonPath herData() {
        return given().auth()
                .oauth2(Tokens.accessToken("mei"))
                .get("/api/notifications/me/data")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    private static void confirm(String address, String consentLanguage) {
        int before = TestMailbox.to(address).size();
        given().auth()
                .oauth2(FreshSignIn.accessToken("mei"))
                .contentType("application/json")
                .body(Map.of("address", address))
                .post("/api/notifications/preferences/email")
                .then()
                .statusCode(202);
        List<TestMailbox.Received> mails = TestMailbox.awaitCount(address, before + 1, Duration.ofSeconds(20));
        given().auth()
                .oauth2(Tokens.accessToken("mei"))
                .contentType("application/json")
                .body(Map.of(
                        "code", TestMailbox.codeIn(mails.get(mails.size() - 1)), "consentLanguage", consentLanguage))
                .post("/api/notifications/preferences/email/verify")
                .then()
                .statusCode(200);
    }

    @Test
    void confirmingRecordsHerConsentAndWithdrawingItStopsTheMail() throws Throwable {
        String mei = Events.subjectOf("mei");
        int before = herData().getList("consents").size();
        String address = "mei-" + UUID.randomUUID() + "@example.jp";
        confirm(address, "ja");
        Attendees.choose("mei", "{\"language\":\"en\",\"channels\":[\"in-app\",\"email\"],\"fullDetail\":false}");

        List<Map<String, Object>> consents = herData().getList("consents");
        assertThat(consents).hasSize(before + 1);
        Map<String, Object> given = consents.get(consents.size() - 1);
        assertThat(given.get("purpose")).isEqualTo(ConsentWording.EMAIL_CHANNEL);
        // the page was in Japanese when she agreed, though her messages are now in English
        assertThat(given.get("language")).isEqualTo("ja");
        assertThat(given.get("wordingVersion")).isEqualTo(ConsentWording.CURRENT_VERSION);
        assertThat((String) given.get("wording")).contains("メールアドレスに");
        assertThat(given.get("givenAt")).isNotNull();
        assertThat(given.get("withdrawnAt")).isNull();
        // the record never holds the address
        assertThat(Db.count(
                        "select count(*) from consent_record where recipient_id = ? and purpose = 'email-channel'"
                                + " and language = 'ja'",
                        mei))
                .isGreaterThanOrEqualTo(1);

        // someone else's token cannot withdraw hers; an unknown purpose is no consent of hers
        given().auth()
                .oauth2(Tokens.accessToken("organiser1"))
                .post("/api/notifications/me/consents/email-channel/withdrawal")
                .then()
                .statusCode(403);
        given().auth()
                .oauth2(Tokens.accessToken("mei"))
                .post("/api/notifications/me/consents/newsletter/withdrawal")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");

        given().auth()
                .oauth2(Tokens.accessToken("mei"))
                .post("/api/notifications/me/consents/email-channel/withdrawal")
                .then()
                .statusCode(200)
                .body("purpose", equalTo("email-channel"))
                .body("addressRemoved", equalTo(true));
        given().auth()
                .oauth2(Tokens.accessToken("mei"))
                .get("/api/notifications/preferences")
                .then()
                .statusCode(200)
                .body("channels", contains("in-app"))
                .body("emailAddress", nullValue())
                .body("emailVerified", equalTo(false));
        assertThat(herData().getList("consents.withdrawnAt")).doesNotContainNull();
        assertThat(herData().getString("settings.emailAddress")).isNull();

        // a message for her now reaches her inbox only: nothing more is mailed to the address
        int mailed = TestMailbox.to(address).size();
        UUID session = UUID.randomUUID();
        Events.session(
                EventTypes.EVENT_PUBLISHED,
                session,
                "ウィメンズカフェ",
                "Women's Cafe",
                "FIRST_COME",
                null,
                OffsetDateTime.now(ZoneOffset.UTC).plusDays(5),
                0,
                null);
        Events.registration(EventTypes.REGISTRATION_CONFIRMED, session, UUID.randomUUID(), mei, "CONFIRMED", null);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> Db.count(
                                "select count(*) from inbox_message where recipient_id = ? and session_id = ?",
                                mei,
                                session)
                        == 1);
        // nothing was queued for the address, so the sender's run (awaited to its end) mails nothing
        assertThat(Db.count(
                        "select count(*) from email_delivery where recipient_id = ? and inbox_message_id in "
                                + "(select id from inbox_message where session_id = ?)",
                        mei,
                        session))
                .isZero();
        VertxContextSupport.subscribeAndAwait(() -> emailSender.sendDue());
        assertThat(TestMailbox.to(address)).hasSize(mailed);
    }
}
