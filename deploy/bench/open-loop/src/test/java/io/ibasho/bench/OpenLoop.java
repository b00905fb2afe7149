package io.ibasho.bench;

import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.responseTimeInMillis;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.CheckBuilder;
import io.gatling.javaapi.core.OpenInjectionStep;
import io.gatling.javaapi.http.HttpProtocolBuilder;

/**
 * What the open-loop scenarios share: their knobs (system properties, given by deploy/bench/bench.sh), the arrivals,
 * the checks and the HTTP protocol. Arrivals come at {@code bench.rate} a second whether or not earlier answers have
 * come back, so a stall shows as the latency of every request that waited for it, as she would see it, and is not
 * spread over made-up samples the way wrk's corrected histogram does (docs/benchmarks.md, round 16).
 */
final class OpenLoop {
    private OpenLoop() {}

    static String url() {
        return System.getProperty("bench.url", "http://127.0.0.1:32080");
    }

    static double rate() {
        return Double.parseDouble(System.getProperty("bench.rate", "100"));
    }

    /** The measured window. */
    static long seconds() {
        return Long.getLong("bench.seconds", 20);
    }

    /** Arrivals at the same rate before the measured window, not counted (see {@link Answers}). */
    static long warmupSeconds() {
        return Long.getLong("bench.warmup", 10);
    }

    static OpenInjectionStep arrivals() {
        return constantUsersPerSec(rate()).during(warmupSeconds() + seconds());
    }

    /** Every answer is kept (no status refused by Gatling) with what it took, for {@link Answers#record}. */
    static CheckBuilder[] measured() {
        return new CheckBuilder[] {
            status().saveAs("status"), responseTimeInMillis().saveAs("took")
        };
    }

    /**
     * Keep-alive connections shared by all arrivals, as a reverse proxy keeps them: each arrival takes an idle one or
     * opens a new one, so the pool grows with what is in flight and no arrival waits for a free connection. No warm-up
     * request: Gatling's default one goes to gatling.io, which this machine cannot reach.
     */
    static HttpProtocolBuilder protocol() {
        return http.baseUrl(url()).shareConnections().disableWarmUp().disableCaching();
    }
}
