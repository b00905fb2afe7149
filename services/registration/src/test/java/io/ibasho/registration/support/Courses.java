package io.ibasho.registration.support;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import io.ibasho.contracts.EventTypes;
import io.ibasho.contracts.Topics;
import io.ibasho.localstack.PostgresServer;
import io.ibasho.testsupport.KafkaTopicWriter;
import io.ibasho.testsupport.TestServers;
import io.ibasho.testsupport.Tokens;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/** Fictional courses announced the real way (CoursePublished on event-lifecycle), and the course endpoints. */
public final class Courses {
    private Courses() {}

    /** A published first-come session of "hinata" {@code days} ahead, optionally offering childcare. */
    public static UUID date(int capacity, int days, boolean childcare) {
        UUID sessionId = UUID.randomUUID();
        OffsetDateTime startsAt =
                OffsetDateTime.now(ZoneOffset.UTC).plusDays(days).withNano(0);
        String event =
                Sessions.event(EventTypes.EVENT_PUBLISHED, sessionId, "hinata", "PUBLISHED", capacity, 0, startsAt);
        if (childcare) {
            event = event.replace(
                    "\"bookingRequired\"", "\"childcare\":{\"offered\":true,\"carers\":2},\"bookingRequired\"");
        }
        KafkaTopicWriter.send(Topics.EVENT_LIFECYCLE, sessionId.toString(), event);
        return sessionId;
    }

    /** CoursePublished for these dates, as the event service writes it. */
    public static UUID published(int capacity, List<UUID> dates) {
        UUID courseId = UUID.randomUUID();
        String ids = dates.stream().map(id -> "\"" + id + "\"").collect(Collectors.joining(","));
        KafkaTopicWriter.send(Topics.EVENT_LIFECYCLE, courseId.toString(), """
                {"specversion":"1.0","id":"%s","source":"/ibasho/event","type":"%s","time":"%s","subject":"%s",
                 "datacontenttype":"application/json","data":{"courseId":"%s","organisationId":"hinata",
                 "titleJa":"全%d回 テスト講座","status":"PUBLISHED","allocation":"FIRST_COME","capacity":%d,
                 "sessionIds":[%s],"sequence":0}}
                """.formatted(
                        UUID.randomUUID(),
                        EventTypes.COURSE_PUBLISHED,
                        OffsetDateTime.now(ZoneOffset.UTC),
                        courseId,
                        courseId,
                        dates.size(),
                        capacity,
                        ids));
        return courseId;
    }

    /** CoursePublished for a LOTTERY course whose applications close at {@code closing}. */
    public static UUID publishedLottery(int capacity, List<UUID> dates, OffsetDateTime closing) {
        UUID courseId = UUID.randomUUID();
        String ids = dates.stream().map(id -> "\"" + id + "\"").collect(Collectors.joining(","));
        KafkaTopicWriter.send(Topics.EVENT_LIFECYCLE, courseId.toString(), """
                {"specversion":"1.0","id":"%s","source":"/ibasho/event","type":"%s","time":"%s","subject":"%s",
                 "datacontenttype":"application/json","data":{"courseId":"%s","organisationId":"hinata",
                 "titleJa":"全%d回 抽選の講座","status":"PUBLISHED","allocation":"LOTTERY","capacity":%d,
                 "applicationsCloseAt":"%s","sessionIds":[%s],"sequence":0}}
                """.formatted(
                        UUID.randomUUID(),
                        EventTypes.COURSE_PUBLISHED,
                        OffsetDateTime.now(ZoneOffset.UTC),
                        courseId,
                        courseId,
                        dates.size(),
                        capacity,
                        closing.toInstant(),
                        ids));
        return courseId;
    }

    /** POST to a course endpoint as her, with her nickname and no childcare. */
    public static Response ask(String user, UUID courseId, String what) {
        return given().auth()
                .oauth2(Tokens.accessToken(user))
                .contentType(ContentType.JSON)
                .body(Map.of("nickname", user))
                .post("/api/registrations/courses/" + courseId + "/" + what);
    }

    /** Asks once the course has arrived over Kafka (until then: 404). */
    public static Response askOnceKnown(String user, UUID courseId, String what) {
        Response[] last = new Response[1];
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    last[0] = ask(user, courseId, what);
                    return last[0].statusCode() != 404;
                });
        return last[0];
    }

    public static Response requests(String user) {
        return given().auth().oauth2(Tokens.accessToken(user)).get("/api/registrations/mine/course-requests");
    }

    public static Response request(String user, String requestId, String action) {
        return given().auth()
                .oauth2(Tokens.accessToken(user))
                .post("/api/registrations/mine/course-requests/" + requestId + "/" + action);
    }

    public static Response book(String user, UUID courseId, List<Map<String, Object>> childcare) {
        return given().auth()
                .oauth2(Tokens.accessToken(user))
                .contentType(ContentType.JSON)
                .body(Map.of("nickname", user, "childcare", childcare))
                .post("/api/registrations/courses/" + courseId + "/bookings");
    }

    /** Books once the course and every date have arrived over Kafka (until then: 404 or course-not-open). */
    public static Response bookOnceKnown(String user, UUID courseId, List<Map<String, Object>> childcare) {
        Response[] last = new Response[1];
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    last[0] = book(user, courseId, childcare);
                    return last[0].statusCode() != 404
                            && !(last[0].statusCode() == 409
                                    && last[0].asString().contains("course-not-open"));
                });
        return last[0];
    }

    public static Response mine(String user) {
        return given().auth().oauth2(Tokens.accessToken(user)).get("/api/registrations/mine/courses");
    }

    /** Seats taken on the date as the ledger counts them, and registrations that hold one: they must agree. */
    public static int[] seatsAndHolders(UUID sessionId) throws SQLException {
        try (Connection connection = DriverManager.getConnection(
                        TestServers.get().postgres().jdbcUrl("registration"), PostgresServer.USER, "");
                PreparedStatement query = connection.prepareStatement(
                        "select c.confirmed_seats, c.capacity, (select count(*) from registration r where r.session_id = c.id "
                                + "and r.status in ('CONFIRMED', 'OFFERED', 'PENDING_CHILDCARE')) from session_copy c where c.id = ?")) {
            query.setObject(1, sessionId);
            try (ResultSet result = query.executeQuery()) {
                result.next();
                return new int[] {result.getInt(1), result.getInt(2), result.getInt(3)};
            }
        }
    }

    public static int bookedPlaces(UUID courseId) throws SQLException {
        try (Connection connection = DriverManager.getConnection(
                        TestServers.get().postgres().jdbcUrl("registration"), PostgresServer.USER, "");
                PreparedStatement query =
                        connection.prepareStatement("select booked_places from course_copy where id = ?")) {
            query.setObject(1, courseId);
            try (ResultSet result = query.executeQuery()) {
                result.next();
                return result.getInt(1);
            }
        }
    }
}
