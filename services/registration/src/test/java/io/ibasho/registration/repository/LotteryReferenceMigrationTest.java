package io.ibasho.registration.repository;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ibasho.testsupport.IbashoServers;
import io.ibasho.testsupport.TestServers;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * V29 on a database as it was before it (ADR 0085): every lottery application gets a random reference, and a draw
 * published before it is relabelled so that no published file carries a registration id. Migrated to V28 in a database
 * of its own, filled as the service left it, then migrated on.
 */
@QuarkusTest
@WithTestResource(value = IbashoServers.class, initArgs = @ResourceArg(name = "database", value = "registration"))
class LotteryReferenceMigrationTest {
    private static final String DATABASE = "registration_v29_check";
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void anEarlierDrawIsRelabelledAndEveryApplicationGetsAReferenceOfItsOwn() throws Exception {
        String server = TestServers.get().postgres().jdbcUrl("postgres");
        String url = TestServers.get().postgres().jdbcUrl(DATABASE);
        try (Connection admin = DriverManager.getConnection(server, "postgres", "")) {
            admin.createStatement().execute("drop database if exists " + DATABASE);
            admin.createStatement().execute("create database " + DATABASE);
        }
        try {
            Flyway.configure()
                    .dataSource(url, "postgres", "")
                    .locations("classpath:db/migration")
                    .target("28")
                    .load()
                    .migrate();
            // the known-answer draw, as a draw before V29 published it: named by registration ids
            ObjectNode published =
                    (ObjectNode) json.readTree(Files.readString(docs().resolve("lottery-known-answer.json")));
            List<String> registrationIds = new ArrayList<>();
            published
                    .path("applications")
                    .forEach(a -> registrationIds.add(a.path("id").asText()));
            ObjectNode monthWins = published.putObject("monthWins");
            monthWins.putArray("holders");
            ObjectNode tokens = monthWins.putObject("tokens");
            registrationIds.forEach(id -> tokens.put(id, "ab".repeat(32)));
            String sessionId = published.path("sessionId").asText();
            try (Connection db = DriverManager.getConnection(url, "postgres", "")) {
                db.createStatement()
                        .execute("insert into session_copy (id, organisation_id, kind, allocation, status, starts_at, "
                                + "ends_at, sequence, updated_at) values ('" + sessionId
                                + "', 'hinata', 'WORKSHOP', 'LOTTERY', 'PUBLISHED', now(), now(), 1, now())");
                // seven applications still have their row; the eighth was purged by retention
                for (String id : registrationIds.subList(0, 7)) {
                    db.createStatement()
                            .execute("insert into registration (id, session_id, attendee_id, nickname, status, "
                                    + "created_at, updated_at, priority_tier) values ('" + id + "', '" + sessionId
                                    + "', 'account-" + id + "', 'n', 'WAITLISTED', now(), now(), 0)");
                }
                // a seat booked first-come afterwards was never an application
                db.createStatement()
                        .execute("insert into registration (id, session_id, attendee_id, nickname, status, created_at, "
                                + "updated_at) values (gen_random_uuid(), '" + sessionId
                                + "', 'account-b', 'n', 'CONFIRMED', now(), now())");
                var draw =
                        db.prepareStatement("insert into lottery_draw (id, session_id, policy, commitment, seed_hex, "
                                + "input_digest, published, drawn_by, drawn_at) values (gen_random_uuid(), cast(? as uuid), "
                                + "'p', 'c', 's', 'd', ?, 'scheduler', now())");
                draw.setString(1, sessionId);
                draw.setString(2, published.toString());
                draw.executeUpdate();
                // a course lottery drawn before V29: the same file, named by course request ids (the session id as
                // the course's, as the known answer has it)
                db.createStatement()
                        .execute("insert into course_copy (id, organisation_id, status, allocation, capacity, "
                                + "session_ids, sequence, updated_at) values ('" + sessionId
                                + "', 'hinata', 'PUBLISHED', 'LOTTERY', 3, '', 1, now())");
                for (String id : registrationIds.subList(0, 7)) {
                    db.createStatement()
                            .execute("insert into course_request (id, course_id, attendee_id, nickname, kind, status, "
                                    + "created_at, updated_at) values ('" + id + "', '" + sessionId + "', 'account-"
                                    + id
                                    + "', 'n', 'LOTTERY', 'WITHDRAWN', now(), now())");
                }
                var courseDraw = db.prepareStatement("insert into course_lottery (course_id, seed_hex, commitment, "
                        + "created_at, published) values (cast(? as uuid), 's', 'c', now(), ?)");
                courseDraw.setString(1, sessionId);
                courseDraw.setString(2, published.toString());
                courseDraw.executeUpdate();
                db.createStatement()
                        .execute("insert into lottery_childcare_question (request_id, session_id, application_id, "
                                + "asked_order, asked_at) values (gen_random_uuid(), '" + sessionId + "', '"
                                + registrationIds.get(0) + "', 1, now())");
            }

            Flyway.configure()
                    .dataSource(url, "postgres", "")
                    .locations("classpath:db/migration")
                    .load()
                    .migrate();

            try (Connection db = DriverManager.getConnection(url, "postgres", "")) {
                Map<String, String> referenceOf = new HashMap<>();
                var rows = db.createStatement()
                        .executeQuery("select cast(id as text), cast(lottery_reference as text), priority_tier "
                                + "from registration");
                while (rows.next()) {
                    if (rows.getObject(3) == null) {
                        assertThat(rows.getString(2))
                                .as("a booking has no reference")
                                .isNull();
                    } else {
                        assertThat(rows.getString(2)).isNotNull().isNotEqualTo(rows.getString(1));
                        referenceOf.put(rows.getString(1), rows.getString(2));
                    }
                }
                assertThat(referenceOf).hasSize(7);
                assertThat(new java.util.HashSet<>(referenceOf.values())).hasSize(7);

                String relabelled = single(db, "select published from lottery_draw");
                for (String id : registrationIds) {
                    assertThat(relabelled).doesNotContain(id);
                }
                JsonNode file = json.readTree(relabelled);
                assertThat(file.path("format").asText()).isEqualTo("ibasho-lottery-draw/2-relabelled");
                List<String> applications = file.path("applications").findValuesAsText("id");
                assertThat(applications)
                        .hasSize(8)
                        .containsAll(referenceOf.values())
                        .doesNotHaveDuplicates();
                List<String> tokenKeys = new ArrayList<>();
                file.path("monthWins").path("tokens").fieldNames().forEachRemaining(tokenKeys::add);
                assertThat(tokenKeys).containsExactlyInAnyOrderElementsOf(applications);
                List<String> order = new ArrayList<>();
                file.path("order").forEach(id -> order.add(id.asText()));
                assertThat(order).containsExactlyInAnyOrderElementsOf(applications);

                String relabelledCourse = single(db, "select published from course_lottery");
                for (String id : registrationIds) {
                    assertThat(relabelledCourse).doesNotContain(id);
                }
                JsonNode courseFile = json.readTree(relabelledCourse);
                assertThat(courseFile.path("format").asText()).isEqualTo("ibasho-lottery-draw/2-relabelled");
                List<String> courseReferences = new ArrayList<>();
                var requests =
                        db.createStatement().executeQuery("select cast(lottery_reference as text) from course_request");
                while (requests.next()) {
                    courseReferences.add(requests.getString(1));
                }
                assertThat(courseReferences).hasSize(7).doesNotContainNull();
                assertThat(courseFile.path("applications").findValuesAsText("id"))
                        .hasSize(8)
                        .containsAll(courseReferences);

                assertThat(single(db, "select applicants_named_by from lottery_draw"))
                        .isEqualTo("REGISTRATION_ID");
                assertThat(single(db, "select cast(registration_id as text) from lottery_childcare_question"))
                        .isEqualTo(registrationIds.get(0));
                // a relabelled file says it cannot be checked rather than reporting a difference
                given().contentType(ContentType.JSON)
                        .body(relabelled)
                        .post("/api/registrations/lottery/verify")
                        .then()
                        .statusCode(200)
                        .body("ok", equalTo(false))
                        .body("failedCheck", equalTo("FORMAT"));
            }
        } finally {
            try (Connection admin = DriverManager.getConnection(server, "postgres", "")) {
                admin.createStatement().execute("drop database if exists " + DATABASE + " with (force)");
            }
        }
    }

    private static String single(Connection db, String query) throws SQLException {
        var rows = db.createStatement().executeQuery(query);
        assertThat(rows.next()).isTrue();
        return rows.getString(1);
    }

    private static Path docs() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("docs/lottery-known-answer.json"))) {
                return p.resolve("docs");
            }
        }
        throw new IllegalStateException(
                "docs/lottery-known-answer.json not found above " + Path.of("").toAbsolutePath());
    }
}
