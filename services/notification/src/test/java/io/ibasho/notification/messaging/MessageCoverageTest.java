package io.ibasho.notification.messaging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ibasho.contracts.EventTypes;
import io.ibasho.contracts.Topics;
import io.ibasho.notification.service.EmailSender;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every message kind comes from its event, once, in her language, by e-mail with a neutral subject; replaying every
 * event sends nothing twice. Real Kafka, PostgreSQL, Keycloak and SMTP.
 */
@QuarkusTest
@WithTestResource(value = IbashoServers.class, initArgs = @ResourceArg(name = "database", value = "notification"))
class MessageCoverageTest {
    @Inject
    EmailSender emailSender;

    @BeforeAll
    static void mailServer() {
        TestMailbox.start();
    }

    @Test
    void everyKindIsSentOnceInHerLanguageAndRedeliveriesSendNothing() {
        String mei = Events.subjectOf("mei");
        String address = "mei-" + UUID.randomUUID() + "@example.jp";
        Attendees.startAfresh("mei"); // in Japanese from the code mail on, whatever an earlier class chose
        Attendees.verifyAddress("mei", address);
        // Full detail so each mail can be matched to its inbox text; subject and sender stay neutral regardless.
        Attendees.choose("mei", "{\"language\":\"ja\",\"channels\":[\"in-app\",\"email\"],\"fullDetail\":true}");

        OffsetDateTime inFiveDays = OffsetDateTime.now(ZoneOffset.UTC).plusDays(5);
        UUID firstCome = UUID.randomUUID();
        UUID lottery = UUID.randomUUID();
        UUID reserve = UUID.randomUUID();
        UUID withChildcare = UUID.randomUUID();
        UUID tomorrow = UUID.randomUUID();
        List<Object[]> sent = new ArrayList<>(); // {topic, key, message}: everything is replayed at the end
        sent.add(sent(
                Topics.EVENT_LIFECYCLE,
                firstCome,
                Events.session(
                        EventTypes.EVENT_PUBLISHED,
                        firstCome,
                        "カフェA",
                        "Cafe A",
                        "FIRST_COME",
                        null,
                        inFiveDays,
                        0,
                        null)));
        sent.add(sent(
                Topics.EVENT_LIFECYCLE,
                lottery,
                Events.session(
                        EventTypes.EVENT_PUBLISHED,
                        lottery,
                        "講座B",
                        "Workshop B",
                        "LOTTERY",
                        null,
                        inFiveDays,
                        0,
                        null)));
        sent.add(sent(
                Topics.EVENT_LIFECYCLE,
                reserve,
                Events.session(
                        EventTypes.EVENT_PUBLISHED,
                        reserve,
                        "講座C",
                        "Workshop C",
                        "LOTTERY",
                        null,
                        inFiveDays,
                        0,
                        null)));
        sent.add(sent(
                Topics.EVENT_LIFECYCLE,
                withChildcare,
                Events.session(
                        EventTypes.EVENT_PUBLISHED,
                        withChildcare,
                        "カフェD",
                        "Cafe D",
                        "FIRST_COME",
                        null,
                        inFiveDays,
                        0,
                        null)));
        sent.add(sent(
                Topics.EVENT_LIFECYCLE,
                tomorrow,
                Events.session(
                        EventTypes.EVENT_PUBLISHED,
                        tomorrow,
                        "カフェE",
                        "Cafe E",
                        "FIRST_COME",
                        null,
                        OffsetDateTime.now(ZoneOffset.UTC).plusHours(12),
                        0,
                        null)));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> Db.count(
                                "select count(*) from session_copy where id in (?,?,?,?,?)",
                                firstCome,
                                lottery,
                                reserve,
                                withChildcare,
                                tomorrow)
                        == 5);

        UUID r1 = UUID.randomUUID();
        UUID r2 = UUID.randomUUID();
        UUID r3 = UUID.randomUUID();
        UUID r4 = UUID.randomUUID();
        UUID r5 = UUID.randomUUID();
        String registrations = Topics.REGISTRATION_LIFECYCLE;
        sent.add(sent(
                registrations,
                firstCome,
                Events.registration(EventTypes.APPLICATION_RECEIVED, firstCome, r1, mei, "APPLIED", null)));
        sent.add(sent(
                registrations,
                firstCome,
                Events.registration(EventTypes.REGISTRATION_CONFIRMED, firstCome, r1, mei, "CONFIRMED", null)));
        sent.add(sent(
                registrations,
                firstCome,
                Events.registration(
                        EventTypes.REGISTRATION_CANCELLED,
                        firstCome,
                        r1,
                        mei,
                        "CANCELLED",
                        ",\"cancelledBy\":\"ATTENDEE\"")));
        sent.add(sent(
                registrations,
                lottery,
                Events.registration(EventTypes.REGISTRATION_CONFIRMED, lottery, r2, mei, "CONFIRMED", null)));
        sent.add(sent(
                registrations,
                lottery,
                Events.registration(
                        EventTypes.REGISTRATION_CANCELLED,
                        lottery,
                        r2,
                        mei,
                        "CANCELLED",
                        ",\"cancelledBy\":\"ORGANISER\",\"reason\":\"VENUE\"")));
        sent.add(sent(
                registrations,
                reserve,
                Events.registration(
                        EventTypes.WAITLISTED,
                        reserve,
                        r3,
                        mei,
                        "WAITLISTED",
                        ",\"position\":2,\"reason\":\"LOTTERY_RESERVE\"")));
        sent.add(sent(
                registrations,
                reserve,
                Events.registration(
                        EventTypes.SEAT_OFFERED,
                        reserve,
                        r3,
                        mei,
                        "OFFERED",
                        ",\"offerExpiresAt\":\""
                                + OffsetDateTime.now(ZoneOffset.UTC).plusDays(1) + "\"")));
        sent.add(sent(
                registrations,
                reserve,
                Events.registration(EventTypes.OFFER_EXPIRED, reserve, r3, mei, "EXPIRED", null)));
        sent.add(sent(
                registrations,
                withChildcare,
                Events.registration(
                        EventTypes.REGISTRATION_CONFIRMED,
                        withChildcare,
                        r4,
                        mei,
                        "CONFIRMED",
                        ",\"childcareRequested\":true")));
        sent.add(sent(
                registrations,
                tomorrow,
                Events.registration(EventTypes.REGISTRATION_CONFIRMED, tomorrow, r5, mei, "CONFIRMED", null)));
        // The session and childcare events need her registration copy first (they are on other topics).
        await().atMost(Duration.ofSeconds(30))
                .until(() ->
                        Db.count("select count(*) from registration_copy where registration_id in (?,?)", r4, r5) == 2);

        sent.add(sent(
                Topics.CHILDCARE_LIFECYCLE,
                withChildcare,
                Events.childcare(EventTypes.CHILDCARE_RESERVED, withChildcare, r4, ",\"children\":1")));
        sent.add(sent(
                Topics.CHILDCARE_LIFECYCLE,
                withChildcare,
                Events.childcare(EventTypes.CHILDCARE_REJECTED, withChildcare, r4, ",\"reason\":\"CAP_EXCEEDED\"")));
        sent.add(sent(
                Topics.EVENT_LIFECYCLE,
                withChildcare,
                Events.session(
                        EventTypes.EVENT_CHANGED,
                        withChildcare,
                        "カフェD",
                        "Cafe D",
                        "FIRST_COME",
                        null,
                        inFiveDays.plusHours(1),
                        1,
                        "[\"time\"]")));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> Db.count(
                                "select count(*) from inbox_message where registration_id = ? and kind = 'SESSION_CHANGED'",
                                r4)
                        == 1);
        // The registration service cancels her booking with the session: one message (session cancelled), not two.
        sent.add(sent(
                registrations,
                withChildcare,
                Events.registration(
                        EventTypes.REGISTRATION_CANCELLED,
                        withChildcare,
                        r4,
                        mei,
                        "CANCELLED",
                        ",\"cancelledBy\":\"SESSION_CANCELLED\"")));
        sent.add(sent(Topics.EVENT_LIFECYCLE, withChildcare, Events.sessionCancelled(withChildcare, null, 2)));

        Map<UUID, List<String>> expected = Map.of(
                firstCome, List.of("APPLICATION_RECEIVED", "BOOKING_CONFIRMED", "CANCELLED_BY_ATTENDEE"),
                lottery, List.of("CANCELLED_BY_ORGANISER", "LOTTERY_WON"),
                reserve, List.of("LOTTERY_RESERVE", "OFFER_EXPIRED", "SEAT_OFFERED"),
                withChildcare,
                        List.of(
                                "BOOKING_CONFIRMED",
                                "CHILDCARE_REJECTED",
                                "CHILDCARE_RESERVED",
                                "SESSION_CANCELLED",
                                "SESSION_CHANGED"),
                tomorrow, List.of("BOOKING_CONFIRMED", "REMINDER"));
        Set<UUID> sessions = expected.keySet();
        int total = expected.values().stream().mapToInt(List::size).sum();
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(kindsBySession(sessions)).isEqualTo(expected));
        List<TestMailbox.Received> mails = TestMailbox.awaitCount(address, 1 + total, Duration.ofSeconds(60));

        // Replay every event: Kafka is at-least-once, she must not hear anything twice.
        sent.forEach(record -> Events.resend((String) record[0], (UUID) record[1], (String) record[2]));
        Map<String, List<UUID>> replayed = new java.util.HashMap<>();
        sent.forEach(record -> replayed.computeIfAbsent((String) record[0], topic -> new ArrayList<>())
                .add((UUID) record[1]));
        Markers.awaitHandled(replayed);
        Markers.runEmailSender(emailSender);
        assertThat(kindsBySession(sessions)).isEqualTo(expected);
        mails = TestMailbox.to(address);
        assertThat(mails).hasSize(1 + total);

        List<Map<String, Object>> inbox = given().auth()
                .oauth2(Tokens.accessToken("mei"))
                .get("/api/notifications/inbox")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("findAll { it.sessionId in " + quoted(sessions) + " }");
        assertThat(inbox).hasSize(total);
        for (TestMailbox.Received mail : mails) {
            assertThat(mail.senderName()).isEqualTo("Ibasho");
            assertThat(mail.subject()).isEqualTo("Ibasho からのお知らせ");
        }
        Map<String, String> titles = Map.of(
                firstCome.toString(),
                "カフェA",
                lottery.toString(),
                "講座B",
                reserve.toString(),
                "講座C",
                withChildcare.toString(),
                "カフェD",
                tomorrow.toString(),
                "カフェE");
        for (Map<String, Object> message : inbox) {
            // The opening line says which kind it is; the title says which session (times may have moved since).
            String opening =
                    ((String) message.get("text")).strip().lines().findFirst().orElseThrow();
            String title = titles.get((String) message.get("sessionId"));
            assertThat(mails)
                    .as("one mail for %s", message.get("kind"))
                    .filteredOn(m -> m.body().contains(opening) && m.body().contains("「" + title + "」"))
                    .hasSize(1);
        }
        // the reason travels as a code (issue #14: no free text in Kafka) and is worded by the template
        assertThat(mails.stream().filter(m -> m.body().contains("理由: 会場の都合"))).hasSize(1);
        assertThat(mails.stream().filter(m -> m.body().contains("VENUE"))).isEmpty();
    }

    /**
     * The seat-and-childcare saga as registration and childcare-booking now run it: the childcare reply arrives for a
     * registration notification has only seen a ChildcareRequested of (no dead letter), a released hold is never worded
     * as her own cancellation, an unanswered request is told once, and a lapsed offer is not told twice.
     */
    @Test
    void childcareSagaOutcomesAreToldOnceAndNeverAsHerOwnCancellation() {
        String hana = Events.subjectOf("hana");
        OffsetDateTime inFiveDays = OffsetDateTime.now(ZoneOffset.UTC).plusDays(5);
        UUID session = UUID.randomUUID();
        Events.session(EventTypes.EVENT_PUBLISHED, session, "カフェF", "Cafe F", "FIRST_COME", null, inFiveDays, 0, null);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> Db.count("select count(*) from session_copy where id = ?", session) == 1);
        UUID reserved = UUID.randomUUID();
        UUID rejected = UUID.randomUUID();
        UUID unanswered = UUID.randomUUID();
        UUID lapsed = UUID.randomUUID();
        for (UUID registration : List.of(reserved, rejected, unanswered)) {
            Events.registration(
                    EventTypes.CHILDCARE_REQUESTED,
                    session,
                    registration,
                    hana,
                    "PENDING_CHILDCARE",
                    ",\"requestId\":\"" + UUID.randomUUID() + "\",\"childrenAges\":[2],\"purpose\":\"BOOKING\"");
        }
        Events.childcare(EventTypes.CHILDCARE_RESERVED, session, reserved, ",\"children\":1");
        Events.registration(
                EventTypes.REGISTRATION_CONFIRMED,
                session,
                reserved,
                hana,
                "CONFIRMED",
                ",\"childcareRequested\":true");
        Events.childcare(EventTypes.CHILDCARE_REJECTED, session, rejected, ",\"reason\":\"RATIO_EXCEEDED\"");
        Events.registration(
                EventTypes.REGISTRATION_CANCELLED,
                session,
                rejected,
                hana,
                "CHILDCARE_UNAVAILABLE",
                ",\"cancelledBy\":\"SYSTEM\",\"reason\":\"CHILDCARE_RATIO_EXCEEDED\"");
        Events.registration(
                EventTypes.REGISTRATION_CANCELLED,
                session,
                unanswered,
                hana,
                "CHILDCARE_UNAVAILABLE",
                ",\"cancelledBy\":\"SYSTEM\",\"reason\":\"CHILDCARE_NO_ANSWER\"");
        Events.registration(
                EventTypes.SEAT_OFFERED,
                session,
                lapsed,
                hana,
                "OFFERED",
                ",\"offerExpiresAt\":\"" + inFiveDays.minusDays(1) + "\"");
        Events.registration(EventTypes.OFFER_EXPIRED, session, lapsed, hana, "EXPIRED", null);
        Events.registration(
                EventTypes.REGISTRATION_CANCELLED,
                session,
                lapsed,
                hana,
                "EXPIRED",
                ",\"cancelledBy\":\"SYSTEM\",\"reason\":\"OFFER_EXPIRED\"");

        List<String> expected = List.of(
                "BOOKING_CONFIRMED",
                "CHILDCARE_REJECTED",
                "CHILDCARE_REJECTED",
                "CHILDCARE_RESERVED",
                "OFFER_EXPIRED",
                "SEAT_OFFERED");
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() ->
                        assertThat(kindsBySession(Set.of(session)).get(session)).isEqualTo(expected));
        Markers.awaitHandled(
                Map.of(Topics.REGISTRATION_LIFECYCLE, List.of(session), Topics.CHILDCARE_LIFECYCLE, List.of(session)));
        assertThat(kindsBySession(Set.of(session)).get(session))
                .as("nothing more arrives, and never 'you cancelled'")
                .isEqualTo(expected);
        assertThat(Db.count(
                        "select count(*) from inbox_message where session_id = ? and registration_id = ? and kind = 'CHILDCARE_REJECTED'",
                        session,
                        unanswered))
                .isEqualTo(1);
        assertThat(Db.count("select count(*) from registration_copy where registration_id = ?", rejected))
                .isEqualTo(1);
    }

    private static Object[] sent(String topic, UUID key, String message) {
        return new Object[] {topic, key, message};
    }

    private static Map<UUID, List<String>> kindsBySession(Set<UUID> sessions) {
        Map<UUID, List<String>> kinds = new java.util.HashMap<>();
        for (UUID session : sessions) {
            List<String> found = new ArrayList<>();
            for (String kind : List.of(
                    "APPLICATION_RECEIVED",
                    "BOOKING_CONFIRMED",
                    "CANCELLED_BY_ATTENDEE",
                    "CANCELLED_BY_ORGANISER",
                    "CHILDCARE_REJECTED",
                    "CHILDCARE_RESERVED",
                    "LOTTERY_RESERVE",
                    "LOTTERY_WON",
                    "MEETING_LINK",
                    "OFFER_EXPIRED",
                    "REMINDER",
                    "SEAT_OFFERED",
                    "SESSION_CANCELLED",
                    "SESSION_CHANGED")) {
                long count =
                        Db.count("select count(*) from inbox_message where session_id = ? and kind = ?", session, kind);
                for (int i = 0; i < count; i++) {
                    found.add(kind);
                }
            }
            kinds.put(session, found);
        }
        return kinds;
    }

    private static String quoted(Set<UUID> ids) {
        return ids.stream()
                .map(id -> "'" + id + "'")
                .reduce((a, b) -> a + "," + b)
                .map(s -> "[" + s + "]")
                .orElse("[]");
    }
}
