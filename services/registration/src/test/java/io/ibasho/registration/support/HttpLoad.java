package io.ibasho.registration.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Fires many booking requests at once through real HTTP, from a bounded pool of client threads, all released at
 * the same instant; records each status, problem type and latency. Used by the overbooking test and the benchmark.
 */
public final class HttpLoad {
    public record Call(String user, int status, String body, long nanos) {}

    public record Result(List<Call> calls, long wallNanos) {
        public long count(int status) {
            return calls.stream().filter(c -> c.status() == status).count();
        }

        public double perSecond() {
            return calls.size() / (wallNanos / 1e9);
        }

        /** Latency percentile in milliseconds. */
        public double percentileMillis(double p) {
            List<Long> sorted = new ArrayList<>(calls.stream().map(Call::nanos).toList());
            Collections.sort(sorted);
            int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
            return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1))) / 1e6;
        }
    }

    private HttpLoad() {}

    /**
     * @param bookings one entry per request: the user whose token is used (several entries per user = several tries)
     */
    public static Result fire(
            String url, List<String> bookings, java.util.Map<String, String> tokens, int concurrency, Duration limit)
            throws InterruptedException {
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .executor(Executors.newFixedThreadPool(4))
                .build();
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        List<Call> calls = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch start = new CountDownLatch(1);
        for (String user : bookings) {
            pool.submit(() -> {
                start.await();
                HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(60))
                        .header("Authorization", "Bearer " + tokens.get(user))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"nickname\":\"" + user + "\"}"))
                        .build();
                long t0 = System.nanoTime();
                try {
                    HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                    calls.add(new Call(user, response.statusCode(), response.body(), System.nanoTime() - t0));
                } catch (Exception e) {
                    calls.add(new Call(user, -1, e.getClass().getName(), System.nanoTime() - t0));
                }
                return null;
            });
        }
        long t0 = System.nanoTime();
        start.countDown();
        pool.shutdown();
        if (!pool.awaitTermination(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            pool.shutdownNow();
            throw new AssertionError("load did not finish within " + limit + ": " + calls.size() + " of "
                    + bookings.size() + " answered");
        }
        long wall = System.nanoTime() - t0;
        return new Result(List.copyOf(calls), wall);
    }
}
