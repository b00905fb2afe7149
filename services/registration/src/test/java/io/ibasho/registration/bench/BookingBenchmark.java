package io.ibasho.registration.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.ibasho.registration.support.Api;
import io.ibasho.registration.support.HttpLoad;
import io.ibasho.registration.support.Sessions;
import io.ibasho.registration.support.TestAttendees;
import io.ibasho.testsupport.IbashoServers;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Booking throughput and latency through real HTTP against the running service on real PostgreSQL. Not a test of
 * speed (nothing asserts a time): run by {@code services/registration/bench.sh}, skipped otherwise. Two workloads:
 * <ul>
 * <li><b>contended</b>: every request at one small session (the "tickets go on sale" moment), almost all 409;</li>
 * <li><b>all-succeed</b>: each person books one seat in each of several roomy sessions: every request is a booking.</li>
 * </ul>
 * Both check that confirmed seats equal what they must (the capacity, or people × sessions).
 */
@QuarkusTest
@WithTestResource(value = IbashoServers.class, initArgs = @ResourceArg(name = "database", value = "registration"))
@EnabledIfSystemProperty(named = "ibasho.bench", matches = "true")
class BookingBenchmark {
    static final int PEOPLE = Integer.getInteger("bench.people", 200);
    static final int CONCURRENCY = Integer.getInteger("bench.concurrency", 64);
    static final int CONTENDED_REQUESTS = Integer.getInteger("bench.contended.requests", 4000);
    static final int CONTENDED_SEATS = Integer.getInteger("bench.contended.seats", 10);
    static final int ROOMY_SESSIONS = Integer.getInteger("bench.sessions", 10);

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    @Test
    void measure() throws Exception {
        List<String> people = TestAttendees.create("bench", PEOPLE);
        Map<String, String> tokens = TestAttendees.tokens(people);
        Path results = Path.of("target", "bench-results.md");
        Files.writeString(
                results,
                "| workload | requests | concurrency | 201 | 409 | other | p50 ms | p95 ms | p99 ms | req/s | bookings/s | confirmed check |\n"
                        + "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");

        // warm-up: JIT, connection pools, token verification caches
        UUID warm = known(Sessions.published(PEOPLE));
        HttpLoad.fire(url(warm), people, tokens, CONCURRENCY, Duration.ofMinutes(5));

        UUID contended = known(Sessions.published(CONTENDED_SEATS));
        List<String> requests = new ArrayList<>();
        for (int i = 0; i < CONTENDED_REQUESTS; i++) {
            requests.add(people.get(i % people.size()));
        }
        Collections.shuffle(requests, new Random(7));
        HttpLoad.Result hot = HttpLoad.fire(url(contended), requests, tokens, CONCURRENCY, Duration.ofMinutes(10));
        int confirmed = Api.roster("organiser1", contended).then().extract().path("confirmed");
        report(
                results,
                "contended (" + CONTENDED_SEATS + " seats)",
                hot,
                confirmed + " == " + CONTENDED_SEATS + ": " + (confirmed == CONTENDED_SEATS));
        assertThat(confirmed).isEqualTo(CONTENDED_SEATS);

        List<UUID> roomy = new ArrayList<>();
        for (int i = 0; i < ROOMY_SESSIONS; i++) {
            roomy.add(Sessions.published(PEOPLE));
        }
        roomy.forEach(BookingBenchmark::known);
        // every (person, session) pair once, interleaved so all sessions are booked at the same time
        List<HttpLoad.Result> parts = new ArrayList<>();
        long t0 = System.nanoTime();
        List<Thread> threads = new ArrayList<>();
        for (UUID sessionId : roomy) {
            Thread thread = Thread.ofPlatform().start(() -> {
                try {
                    HttpLoad.Result part = HttpLoad.fire(
                            url(sessionId),
                            people,
                            tokens,
                            Math.max(1, CONCURRENCY / ROOMY_SESSIONS),
                            Duration.ofMinutes(10));
                    synchronized (parts) {
                        parts.add(part);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        long wall = System.nanoTime() - t0;
        List<HttpLoad.Call> all =
                parts.stream().flatMap(p -> p.calls().stream()).toList();
        HttpLoad.Result bulk = new HttpLoad.Result(all, wall);
        int totalConfirmed = roomy.stream()
                .mapToInt(id -> Api.roster("organiser1", id).then().extract().<Integer>path("confirmed"))
                .sum();
        report(
                results,
                "all-succeed (" + ROOMY_SESSIONS + " sessions x " + PEOPLE + " people)",
                bulk,
                totalConfirmed + " == " + (ROOMY_SESSIONS * PEOPLE) + ": "
                        + (totalConfirmed == ROOMY_SESSIONS * PEOPLE));
        assertThat(totalConfirmed).isEqualTo(ROOMY_SESSIONS * PEOPLE);
        System.out.println(Files.readString(results));
    }

    private static UUID known(UUID sessionId) {
        org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> Api.roster("organiser1", sessionId).statusCode() == 200);
        return sessionId;
    }

    private String url(UUID sessionId) {
        return "http://127.0.0.1:" + port + "/api/registrations/sessions/" + sessionId + "/bookings";
    }

    private static void report(Path results, String workload, HttpLoad.Result r, String check) throws Exception {
        long other = r.calls().size() - r.count(201) - r.count(409);
        String row = "| %s | %d | %d | %d | %d | %d | %.1f | %.1f | %.1f | %.0f | %.0f | %s |%n"
                .formatted(
                        workload,
                        r.calls().size(),
                        CONCURRENCY,
                        r.count(201),
                        r.count(409),
                        other,
                        r.percentileMillis(50),
                        r.percentileMillis(95),
                        r.percentileMillis(99),
                        r.perSecond(),
                        r.count(201) / (r.wallNanos() / 1e9),
                        check);
        Files.writeString(results, row, StandardOpenOption.APPEND);
    }
}
