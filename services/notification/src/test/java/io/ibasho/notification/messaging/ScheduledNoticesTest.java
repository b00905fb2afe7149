package io.ibasho.notification.messaging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ibasho.contracts.EventTypes;
import io.ibasho.contracts.Topics;
import io.ibasho.notification.service.EmailSender;
import io.ibasho.notification.service.ReminderJob;
import io.ibasho.notification.support.Attendees;
import io.ibasho.notification.support.Db;
import io.ibasho.notification.support.Events;
import io.ibasho.notification.support.Markers;
import io.ibasho.notification.support.TestMailbox;
import io.ibasho.testsupport.IbashoServers;
import io.ibasho.testsupport.Tokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
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
 * The meeting-link notice of online sessions (scheduled, confirmed attendees only, once per link version) and the
 * lottery win that must be confirmed. Real Kafka, PostgreSQL, Keycloak and SMTP; the scheduled job runs on its own.
 */
@QuarkusTest
@WithTestResource(value = IbashoServers.class, initArgs = @ResourceArg(name = "database", value = "notification"))
class ScheduledNoticesTest {
    @Inject
    io.quarkus.scheduler.Scheduler scheduler;

    @org.junit.jupiter.api.AfterEach
    void theJobRunsAgainForTheNextTest() { // also when a test failed while it was paused
        scheduler.resume(ReminderJob.MEETING_LINKS);
    }

    @Inject
    ReminderJob reminders;

    @Inject
    EmailSender emailSender;

    private static final String TITLE = "オンラインおしゃべり会";

    @BeforeAll
    static void mailServer() {
        TestMailbox.start();
    }

    /** An online session, first come, first served, as the event service publishes it. */
    private static void publishOnline(UUID session, OffsetDateTime start, OffsetDateTime end) {
        Events.session(
                EventTypes.EVENT_PUBLISHED,
                session,
                TITLE,
                "Online chat",
                "online",
                "FIRST_COME",
                null,
                null,
                start,
                end,
                0,
                null);
    }

    private static long linkNotices(UUID session, String recipient) {
        return Db.count(
                "select count(*) from inbox_message where session_id = ? and recipient_id = ? and kind = 'MEETING_LINK'",
                session,
                recipient);
    }

    private static long linkNoticesOf(UUID session) {
        return Db.count("select count(*) from inbox_message where session_id = ? and kind = 'MEETING_LINK'", session);
    }

    private static long sentLinkMails(UUID session) {
        return Db.count("""
                select count(*) from email_delivery d join inbox_message m on m.id = d.inbox_message_id
                where m.session_id = ? and m.kind = 'MEETING_LINK' and d.status = 'SENT'""", session);
    }

    @Test
    void confirmedAttendeesOfOnlineSessionsHearOncePerLinkAndNeverTheLinkItself() {
        String hana = Events.subjectOf("hana");
        String address = "hana-" + UUID.randomUUID() + "@example.jp";
        Attendees.verifyAddress("hana", address);
        Attendees.choose("hana", "{\"language\":\"en\",\"channels\":[\"in-app\",\"email\"],\"fullDetail\":false}");
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);

        UUID soon = UUID.randomUUID(); // online, starts in 30 min: within the 60 min lead
        UUID cafe = UUID.randomUUID(); // in person, same time: no link at all
        UUID later = UUID.randomUUID(); // online, in 3 h: not yet
        UUID over = UUID.randomUUID(); // online, ended an hour ago: never
        publishOnline(soon, now.plusMinutes(30), now.plusMinutes(90));
        Events.session(
                EventTypes.EVENT_PUBLISHED,
                cafe,
                "カフェ",
                "Cafe",
                "cafe",
                "FIRST_COME",
                null,
                null,
                now.plusMinutes(30),
                now.plusMinutes(90),
                0,
                null);
        publishOnline(later, now.plusHours(3), now.plusHours(4));
        publishOnline(over, now.minusHours(3), now.minusHours(1));
        await().atMost(Duration.ofSeconds(30))
                .until(() ->
                        Db.count("select count(*) from session_copy where id in (?,?,?,?)", soon, cafe, later, over)
                                == 4);

        // The job waits until every registration below is in: a run between the cancelled attendee's confirmation
        // and her cancellation would rightly tell her, and a loaded machine once saw that (2 notices instead of 1).
        scheduler.pause(ReminderJob.MEETING_LINKS);
        String cancelled = "attendee-" + UUID.randomUUID();
        String waiting = "attendee-" + UUID.randomUUID();
        UUID cancelledRegistration = UUID.randomUUID();
        Events.registration(
                EventTypes.REGISTRATION_CONFIRMED, soon, cancelledRegistration, cancelled, "CONFIRMED", null);
        Events.registration(
                EventTypes.REGISTRATION_CANCELLED,
                soon,
                cancelledRegistration,
                cancelled,
                "CANCELLED",
                ",\"cancelledBy\":\"ATTENDEE\"");
        Events.registration(EventTypes.WAITLISTED, soon, UUID.randomUUID(), waiting, "WAITLISTED", ",\"position\":1");
        for (UUID session : List.of(soon, cafe, later, over)) {
            Events.registration(EventTypes.REGISTRATION_CONFIRMED, session, UUID.randomUUID(), hana, "CONFIRMED", null);
        }

        // hana's confirmation is the last of the session's records (one partition per session): the others are in
        await().atMost(Duration.ofSeconds(30))
                .until(() -> Db.count(
                                "select count(*) from registration_copy where session_id = ? and attendee_id = ?",
                                soon,
                                hana)
                        == 1);
        scheduler.resume(ReminderJob.MEETING_LINKS);
        await().atMost(Duration.ofSeconds(30)).until(() -> sentLinkMails(soon) == 1);
        // two more runs of the job and of the e-mail sender, now rather than on their schedule
        Markers.run(reminders::announceMeetingLinks);
        Markers.run(reminders::announceMeetingLinks);
        Markers.runEmailSender(emailSender);
        assertThat(linkNotices(soon, hana)).isEqualTo(1);
        assertThat(linkNoticesOf(soon)).isEqualTo(1); // not the cancelled one, not the waitlisted one
        assertThat(linkNoticesOf(cafe) + linkNoticesOf(later) + linkNoticesOf(over))
                .isZero();

        // The e-mail is the neutral one; the in-app text points to the app's session page, never to a meeting.
        List<TestMailbox.Received> mails = TestMailbox.to(address);
        assertThat(mails.subList(1, mails.size()))
                .isNotEmpty()
                .allSatisfy(
                        mail -> { // after the code mail
                            assertThat(mail.subject()).isEqualTo("A message from Ibasho");
                            assertThat(mail.body()).doesNotContain(TITLE).doesNotContain(soon.toString());
                        });
        String notice = given().auth()
                .oauth2(Tokens.accessToken("hana"))
                .queryParam("lang", "en")
                .get("/api/notifications/inbox")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getString("find { it.sessionId == '" + soon + "' && it.kind == 'MEETING_LINK' }.text");
        assertThat(notice)
                .contains("ready in the app")
                .contains("https://ibasho.example/sessions/" + soon)
                .doesNotContain(TITLE)
                .doesNotContain("Online chat");

        // The organiser changes the link after the notice went out: she hears once more, once.
        String linkChanged = Events.session(
                EventTypes.EVENT_CHANGED,
                soon,
                TITLE,
                "Online chat",
                "online",
                "FIRST_COME",
                null,
                null,
                now.plusMinutes(30),
                now.plusMinutes(90),
                1,
                "[\"meeting-link\"]");
        await().atMost(Duration.ofSeconds(30)).until(() -> sentLinkMails(soon) == 2);
        Events.resend(Topics.EVENT_LIFECYCLE, soon, linkChanged);
        Events.session(
                EventTypes.EVENT_CHANGED,
                soon,
                TITLE,
                "Online chat 2",
                "online",
                "FIRST_COME",
                null,
                null,
                now.plusMinutes(30),
                now.plusMinutes(90),
                2,
                "[\"title\"]");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> Db.count("select count(*) from session_copy where id = ? and sequence = 2", soon) == 1);
        Markers.run(reminders::announceMeetingLinks);
        Markers.run(reminders::announceMeetingLinks);
        Markers.runEmailSender(emailSender);
        assertThat(linkNotices(soon, hana)).isEqualTo(2);
        assertThat(sentLinkMails(soon)).isEqualTo(2);
        long sentToHer = Db.count(
                "select count(*) from email_delivery d join inbox_message m on m.id = d.inbox_message_id "
                        + "where m.session_id in (?,?,?,?) and d.status = 'SENT'",
                soon,
                cafe,
                later,
                over);
        assertThat(TestMailbox.to(address)).hasSize(1 + (int) sentToHer); // the code, then one mail per message
        Attendees.choose("hana", "{\"language\":\"en\",\"channels\":[\"in-app\"],\"fullDetail\":false}");
    }

    @Test
    void herQuietHoursHoldTheMeetingLinkNoticeAndItIsWithdrawnWhenTheSessionIsOver() {
        String hana = Events.subjectOf("hana");
        String address = "hana-" + UUID.randomUUID() + "@example.jp";
        Attendees.verifyAddress("hana", address);
        // quiet from an hour ago until two hours from now, in Tokyo: the session below starts and ends inside them
        java.time.LocalTime tokyo = java.time.LocalTime.now(java.time.ZoneId.of("Asia/Tokyo"));
        String quiet = "{\"start\":\"%s\",\"end\":\"%s\",\"zone\":\"Asia/Tokyo\"}"
                .formatted(
                        tokyo.minusHours(1).withSecond(0).withNano(0),
                        tokyo.plusHours(2).withSecond(0).withNano(0));
        Attendees.choose(
                "hana",
                "{\"language\":\"en\",\"channels\":[\"in-app\",\"email\"],\"fullDetail\":false,\"quietHours\":" + quiet
                        + "}");
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        UUID tonight = UUID.randomUUID();
        publishOnline(tonight, now.plusMinutes(30), now.plusMinutes(90));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> Db.count("select count(*) from session_copy where id = ?", tonight) == 1);
        Events.registration(EventTypes.REGISTRATION_CONFIRMED, tonight, UUID.randomUUID(), hana, "CONFIRMED", null);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> Db.count("select count(*) from registration_copy where session_id = ?", tonight) == 1);
        Markers.run(reminders::announceMeetingLinks);
        Markers.runEmailSender(emailSender);

        // In her inbox at once (it makes no sound), but not mailed in her quiet hours, however close the start.
        assertThat(linkNotices(tonight, hana)).isEqualTo(1);
        assertThat(sentLinkMails(tonight)).isZero();
        assertThat(Db.count("""
                        select count(*) from email_delivery d join inbox_message m on m.id = d.inbox_message_id
                        where m.session_id = ? and m.kind = 'MEETING_LINK' and d.status = 'PENDING'
                          and d.next_attempt_at > ?""", tonight, now.plusMinutes(90)))
                .as("held until her quiet hours end, after the session")
                .isEqualTo(1);
        assertThat(TestMailbox.to(address)).hasSize(1); // the code only: her booking's confirmation waits too

        // When her quiet hours end the session is over: the mail is withdrawn, never sent.
        Attendees.choose("hana", "{\"language\":\"en\",\"channels\":[\"in-app\",\"email\"],\"fullDetail\":false}");
        Db.update(
                "update email_delivery set next_attempt_at = now() where inbox_message_id in"
                        + " (select id from inbox_message where session_id = ?)",
                tonight);
        Db.update(
                "update session_copy set starts_at = ?, ends_at = ? where id = ?",
                now.minusHours(3),
                now.minusHours(2),
                tonight);
        Markers.runEmailSender(emailSender);
        assertThat(sentLinkMails(tonight)).isZero();
        assertThat(Db.count("""
                        select count(*) from email_delivery d join inbox_message m on m.id = d.inbox_message_id
                        where m.session_id = ? and m.kind = 'MEETING_LINK' and d.status = 'WITHDRAWN'""", tonight)).isOne();
        Attendees.choose("hana", "{\"language\":\"en\",\"channels\":[\"in-app\"],\"fullDetail\":false}");
    }

    @Test
    void aLotteryWinThatMustBeConfirmedSaysSoWithItsDeadline() {
        String mei = Events.subjectOf("mei");
        UUID lottery = UUID.randomUUID();
        OffsetDateTime start = OffsetDateTime.now(ZoneOffset.UTC).plusDays(10);
        Events.session(EventTypes.EVENT_PUBLISHED, lottery, "からだの講座", "Body workshop", "LOTTERY", null, start, 0, null);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> Db.count("select count(*) from session_copy where id = ?", lottery) == 1);
        UUID won = UUID.randomUUID();
        UUID freed = UUID.randomUUID();
        OffsetDateTime deadline = OffsetDateTime.of(2031, 5, 2, 3, 0, 0, 0, ZoneOffset.UTC); // 12:00 in Tokyo
        Events.registration(
                EventTypes.SEAT_OFFERED,
                lottery,
                won,
                mei,
                "OFFERED",
                ",\"offerExpiresAt\":\"" + deadline + "\",\"reason\":\"LOTTERY_WIN\"");
        Events.registration(
                EventTypes.SEAT_OFFERED, lottery, freed, mei, "OFFERED", ",\"offerExpiresAt\":\"" + deadline + "\"");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> Db.count("select count(*) from inbox_message where session_id = ?", lottery) == 2);
        // Confirming the win is a booking confirmation, not a second "you won".
        Events.registration(EventTypes.REGISTRATION_CONFIRMED, lottery, won, mei, "CONFIRMED", null);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> Db.count("select count(*) from inbox_message where session_id = ?", lottery) == 3);

        for (String lang : List.of("en", "ja")) {
            List<Map<String, Object>> inbox = given().auth()
                    .oauth2(Tokens.accessToken("mei"))
                    .queryParam("lang", lang)
                    .get("/api/notifications/inbox")
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath()
                    .getList("findAll { it.sessionId == '" + lottery + "' }");
            assertThat(inbox)
                    .extracting(m -> m.get("kind"))
                    .containsExactlyInAnyOrder("LOTTERY_WON_CONFIRM", "SEAT_OFFERED", "BOOKING_CONFIRMED");
            String win = inbox.stream()
                    .filter(m -> m.get("kind").equals("LOTTERY_WON_CONFIRM"))
                    .map(m -> (String) m.get("text"))
                    .findFirst()
                    .orElseThrow();
            if (lang.equals("en")) {
                assertThat(win).contains("drawn", "Body workshop", "confirm", "2 May 2031, 12:00");
            } else {
                assertThat(win).contains("抽選", "からだの講座", "確定", "2031年5月2日", "12:00");
            }
        }
    }
}
