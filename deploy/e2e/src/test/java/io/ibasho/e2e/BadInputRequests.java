package io.ibasho.e2e;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** The negative classes' way of sending many cases: a pool of 8, HTTP/1.1, and one line for each that went wrong. */
final class BadInputRequests {
    static final int PARALLEL = 8;

    private BadInputRequests() {}

    /** One case sent with the shared client: null when the answer was right, else what was wrong. */
    interface Check<C> {
        String send(HttpClient http, C c) throws Exception;
    }

    static <C> List<String> sendAll(List<C> cases, Check<C> check) throws Exception {
        // HTTP/1.1: the default (HTTP/2 offered by an h2c upgrade) once misread a large answer (round 11)
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        ExecutorService pool = Executors.newFixedThreadPool(PARALLEL);
        List<String> failures = new ArrayList<>();
        try {
            List<Future<String>> answers = new ArrayList<>();
            for (C c : cases) {
                answers.add(pool.submit(() -> check.send(http, c)));
            }
            for (Future<String> answer : answers) {
                String failure = answer.get();
                if (failure != null) {
                    failures.add(failure);
                }
            }
        } finally {
            pool.shutdownNow();
        }
        return failures;
    }
}
