package io.ibasho.notification.service;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ibasho.contracts.EventTypes;
import io.ibasho.notification.support.Attendees;
import io.ibasho.notification.support.Db;
import io.ibasho.notification.support.Events;
import io.ibasho.notification.support.Markers;
import io.ibasho.notification.support.TestMailbox;
import io.ibasho.testsupport.FreshSignIn;
import io.ibasho.testsupport.IbashoServers;
import io.ibasho.testsupport.KafkaTopicReader;
import io.ibasho.testsupport.MetricsPage;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * SMTP goes away (the real GreenMail server is stopped: connections are refused): e-mails are retried on the schedule,
 * then dead-lettered with the reason and no personal data; when SMTP comes back, what is still due goes out once and
 * what was dead-lettered is never sent.
 */
@QuarkusTest
@WithTestResource(value = IbashoServers.class, initArgs = @ResourceArg(name = "database", value = "notification"))
class EmailFailureTest {
    @Inject
    EmailSender emailSender;

    @io.quarkus.test.common.http.TestHTTPResource(value = "/", management = true)
    java.net.URL management;

    @AfterAll
    static void smtpBack() {
        TestMailbox.start();
    }

    private static final String DELIVERY_OF_REGISTRATION = """
            select %s from email_delivery d join inbox_message m on m.id = d.inbox_message_id where m.registration_id = ?""";

    @Test
    void anSmtpOutageRetriesThenDeadLettersAndNeverSendsTwice() throws Exception {
        TestMailbox.start();
        String mei = Events.subjectOf("mei");
        String address = "mei-" + UUID.randomUUID() + "@example.jp";
        Attendees.verifyAddress("mei", address);
        Attendees.choose("mei", "{\"language\":\"en\",\"channels\":[\"in-app\",\"email\"],\"fullDetail\":false}");
        UUID session = UUID.randomUUID();
        Events.session(
                EventTypes.EVENT_PUBLISHED,
                session,
                "カフェ",
                "Cafe",
                "FIRST_COME",
                null,
                OffsetDateTime.now(ZoneOffset.UTC).plusDays(6),
                0,
                null);

        UUID lost;
        UUID recovering;
        Map<String, String> byEmail = Map.of("channel", "email");
        MetricsPage before = MetricsPage.scrape(management.toURI());
        TestMailbox.stop();
        try {
            // A code cannot be mailed now: a clear 503, not a 500.
            given().auth()
                    .oauth2(FreshSignIn.accessToken("mei"))
                    .contentType("application/json")
                    .body("{\"address\":\"mei-" + UUID.randomUUID() + "@example.jp\"}")
                    .post("/api/notifications/preferences/email")
                    .then()
                    .statusCode(503)
                    .body("type", org.hamcrest.Matchers.endsWith("mail-unavailable"));

            lost = UUID.randomUUID();
            Events.registration(EventTypes.APPLICATION_RECEIVED, session, lost, mei, "APPLIED", null);
            // %test schedule (2s, 2s): three attempts, then the dead-letter topic.
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> Db.count(
                                    DELIVERY_OF_REGISTRATION.formatted("count(*)")
                                            + " and d.status = 'DEAD' and d.attempts = 3",
                                    lost)
                            == 1);
            String deliveryId =
                    Db.count(DELIVERY_OF_REGISTRATION.formatted("count(*)"), lost) == 1 ? deliveryIdOf(lost) : null;
            var dead = KafkaTopicReader.awaitRecords(
                    "notification.delivery.dlq",
                    r -> deliveryId != null && deliveryId.equals(r.key()),
                    1,
                    Duration.ofSeconds(30));
            String record = dead.get(0).value();
            assertThat(record)
                    .contains("\"channel\":\"email\"", "\"attempts\":3", "last error")
                    .doesNotContain(address)
                    .doesNotContain(mei)
                    .doesNotContain("@");
            // the operator's figures: three failed attempts and one dead letter, by channel (NotificationMeters)
            MetricsPage after = MetricsPage.scrape(management.toURI());
            assertThat(after.sum("ibasho_notifications_failed_total", byEmail))
                    .isGreaterThanOrEqualTo(before.sum("ibasho_notifications_failed_total", byEmail) + 3);
            assertThat(after.sum("ibasho_notifications_dead_lettered_total", byEmail))
                    .isGreaterThanOrEqualTo(before.sum("ibasho_notifications_dead_lettered_total", byEmail) + 1);

            // A second message fails once; it is held (row-locked, so the sender skips it) while SMTP comes back.
            recovering = UUID.randomUUID();
            Events.registration(EventTypes.REGISTRATION_CONFIRMED, session, recovering, mei, "CONFIRMED", null);
            await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> Db.count(
                                    DELIVERY_OF_REGISTRATION.formatted("count(*)")
                                            + " and d.status = 'PENDING' and d.attempts >= 1",
                                    recovering)
                            == 1);
            String recoveringId = deliveryIdOf(recovering);
            try (Connection connection = Db.connect()) {
                connection.setAutoCommit(false);
                try (PreparedStatement lock = connection.prepareStatement(
                        "select status from email_delivery where id = ?::uuid for update")) {
                    lock.setString(1, recoveringId);
                    try (ResultSet row = lock.executeQuery()) {
                        assertThat(row.next()).isTrue();
                        assertThat(row.getString(1))
                                .as("still retrying when locked")
                                .isEqualTo("PENDING");
                    }
                }
                TestMailbox.start();
                try (PreparedStatement due = connection.prepareStatement(
                        "update email_delivery set next_attempt_at = now() where id = ?::uuid")) {
                    due.setString(1, recoveringId);
                    due.executeUpdate();
                }
                connection.commit();
            }
        } finally {
            TestMailbox.start();
        }

        await().atMost(Duration.ofSeconds(30))
                .until(() -> TestMailbox.to(address).size() == 1);
        Markers.runEmailSender(emailSender); // more runs of the sender, now
        assertThat(TestMailbox.to(address)).hasSize(1); // the recovered one, once; the dead one never
        assertThat(Db.count(DELIVERY_OF_REGISTRATION.formatted("count(*)") + " and d.status = 'SENT'", recovering))
                .isEqualTo(1);
        assertThat(Db.count(DELIVERY_OF_REGISTRATION.formatted("count(*)") + " and d.status = 'DEAD'", lost))
                .isEqualTo(1);
        Attendees.choose("mei", "{\"language\":\"ja\",\"channels\":[\"in-app\"],\"fullDetail\":false}");
    }

    private static String deliveryIdOf(UUID registration) throws Exception {
        try (Connection connection = Db.connect();
                PreparedStatement query =
                        connection.prepareStatement(DELIVERY_OF_REGISTRATION.formatted("d.id::text"))) {
            query.setObject(1, registration);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getString(1);
            }
        }
    }
}
