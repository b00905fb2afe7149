package io.ibasho.event.rest;

import static io.ibasho.event.rest.TestData.organiser1;
import static io.ibasho.event.rest.TestData.uniqueArea;
import static io.ibasho.event.rest.TestData.venue;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.ibasho.testsupport.IbashoServers;
import io.ibasho.testsupport.TestServers;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * What PostgreSQL does to a service when it stops (PostgresRestartFaultIT, docs/faults.md), on the service alone and
 * against the real server: every connection of the service cut by the server (pg_terminate_backend, as a fast
 * shutdown does: 57P01, then the socket closed) while organisers write. Every answer is the write done (201) or 503
 * problem+json {@code database-unavailable}; never a 500, with or without a problem body.
 */
@QuarkusTest
@WithTestResource(value = IbashoServers.class, initArgs = @ResourceArg(name = "database", value = "event"))
class DatabaseConnectionsCutTest {
    private record Answer(int status, String contentType, String body) {}

    @Test
    void connectionsCutUnderRequestsAreUnavailableNeverAnInternalError() throws Exception {
        String token = organiser1();
        ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();
        AtomicBoolean writing = new AtomicBoolean(true);
        ExecutorService organisers = Executors.newFixedThreadPool(6);
        for (int i = 0; i < 6; i++) {
            organisers.submit(() -> {
                while (writing.get()) {
                    Response response = given().auth()
                            .oauth2(token)
                            .contentType(ContentType.JSON)
                            .body(venue(uniqueArea(), "PUBLIC", false, List.of()))
                            .post("/api/events/venues");
                    answers.add(new Answer(
                            response.statusCode(),
                            String.valueOf(response.contentType()),
                            response.body().asString()));
                }
            });
        }
        int cut = 0;
        try (Connection admin =
                DriverManager.getConnection(TestServers.get().postgres().jdbcUrl("postgres"), "postgres", "")) {
            for (int round = 0; round < 25; round++) {
                Thread.sleep(200);
                try (var rows = admin.createStatement()
                        .executeQuery("select count(pg_terminate_backend(pid)) from pg_stat_activity"
                                + " where datname = 'event' and pid <> pg_backend_pid()")) {
                    rows.next();
                    cut += rows.getInt(1);
                }
            }
        }
        Thread.sleep(1_000); // the pool opens new connections: writes succeed again
        writing.set(false);
        organisers.shutdown();
        assertThat(organisers.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

        assertThat(cut).as("connections cut").isPositive();
        assertThat(answers).as("answers").isNotEmpty();
        assertThat(answers)
                .as("every write is done, or 503 problem+json database-unavailable")
                .allSatisfy(a -> {
                    if (a.status() != 201) {
                        assertThat(a.status()).as(a.toString()).isEqualTo(503);
                        assertThat(a.contentType()).as(a.toString()).startsWith("application/problem+json");
                        assertThat(a.body()).as(a.toString()).contains("database-unavailable");
                    }
                });
        assertThat(answers).as("writes succeed between the cuts").anyMatch(a -> a.status() == 201);
        System.out.printf(
                "[cut] %d connections cut; %d answers: %d created, %d unavailable%n",
                cut,
                answers.size(),
                answers.stream().filter(a -> a.status() == 201).count(),
                answers.stream().filter(a -> a.status() == 503).count());
    }
}
