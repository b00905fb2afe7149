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
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A course is told once per step, never once per date (docs/courses.md): every course message arrives once in her
 * inbox and once by e-mail, names the course's dates and her course page, and nothing else; the per-date
 * confirmations and cancellations of a course booking send nothing, a date she cancels on its own still does; quiet
 * hours hold a course e-mail unless an offer would lapse first. Real Kafka, PostgreSQL, Keycloak and SMTP.
 */
@QuarkusTest
@WithTestResource(value = IbashoServers.class, initArgs = @ResourceArg(name = "database", value = "notification"))
class CourseMessagesTest {
    @org.junit.jupiter.api.AfterEach
    void meiStartsAfreshForTheNextClass() { // mails held by quiet hours must not reach another class's address
        Attendees.startAfresh("mei");
    }

    /** Words that would say what the sessions are about: none may be in any course message. */
    private static final List<String> TOPIC_WORDS =
            List.of("DV", "暴力", "被害", "相談", "支援", "シェルター", "violence", "abuse", "survivor", "shelter");

    @Inject
    EmailSender emailSender;

    @BeforeAll
    static void mailServer() {
        TestMailbox.start();
    }

    @Test
    void eachCourseStepIsOneMessageInTheInboxAndByEmailAndTheDatesOfACourseBookingSendNothing() {
        String mei = Events.subjectOf("mei");
        String address = "mei-" + UUID.randomUUID() + "@example.jp";
        Attendees.verifyAddress("mei", address);
        // full detail so each mail can be matched to its inbox text
        Attendees.choose("mei", "{\"language\":\"ja\",\"channels\":[\"in-app\",\"email\"],\"fullDetail\":true}");
        OffsetDateTime first = OffsetDateTime.now(ZoneOffset.UTC)
                .plusDays(10)
                .withHour(1)
                .withMinute(0)
                .withSecond(0)
                .withNano(0); // 10:00 in Tokyo
        List<Object[]> sent = new ArrayList<>();

        // A first-come course of three dates, a lottery course and a second lottery course she is a reserve of.
        UUID firstCome = UUID.randomUUID();
        UUID lottery = UUID.randomUUID();
        UUID reserve = UUID.randomUUID();
        List<UUID> firstComeDates = dates(sent, first, 3);
        List<UUID> lotteryDates = dates(sent, first.plusDays(1), 2);
        List<UUID> reserveDates = dates(sent, first.plusDays(2), 2);
        sent.add(course(firstCome, "FIRST_COME", firstComeDates));
        sent.add(course(lottery, "LOTTERY", lotteryDates));
        sent.add(course(reserve, "LOTTERY", reserveDates));
        await().atMost(Duration.ofSeconds(30))
                .until(() ->
                        Db.count("select count(*) from course_copy where id in (?,?,?)", firstCome, lottery, reserve)
                                == 3);

        // First-come: a waitlist place, an offer she declines, a second offer that lapses, then a booking.
        UUID waitRequest = UUID.randomUUID();
        OffsetDateTime deadline = OffsetDateTime.now(ZoneOffset.UTC).plusDays(1);
        sent.add(request(waitRequest, firstCome, mei, "WAITLIST", "WAITING", ",\"position\":2", firstComeDates));
        sent.add(request(
                waitRequest,
                firstCome,
                mei,
                "WAITLIST",
                "OFFERED",
                ",\"offerExpiresAt\":\"" + deadline.toInstant() + "\"",
                firstComeDates));
        sent.add(request(waitRequest, firstCome, mei, "WAITLIST", "EXPIRED", ",\"declined\":true", firstComeDates));
        UUID secondRequest = UUID.randomUUID();
        sent.add(request(
                secondRequest,
                firstCome,
                mei,
                "WAITLIST",
                "OFFERED",
                ",\"offerExpiresAt\":\"" + deadline.toInstant() + "\"",
                firstComeDates));
        sent.add(request(secondRequest, firstCome, mei, "WAITLIST", "EXPIRED", ",\"declined\":false", firstComeDates));
        UUID booking = UUID.randomUUID();
        List<UUID> registrations = bookCourse(sent, booking, firstCome, mei, firstComeDates);
        // she gives back the first date alone: that one is told; then the whole course (the other two dates with it)
        sent.add(perDate(
                EventTypes.REGISTRATION_CANCELLED,
                firstComeDates.get(0),
                registrations.get(0),
                mei,
                "CANCELLED",
                ",\"cancelledBy\":\"ATTENDEE\""));
        for (int i = 1; i < 3; i++) {
            sent.add(perDate(
                    EventTypes.REGISTRATION_CANCELLED,
                    firstComeDates.get(i),
                    registrations.get(i),
                    mei,
                    "CANCELLED",
                    ",\"cancelledBy\":\"ATTENDEE\",\"courseBookingId\":\"" + booking + "\""));
        }
        sent.add(courseBooking(EventTypes.COURSE_CANCELLED, booking, firstCome, mei, "CANCELLED", "ATTENDEE", null));

        // Lottery: her application, then drawn (booked at once; BOOKED follows CourseBooked and says nothing more).
        UUID application = UUID.randomUUID();
        sent.add(request(application, lottery, mei, "LOTTERY", "APPLIED", "", lotteryDates));
        UUID won = UUID.randomUUID();
        bookCourse(sent, won, lottery, mei, lotteryDates);
        sent.add(request(
                application, lottery, mei, "LOTTERY", "BOOKED", ",\"courseBookingId\":\"" + won + "\"", lotteryDates));

        // Not drawn: her reserve number; later offered the course, accepted (a booking, not a win); then it ends.
        UUID reserveRequest = UUID.randomUUID();
        sent.add(request(reserveRequest, reserve, mei, "LOTTERY", "APPLIED", "", reserveDates));
        sent.add(request(reserveRequest, reserve, mei, "LOTTERY", "WAITING", ",\"position\":3", reserveDates));
        sent.add(request(
                reserveRequest,
                reserve,
                mei,
                "LOTTERY",
                "OFFERED",
                ",\"offerExpiresAt\":\"" + deadline.toInstant() + "\"",
                reserveDates));
        UUID accepted = UUID.randomUUID();
        bookCourse(sent, accepted, reserve, mei, reserveDates);
        sent.add(request(
                reserveRequest,
                reserve,
                mei,
                "LOTTERY",
                "BOOKED",
                ",\"courseBookingId\":\"" + accepted + "\"",
                reserveDates));
        sent.add(courseBooking(EventTypes.COURSE_CANCELLED, accepted, reserve, mei, "CANCELLED", "ORGANISER", null));

        Map<UUID, List<String>> expected = Map.of(
                firstCome,
                        List.of(
                                "COURSE_BOOKED",
                                "COURSE_CANCELLED_BY_ATTENDEE",
                                "COURSE_OFFERED",
                                "COURSE_OFFERED",
                                "COURSE_OFFER_DECLINED",
                                "COURSE_OFFER_EXPIRED",
                                "COURSE_WAITLISTED"),
                lottery, List.of("COURSE_APPLICATION_RECEIVED", "COURSE_LOTTERY_WON"),
                reserve,
                        List.of(
                                "COURSE_APPLICATION_RECEIVED",
                                "COURSE_BOOKED",
                                "COURSE_ENDED",
                                "COURSE_LOTTERY_RESERVE",
                                "COURSE_OFFERED"));
        int total = expected.values().stream().mapToInt(List::size).sum() + 1; // + the date she cancelled alone
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(
                        () -> assertThat(kindsByCourse(expected.keySet())).isEqualTo(expected));
        List<UUID> allDates = Stream.of(firstComeDates, lotteryDates, reserveDates)
                .flatMap(List::stream)
                .toList();
        Markers.awaitHandled(Map.of(
                Topics.REGISTRATION_LIFECYCLE,
                Stream.concat(allDates.stream(), Stream.of(firstCome, lottery, reserve))
                        .toList()));
        assertThat(perDateKinds(allDates))
                .as("the dates of a course booking are not told one by one; a date cancelled alone is")
                .containsExactly("CANCELLED_BY_ATTENDEE");
        List<TestMailbox.Received> mails = TestMailbox.awaitCount(address, 1 + total, Duration.ofSeconds(60));

        // Kafka is at-least-once: every event again, and she hears nothing twice.
        sent.forEach(record -> Events.resend((String) record[0], (UUID) record[1], (String) record[2]));
        Map<String, List<UUID>> replayed = new java.util.HashMap<>();
        sent.forEach(record -> replayed.computeIfAbsent((String) record[0], topic -> new ArrayList<>())
                .add((UUID) record[1]));
        Markers.awaitHandled(replayed);
        Markers.runEmailSender(emailSender);
        assertThat(kindsByCourse(expected.keySet())).isEqualTo(expected);
        assertThat(perDateKinds(allDates)).containsExactly("CANCELLED_BY_ATTENDEE");
        mails = TestMailbox.to(address);
        assertThat(mails).hasSize(1 + total);

        List<Map<String, Object>> inbox = given().auth()
                .oauth2(Tokens.accessToken("mei"))
                .get("/api/notifications/inbox")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("findAll { it.courseId != null && it.courseId in " + quoted(expected.keySet()) + " }");
        assertThat(inbox).hasSize(total - 1);
        DateTimeFormatter ja = DateTimeFormatter.ofPattern("yyyy年M月d日(E) HH:mm", java.util.Locale.JAPANESE);
        String firstDateJa =
                first.atZoneSameInstant(java.time.ZoneId.of("Asia/Tokyo")).format(ja);
        for (Map<String, Object> message : inbox) {
            String text = (String) message.get("text");
            assertThat(message.get("sessionId")).isNull();
            assertThat(text).contains("https://ibasho.example/app/courses");
            assertThat(text)
                    .as("no topic words in %s", message.get("kind"))
                    .doesNotContain(TOPIC_WORDS.toArray(String[]::new));
            // as many mails as inbox messages with these words (two offers of the same course read alike)
            long alike = inbox.stream().filter(m -> text.equals(m.get("text"))).count();
            assertThat(mails)
                    .as("one mail per message for %s", message.get("kind"))
                    .filteredOn(m -> m.body().replace("\r\n", "\n").contains(text.strip()))
                    .hasSize((int) alike);
        }
        Map<String, String> firstComeTexts = inbox.stream()
                .filter(m -> firstCome.toString().equals(m.get("courseId")))
                .collect(Collectors.toMap(
                        m -> (String) m.get("kind"), m -> (String) m.get("text"), (a, b) -> a + "\n" + b));
        // every date named once, in order, with its time in Japan time
        assertThat(firstComeTexts.get("COURSE_BOOKED"))
                .contains("・" + firstDateJa)
                .contains("日程:");
        assertThat(firstComeTexts.get("COURSE_BOOKED").lines().filter(l -> l.startsWith("・")))
                .hasSize(3);
        assertThat(firstComeTexts.get("COURSE_OFFERED"))
                .contains(deadline.atZoneSameInstant(java.time.ZoneId.of("Asia/Tokyo"))
                        .format(ja));
        assertThat(firstComeTexts.get("COURSE_WAITLISTED")).contains("2 番目");
        assertThat(firstComeTexts.get("COURSE_OFFER_DECLINED")).doesNotContain("期限");
        Attendees.choose("mei", "{\"language\":\"ja\",\"channels\":[\"in-app\"],\"fullDetail\":false}");
    }

    @Test
    void quietHoursHoldACourseEmailButNotAnOfferThatLapsesFirstAndTheEmailSaysNothingOfTheCourse() {
        // mei, not hana: EmailChannelTest needs hana without a confirmed address when it starts
        String mei = Events.subjectOf("mei");
        String address = "mei-q-" + UUID.randomUUID() + "@example.jp";
        Attendees.verifyAddress("mei", address);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        DateTimeFormatter hhmm = DateTimeFormatter.ofPattern("HH:mm");
        Attendees.choose("mei", """
                {"language":"en","channels":["in-app","email"],"fullDetail":false,
                 "quietHours":{"start":"%s","end":"%s","zone":"UTC"}}
                """.formatted(
                        now.minusHours(1).format(hhmm), now.plusHours(2).format(hhmm)));
        List<Object[]> sent = new ArrayList<>();
        UUID course = UUID.randomUUID();
        List<UUID> dates = dates(sent, now.plusDays(3), 2);
        course(course, "FIRST_COME", dates);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> Db.count("select count(*) from course_copy where id = ?", course) == 1);
        UUID request = UUID.randomUUID();
        request(request, course, mei, "WAITLIST", "WAITING", ",\"position\":1", dates);
        // an offer that lapses before her quiet hours end goes out now: later would be useless
        request(
                request,
                course,
                mei,
                "WAITLIST",
                "OFFERED",
                ",\"offerExpiresAt\":\"" + now.plusMinutes(30).toInstant() + "\"",
                dates);

        List<TestMailbox.Received> mails = TestMailbox.awaitCount(address, 2, Duration.ofSeconds(30)); // code + offer
        TestMailbox.Received offer = mails.get(1);
        assertThat(offer.subject()).isEqualTo("A message from Ibasho");
        assertThat(offer.senderName()).isEqualTo("Ibasho");
        assertThat(offer.body())
                .as("the discreet e-mail names no course, date or page")
                .doesNotContain("course", "Dates", "app/courses")
                .doesNotContain(TOPIC_WORDS.toArray(String[]::new));
        Markers.runEmailSender(emailSender);
        assertThat(TestMailbox.to(address)).hasSize(2);
        assertThat(Db.count("""
                select count(*) from email_delivery d join inbox_message m on m.id = d.inbox_message_id
                where m.course_id = ? and m.kind = 'COURSE_WAITLISTED' and d.status = 'PENDING' and d.attempts = 0
                  and d.next_attempt_at > now() + interval '90 minutes'
                """, course)).isEqualTo(1);
        Attendees.choose("mei", "{\"language\":\"en\",\"channels\":[\"in-app\"],\"fullDetail\":false}");
    }

    @Test
    void cancellingHerLastRemainingDateIsOneMessageTheCoursesInWhicheverOrderTheEventsArrive() {
        String mei = Events.subjectOf("mei");
        Attendees.choose("mei", "{\"language\":\"ja\",\"channels\":[\"in-app\"],\"fullDetail\":false}");
        List<Object[]> sent = new ArrayList<>();
        UUID course = UUID.randomUUID();
        List<UUID> dates = dates(
                sent,
                OffsetDateTime.now(ZoneOffset.UTC)
                        .plusDays(12)
                        .withHour(1)
                        .withMinute(0)
                        .withSecond(0)
                        .withNano(0),
                2);
        sent.add(course(course, "FIRST_COME", dates));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> Db.count("select count(*) from course_copy where id = ?", course) == 1);
        UUID booking = UUID.randomUUID();
        List<UUID> registrations = bookCourse(sent, booking, course, mei, dates);
        // the first date on its own: told for that date
        sent.add(perDate(
                EventTypes.REGISTRATION_CANCELLED,
                dates.get(0),
                registrations.get(0),
                mei,
                "CANCELLED",
                ",\"cancelledBy\":\"ATTENDEE\""));
        // then her last date: registration ends the course booking in the same transaction and marks the date with the
        // course booking's id (docs/adr/0030); the course's event may well arrive before the date's
        sent.add(courseBooking(EventTypes.COURSE_CANCELLED, booking, course, mei, "CANCELLED", "ATTENDEE", null));
        sent.add(perDate(
                EventTypes.REGISTRATION_CANCELLED,
                dates.get(1),
                registrations.get(1),
                mei,
                "CANCELLED",
                ",\"cancelledBy\":\"ATTENDEE\",\"courseBookingId\":\"" + booking + "\""));
        Markers.awaitHandled(Map.of(
                Topics.REGISTRATION_LIFECYCLE,
                Stream.concat(dates.stream(), Stream.of(course)).toList()));
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(
                        () -> assertThat(kindsByCourse(java.util.Set.of(course)).get(course))
                                .containsExactly("COURSE_BOOKED", "COURSE_CANCELLED_BY_ATTENDEE"));
        assertThat(perDateKinds(dates))
                .as("the date cancelled alone is told; the last one is told by the course's one message")
                .containsExactly("CANCELLED_BY_ATTENDEE");
        assertThat(Db.count("select count(*) from inbox_message where session_id = ?", dates.get(1)))
                .isZero();
    }

    /** Publishes {@code count} first-come sessions a day apart from {@code first}, as the course's dates. */
    private static List<UUID> dates(List<Object[]> sent, OffsetDateTime first, int count) {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            UUID id = UUID.randomUUID();
            ids.add(id);
            sent.add(new Object[] {
                Topics.EVENT_LIFECYCLE,
                id,
                Events.session(
                        EventTypes.EVENT_PUBLISHED,
                        id,
                        "第" + (i + 1) + "回",
                        "Part " + (i + 1),
                        "FIRST_COME",
                        null,
                        first.plusDays(7L * i),
                        0,
                        null)
            });
        }
        await().atMost(Duration.ofSeconds(30))
                .until(() -> ids.stream()
                        .allMatch(id -> Db.count("select count(*) from session_copy where id = ?", id) == 1));
        return ids;
    }

    private static Object[] course(UUID courseId, String allocation, List<UUID> dates) {
        String data = """
                {"courseId":"%s","organisationId":"hinata","titleJa":"全%d回 こもれびの会","status":"PUBLISHED",
                 "allocation":"%s","capacity":10,"sessionIds":%s,"sequence":1}
                """.formatted(courseId, dates.size(), allocation, json(dates));
        return new Object[] {
            Topics.EVENT_LIFECYCLE,
            courseId,
            Events.send(
                    Topics.EVENT_LIFECYCLE,
                    courseId,
                    Events.envelope(
                            UUID.randomUUID().toString(), "/ibasho/event", EventTypes.COURSE_PUBLISHED, courseId, data))
        };
    }

    private static Object[] request(
            UUID requestId,
            UUID courseId,
            String attendeeId,
            String kind,
            String status,
            String extra,
            List<UUID> dates) {
        String data = """
                {"courseRequestId":"%s","courseId":"%s","attendeeId":"%s","kind":"%s","status":"%s","sessionIds":%s%s}
                """.formatted(requestId, courseId, attendeeId, kind, status, json(dates), extra);
        return registrationLifecycle(courseId, EventTypes.COURSE_REQUEST_CHANGED, data);
    }

    /** CourseBooked and every date's RegistrationConfirmed carrying the booking's id, as registration sends them. */
    private static List<UUID> bookCourse(
            List<Object[]> sent, UUID bookingId, UUID courseId, String attendeeId, List<UUID> dates) {
        List<UUID> registrations = dates.stream().map(date -> UUID.randomUUID()).toList();
        sent.add(courseBooking(
                EventTypes.COURSE_BOOKED,
                bookingId,
                courseId,
                attendeeId,
                "BOOKED",
                null,
                ",\"registrationIds\":" + json(registrations) + ",\"sessionIds\":" + json(dates)
                        + ",\"childcareDates\":1"));
        for (int i = 0; i < dates.size(); i++) {
            sent.add(perDate(
                    EventTypes.REGISTRATION_CONFIRMED,
                    dates.get(i),
                    registrations.get(i),
                    attendeeId,
                    "CONFIRMED",
                    (i == 0 ? ",\"childcareRequested\":true" : "") + ",\"courseBookingId\":\"" + bookingId + "\""));
        }
        return registrations;
    }

    private static Object[] courseBooking(
            String type,
            UUID bookingId,
            UUID courseId,
            String attendeeId,
            String status,
            String cancelledBy,
            String extra) {
        String data = """
                {"courseBookingId":"%s","courseId":"%s","attendeeId":"%s","status":"%s"%s%s}
                """.formatted(
                        bookingId,
                        courseId,
                        attendeeId,
                        status,
                        cancelledBy == null ? "" : ",\"cancelledBy\":\"" + cancelledBy + "\"",
                        extra == null ? "" : extra);
        return registrationLifecycle(courseId, type, data);
    }

    private static Object[] perDate(
            String type, UUID sessionId, UUID registrationId, String attendeeId, String status, String extra) {
        return new Object[] {
            Topics.REGISTRATION_LIFECYCLE,
            sessionId,
            Events.registration(type, sessionId, registrationId, attendeeId, status, extra)
        };
    }

    private static Object[] registrationLifecycle(UUID courseId, String type, String data) {
        return new Object[] {
            Topics.REGISTRATION_LIFECYCLE,
            courseId,
            Events.send(
                    Topics.REGISTRATION_LIFECYCLE,
                    courseId,
                    Events.envelope(UUID.randomUUID().toString(), "/ibasho/registration", type, courseId, data))
        };
    }

    private static Map<UUID, List<String>> kindsByCourse(java.util.Set<UUID> courses) {
        Map<UUID, List<String>> kinds = new java.util.HashMap<>();
        for (UUID course : courses) {
            kinds.put(
                    course,
                    Db.strings("select kind from inbox_message where course_id = ? and channel = 'in-app'", course)
                            .stream()
                            .sorted()
                            .toList());
        }
        return kinds;
    }

    private static List<String> perDateKinds(List<UUID> sessions) {
        List<String> kinds = new ArrayList<>();
        for (UUID session : sessions) {
            kinds.addAll(Db.strings("select kind from inbox_message where session_id = ? order by kind", session));
        }
        return kinds;
    }

    private static String json(List<UUID> ids) {
        return ids.stream().map(id -> "\"" + id + "\"").collect(Collectors.joining(",", "[", "]"));
    }

    private static String quoted(java.util.Collection<UUID> ids) {
        return ids.stream().map(id -> "'" + id + "'").collect(Collectors.joining(",", "[", "]"));
    }
}
