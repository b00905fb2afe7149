package io.ibasho.bench;

import io.gatling.javaapi.core.Session;
import java.util.Arrays;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the answers of the measured window took, and their statuses: kept here rather than read from Gatling's report,
 * whose figures include the warm-up (the load generator's own JIT and its first connections: in round 18's first
 * try, every request of the first second took over a second, whatever the server did).
 */
final class Answers {
    private static volatile long measuredFromMillis = Long.MAX_VALUE;
    private static volatile long measuredUntilMillis = Long.MAX_VALUE;
    private static long[] tookMillis = new long[1 << 16];
    private static int count;
    private static final LongAdder ok = new LongAdder();
    private static final LongAdder conflict = new LongAdder();
    private static final LongAdder other = new LongAdder();
    // what the server did for the whole run (bench.sh compares it with the rosters), the warm-up included
    private static final LongAdder okWarmupIncluded = new LongAdder();

    private Answers() {}

    /** Arrivals sent from {@code warmupSeconds} on and during {@code seconds} are measured; the others are not. */
    static void window(long warmupSeconds, long seconds) {
        measuredFromMillis = System.currentTimeMillis() + warmupSeconds * 1000;
        measuredUntilMillis = measuredFromMillis + seconds * 1000;
    }

    /** After the request: its status and response time, saved by the checks as "status" and "took". */
    static Session record(Session session) {
        long took = session.contains("took") ? session.getLong("took") : -1;
        int status = session.contains("status") ? session.getInt("status") : 0; // 0: no answer (refused, timed out)
        if (status >= 200 && status < 300) {
            okWarmupIncluded.increment();
        }
        long sentAt = System.currentTimeMillis() - Math.max(took, 0);
        if (sentAt < measuredFromMillis || sentAt >= measuredUntilMillis) {
            return session;
        }
        if (status >= 200 && status < 300) {
            ok.increment();
        } else if (status == 409) {
            conflict.increment();
        } else {
            other.increment();
        }
        if (took >= 0) {
            add(took);
        }
        return session;
    }

    private static synchronized void add(long took) {
        if (count == tookMillis.length) {
            tookMillis = Arrays.copyOf(tookMillis, count * 2);
        }
        tookMillis[count++] = took;
    }

    /**
     * One line in the shape of deploy/bench/wrk.lua's, which bench.sh reads with the same field(); with the measured
     * window's bounds (epoch ms), so that what the bookings caused downstream is timed over the same window.
     */
    static synchronized String result(long seconds) {
        long[] sorted = Arrays.copyOf(tookMillis, count);
        Arrays.sort(sorted);
        long answers = ok.sum() + conflict.sum() + other.sum();
        return String.format(
                "RESULT requests=%d seconds=%d ok=%d conflict=%d other=%d p50=%d p90=%d p99=%d p999=%d max=%d mean_ms=%.1f"
                        + " rps=%.0f ok_warmup_included=%d from_ms=%d until_ms=%d",
                answers,
                seconds,
                ok.sum(),
                conflict.sum(),
                other.sum(),
                at(sorted, 0.50),
                at(sorted, 0.90),
                at(sorted, 0.99),
                at(sorted, 0.999),
                sorted.length == 0 ? 0 : sorted[sorted.length - 1],
                Arrays.stream(sorted).average().orElse(0),
                (double) answers / seconds,
                okWarmupIncluded.sum(),
                measuredFromMillis,
                measuredUntilMillis);
    }

    private static long at(long[] sorted, double quantile) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) (quantile * sorted.length))];
    }
}
