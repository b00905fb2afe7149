package io.ibasho.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.ibasho.localstack.LocalStack;
import io.ibasho.localstack.PostgresServer;
import io.ibasho.testsupport.FreshSignIn;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

/**
 * "Done when" of issue #18: a woman leaves canary personal data across a journey (a booking with childcare, her
 * child's nickname and care notes, a lottery application, an e-mail address, the messages she was sent), sees it in
 * her export, and deletes her account (a sign-in just now, the confirmation word). Then no database of the stack
 * (every table, outboxes included), no Kafka topic and no log file holds any canary, her account is gone, and another
 * woman's booking of the same session is untouched.
 */
class HerDataErasureIT {

    @Test
    void afterSheErasesHerAccountNoCanaryIsLeftAnywhere() throws Exception {
        SecurityStack stack = SecurityStack.get();
        StackAttendees attendees = new StackAttendees(stack);
        String marker = UUID.randomUUID().toString().substring(0, 8);
        String nickname = "カナリア" + marker;
        String childNickname = "ひな" + marker;
        String careNotes = "canary-notes-" + marker;
        String lotteryNickname = "抽選カナリア" + marker;
        String email = "canary-" + marker + "@example.invalid";
        List<String> people = attendees.create("erasure", 2);
        String her = people.get(0);
        String other = people.get(1);

        // a first-come session with childcare: she books with a child, the other woman without
        // starting within the hour: she is recorded at its door below, which registration opens on the session's day
        // only
        OffsetDateTime start = SessionBody.withinTheHour();
        Map<String, Object> cafe = SessionBody.cafe("託児つきカフェ", start, Duration.ofHours(2), 5, "FIRST_COME")
                .build();
        String session = attendees.publishedSession(attendees.withChildcareUntil(cafe, start.minusMinutes(30)));
        String registration = attendees
                .postUntil(
                        her,
                        "/api/registrations/sessions/" + session + "/bookings",
                        Map.of("nickname", nickname, "childrenAges", List.of(2)),
                        202,
                        Duration.ofSeconds(60))
                .path("id");
        attendees.postUntil(
                other,
                "/api/registrations/sessions/" + session + "/bookings",
                Map.of("nickname", "となりの人"),
                201,
                Duration.ofSeconds(60));
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(250))
                .untilAsserted(() -> given().baseUri(stack.gateway)
                        .auth()
                        .oauth2(attendees.token(her))
                        .get("/api/registrations/mine")
                        .then()
                        .statusCode(200)
                        .body("find { it.id == '" + registration + "' }.childcareStatus", equalTo("reserved")));
        given().baseUri(stack.gateway)
                .auth()
                .oauth2(attendees.token(her))
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "children",
                        List.of(Map.of("position", 1, "childNickname", childNickname, "careNotes", careNotes)),
                        // the form showed the consent wording in Japanese: her consent is recorded (issue #18)
                        "consentLanguage",
                        "ja"))
                .put("/api/childcare/bookings/" + registration + "/notes")
                .then()
                .statusCode(200);

        // she was there (recorded at the door) and answers the anonymous survey
        given().baseUri(stack.gateway)
                .auth()
                .oauth2(attendees.token("organiser1"))
                .contentType(ContentType.JSON)
                .body(Map.of("attendance", "ATTENDED"))
                .post("/api/registrations/sessions/" + session + "/registrations/" + registration + "/attendance")
                .then()
                .statusCode(200);
        String surveyToken = given().baseUri(stack.gateway)
                .auth()
                .oauth2(attendees.token(her))
                .get("/api/registrations/surveys/mine")
                .then()
                .statusCode(200)
                .extract()
                .path("find { it.sessionId == '" + session + "' }.token");
        given().baseUri(stack.gateway)
                .auth()
                .oauth2(attendees.token(her))
                .contentType(ContentType.JSON)
                .body(Map.of("token", surveyToken, "satisfaction", 5, "comeAgain", true))
                .post("/api/registrations/surveys/answer")
                .then()
                .statusCode(204);
        String surveyAggregate = surveyAggregate(stack, session);

        // a lottery application under another canary nickname
        Map<String, Object> lottery = SessionBody.workshop(
                        "抽選のワークショップ", start.plusDays(1), Duration.ofHours(2), 2, "LOTTERY")
                .applicationsOpenUntil(SessionBody.nowUtc().plusHours(1))
                .build();
        String lotterySession = attendees.publishedSession(lottery);
        attendees.postUntil(
                her,
                "/api/registrations/sessions/" + lotterySession + "/applications",
                Map.of("nickname", lotteryNickname),
                201,
                Duration.ofSeconds(60));

        // an e-mail address (no SMTP server locally: the code cannot be sent, the address waits for it)
        int emailStatus = given().baseUri(stack.gateway)
                .auth()
                .oauth2(FreshSignIn.accessToken(stack.realm, her)) // a new address needs a recent sign-in
                .contentType(ContentType.JSON)
                .body(Map.of("address", email))
                .post("/api/notifications/preferences/email")
                .statusCode();
        assertThat(emailStatus).isIn(202, 503);

        // her messages have arrived (the booking's confirmation travelled over Kafka to notification)
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> given().baseUri(stack.gateway)
                        .auth()
                        .oauth2(attendees.token(her))
                        .get("/api/notifications/inbox")
                        .then()
                        .statusCode(200)
                        .body("sessionId", hasItem(session)));

        // she sees all of it in her export
        String export = given().baseUri(stack.gateway)
                .auth()
                .oauth2(attendees.token(her))
                .get("/api/me/data")
                .then()
                .statusCode(200)
                .header("Content-Disposition", containsString("attachment"))
                .extract()
                .asString();
        assertThat(export).contains(nickname, lotteryNickname, childNickname, careNotes);
        JsonPath consents = JsonPath.from(export);
        assertThat(consents.getList("childcareBooking.consents.purpose")).containsExactly("childcare-notes");
        assertThat(consents.getList("childcareBooking.consents.language")).containsExactly("ja");

        // she deletes her account: with a sign-in just now and the confirmation word
        Response receipt = given().baseUri(stack.gateway)
                .auth()
                .oauth2(FreshSignIn.accessToken(stack.realm, her))
                .contentType(ContentType.JSON)
                .body(Map.of("confirm", "ERASE"))
                .post("/api/me/erasure");
        receipt.then()
                .statusCode(200)
                .body("account", equalTo("deleted"))
                .body("erased.registration.bookings", equalTo(1))
                .body("erased.registration.lotteryApplications", equalTo(1))
                .body("erased.registration.childcareRequests", equalTo(1))
                .body("erased.'childcare-booking'.children", equalTo(1))
                .body("erased.'childcare-booking'.consentRecords", equalTo(1));
        assertThat(receipt.asString()).doesNotContain(nickname, childNickname, careNotes, email);

        // her account is gone: she cannot sign in any more
        given().formParam("grant_type", "password")
                .formParam("client_id", "ibasho-test")
                .formParam("username", her)
                .formParam("password", her + "-ibasho")
                .post(stack.realm.replace("localhost", "127.0.0.1") + "/protocol/openid-connect/token")
                .then()
                .statusCode(org.hamcrest.Matchers.oneOf(400, 401)) // Keycloak: 400 for an account that no longer exists
                .body("error", equalTo("invalid_grant"));

        // each canary carries the run's marker after a prefix: the bare 8 hex digits could occur in any UUID
        List<String> canaries = List.of(nickname, childNickname, careNotes, lotteryNickname, email);
        // the other services act on SubjectErased from Kafka within moments
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> assertThat(databaseLeaks(stack, canaries)).isEmpty());
        assertThat(topicLeaks(stack, canaries)).as("canaries in Kafka").isEmpty();
        assertThat(logLeaks(stack, canaries)).as("canaries in log files").isEmpty();
        // her survey answer was anonymous from the start: the aggregate is the same after her erasure
        assertThat(surveyAggregate(stack, session)).isEqualTo(surveyAggregate).isEqualTo("1 answers, 5 satisfaction");

        // the other woman's booking of the same session is untouched
        given().baseUri(stack.gateway)
                .auth()
                .oauth2(attendees.token(other))
                .get("/api/registrations/mine")
                .then()
                .statusCode(200)
                .body("find { it.sessionId == '" + session + "' }.status", equalTo("confirmed"));

        // Retention, as if both sessions were long over: their times are moved two months back in every service's
        // copy, and each service runs its retention now (on its management port). Nothing of hers reappears, her
        // rows become anonymous totals, and the survey's aggregate stays as it was.
        Map<String, Object> totalsBefore = registrationTotals(stack, session);
        assertThat(totalsBefore).as("no totals before retention").isEmpty();
        moveIntoThePast(stack, List.of(session, lotterySession));
        for (String service : List.of("registration", "childcare-booking", "notification")) {
            given().post("http://127.0.0.1:" + managementPort(stack, service) + "/q/retention/run")
                    .then()
                    .statusCode(200);
        }
        assertThat(databaseLeaks(stack, canaries))
                .as("canaries after retention")
                .isEmpty();
        assertThat(registrationTotals(stack, session))
                .as("the session's anonymous totals: the other woman's seat, her given-up one")
                .containsEntry("confirmed", 1)
                .containsEntry("cancelled", 1);
        assertThat(countOf(stack, "registration", "select count(*) from registration where session_id = ?", session))
                .isZero();
        assertThat(countOf(
                        stack,
                        "childcare-booking",
                        "select count(*) from session_childcare_total where session_id = ?",
                        session))
                .isEqualTo(1);
        assertThat(surveyAggregate(stack, session)).isEqualTo(surveyAggregate);
    }

    private static int managementPort(SecurityStack stack, String service) {
        return switch (service) {
            case "registration" -> stack.settings.registrationManagementPort();
            case "childcare-booking" -> stack.settings.childcareBookingManagementPort();
            case "notification" -> stack.settings.notificationManagementPort();
            default -> throw new IllegalArgumentException(service);
        };
    }

    /** The sessions' times (and notification's copies of her registrations) two months earlier in each service. */
    static void moveIntoThePast(SecurityStack stack, List<String> sessions) throws SQLException {
        String[][] tables = {
            {"registration", "session_copy", "id"},
            {"childcare-booking", "session_offer", "session_id"},
            {"notification", "session_copy", "id"},
            {"notification", "registration_copy", "session_id"}
        };
        PostgresServer postgres = stack.stack.postgres();
        for (String[] table : tables) {
            try (Connection connection = DriverManager.getConnection(
                    postgres.jdbcUrl(LocalStack.databaseOf(table[0])), PostgresServer.USER, "")) {
                List<String> columns = new ArrayList<>();
                try (PreparedStatement query = connection.prepareStatement(
                        "select column_name from information_schema.columns where table_name = ? "
                                + "and column_name in ('starts_at', 'ends_at', 'updated_at')")) {
                    query.setString(1, table[1]);
                    try (ResultSet rs = query.executeQuery()) {
                        while (rs.next()) {
                            columns.add(rs.getString(1));
                        }
                    }
                }
                String set = String.join(
                        ", ",
                        columns.stream()
                                .map(c -> c + " = " + c + " - interval '60 days'")
                                .toList());
                try (PreparedStatement update = connection.prepareStatement(
                        "update " + table[1] + " set " + set + " where " + table[2] + " = ?")) {
                    for (String session : sessions) {
                        update.setObject(1, UUID.fromString(session));
                        update.executeUpdate();
                    }
                }
            }
        }
    }

    static Map<String, Object> registrationTotals(SecurityStack stack, String session) throws SQLException {
        PostgresServer postgres = stack.stack.postgres();
        try (Connection connection = DriverManager.getConnection(
                        postgres.jdbcUrl(LocalStack.databaseOf("registration")), PostgresServer.USER, "");
                PreparedStatement query =
                        connection.prepareStatement("select * from session_registration_total where session_id = ?")) {
            query.setObject(1, UUID.fromString(session));
            Map<String, Object> totals = new LinkedHashMap<>();
            try (ResultSet rs = query.executeQuery()) {
                if (rs.next()) {
                    for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                        totals.put(rs.getMetaData().getColumnName(i), rs.getObject(i));
                    }
                }
            }
            return totals;
        }
    }

    static long countOf(SecurityStack stack, String service, String sql, String session) throws SQLException {
        PostgresServer postgres = stack.stack.postgres();
        try (Connection connection = DriverManager.getConnection(
                        postgres.jdbcUrl(LocalStack.databaseOf(service)), PostgresServer.USER, "");
                PreparedStatement query = connection.prepareStatement(sql)) {
            query.setObject(1, UUID.fromString(session));
            try (ResultSet rs = query.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** The session's survey answers in registration's database, as the report counts them. */
    static String surveyAggregate(SecurityStack stack, String session) throws SQLException {
        PostgresServer postgres = stack.stack.postgres();
        try (Connection connection = DriverManager.getConnection(
                        postgres.jdbcUrl(LocalStack.databaseOf("registration")), PostgresServer.USER, "");
                PreparedStatement query = connection.prepareStatement(
                        "select count(*), coalesce(sum(satisfaction), 0) from survey_answer where session_id = ?")) {
            query.setObject(1, UUID.fromString(session));
            try (ResultSet rs = query.executeQuery()) {
                rs.next();
                return rs.getLong(1) + " answers, " + rs.getLong(2) + " satisfaction";
            }
        }
    }

    /** Every row of every table (outboxes, inboxes, audit tables included) of every service's database, as text. */
    static List<String> databaseLeaks(SecurityStack stack, List<String> canaries) throws SQLException {
        PostgresServer postgres = stack.stack.postgres();
        List<String> leaks = new ArrayList<>();
        for (String service : LocalStack.SERVICES) {
            String database = LocalStack.databaseOf(service);
            try (Connection connection =
                    DriverManager.getConnection(postgres.jdbcUrl(database), PostgresServer.USER, "")) {
                List<String> tables = new ArrayList<>();
                try (ResultSet rs = connection
                        .createStatement()
                        .executeQuery("select table_name from information_schema.tables "
                                + "where table_schema = 'public' and table_type = 'BASE TABLE'")) {
                    while (rs.next()) {
                        tables.add(rs.getString(1));
                    }
                }
                for (String table : tables) {
                    for (String canary : canaries) {
                        try (PreparedStatement query = connection.prepareStatement(
                                "select count(*) from \"" + table + "\" r where cast(r as text) like ?")) {
                            query.setString(1, "%" + canary + "%");
                            try (ResultSet rs = query.executeQuery()) {
                                rs.next();
                                if (rs.getLong(1) > 0) {
                                    leaks.add(database + "." + table + " holds " + canary);
                                }
                            }
                        }
                    }
                }
            }
        }
        return leaks;
    }

    /** Every record (key and value) of every topic, dead-letter topics included, from the beginning. */
    static List<String> topicLeaks(SecurityStack stack, List<String> canaries) throws Exception {
        String bootstrap = stack.stack.kafka().bootstrapServers();
        Set<String> topics;
        Properties adminProperties = new Properties();
        adminProperties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(adminProperties)) {
            topics = admin.listTopics().names().get();
        }
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, "canary-search-" + UUID.randomUUID());
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        List<String> leaks = new ArrayList<>();
        int records = 0;
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(properties)) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : topics) {
                consumer.partitionsFor(topic)
                        .forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))
                    && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    records++;
                    String text = record.key() + " " + record.value();
                    for (String canary : canaries) {
                        if (text.contains(canary)) {
                            leaks.add(record.topic() + "@" + record.offset() + " holds " + canary);
                        }
                    }
                }
            }
            assertThat(partitions.stream().allMatch(p -> consumer.position(p) >= ends.get(p)))
                    .as("every topic read to its end")
                    .isTrue();
        }
        System.out.printf("[canary] searched %d records of %d topics%n", records, topics.size());
        return leaks;
    }

    static List<String> logLeaks(SecurityStack stack, List<String> canaries) throws IOException {
        List<String> leaks = new ArrayList<>();
        try (Stream<Path> files = Files.walk(stack.logs())) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
                for (String canary : canaries) {
                    if (text.contains(canary)) {
                        leaks.add(file.getFileName() + " holds " + canary);
                    }
                }
            }
        }
        return leaks;
    }
}
