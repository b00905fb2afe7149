package io.ibasho.bench;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Bookings at a fixed rate: each arrival takes the next "token session" line of {@code bench.work} (the same work
 * file as wrk's, each line once, so every booking can succeed) and books that session with that attendee's token.
 */
public class BookingsAtFixedRate extends MeasuredSimulation {
    private static Iterator<Map<String, Object>> work() {
        try (var lines = Files.lines(Path.of(System.getProperty("bench.work")))) {
            List<Map<String, Object>> pairs = lines.filter(line -> !line.isBlank())
                    .map(line -> line.trim().split(" "))
                    .<Map<String, Object>>map(pair -> Map.of("token", pair[0], "session", pair[1]))
                    .toList();
            if (pairs.size() < OpenLoop.rate() * (OpenLoop.warmupSeconds() + OpenLoop.seconds())) {
                throw new IllegalStateException(
                        pairs.size() + " lines in bench.work: fewer than the run's arrivals, so some would repeat");
            }
            return pairs.iterator();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    {
        var book = scenario("booking")
                .feed(work())
                .exec(http("booking")
                        .post("/api/registrations/sessions/#{session}/bookings")
                        .header("Authorization", "Bearer #{token}")
                        .header("Content-Type", "application/json")
                        .body(StringBody("{\"nickname\":\"bench\"}"))
                        .check(OpenLoop.measured()))
                .exec(Answers::record);
        setUp(book.injectOpen(OpenLoop.arrivals())).protocols(OpenLoop.protocol());
    }
}
