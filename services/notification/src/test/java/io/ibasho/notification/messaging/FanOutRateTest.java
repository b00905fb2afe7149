package io.ibasho.notification.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ibasho.contracts.EventTypes;
import io.ibasho.notification.support.Db;
import io.ibasho.notification.support.Events;
import io.ibasho.testsupport.IbashoServers;
import io.ibasho.testsupport.QueryPlans;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * The booking's fan-out at a fixed rate, on the real Kafka and PostgreSQL: booking confirmations for ten sessions (so
 * every partition gets some) published at {@code ibasho.fanout.rate} a second, as registration's relay would, each
 * filed in her inbox exactly once. Prints the time from publishing to the inbox row, p50 and p99 (docs/benchmarks.md,
 * round 12): {@code -Dibasho.fanout.records=1000 -Dibasho.fanout.rate=100} for a longer look.
 */
@QuarkusTest
@WithTestResource(value = IbashoServers.class, initArgs = @ResourceArg(name = "database", value = "notification"))
class FanOutRateTest {
    private static final int SESSIONS = 10;

    @Test
    void bookingConfirmationsAtAFixedRateAreEachFiledOnce() {
        int records = Integer.getInteger("ibasho.fanout.records", 200);
        int rate = Integer.getInteger("ibasho.fanout.rate", 100);
        List<UUID> sessions = new ArrayList<>();
        for (int i = 0; i < SESSIONS; i++) {
            UUID session = UUID.randomUUID();
            Events.session(
                    EventTypes.EVENT_PUBLISHED,
                    session,
                    "カフェ",
                    "Cafe",
                    "FIRST_COME",
                    "venue-fanout",
                    OffsetDateTime.now(ZoneOffset.UTC).plusDays(20),
                    1,
                    null);
            sessions.add(session);
        }
        String sessionList =
                String.join(",", sessions.stream().map(UUID::toString).toList());
        await().atMost(Duration.ofSeconds(30))
                .until(() -> Db.count(
                                "select count(*) from session_copy where cast(id as text) = any(string_to_array(?, ','))",
                                sessionList)
                        == SESSIONS);

        Map<String, Long> sentAt = new HashMap<>();
        int plansBefore = QueryPlans.cached();
        long cpuBefore = processCpuNanos();
        long start = System.nanoTime();
        long interval = 1_000_000_000L / rate;
        for (int i = 0; i < records; i++) {
            LockSupport.parkNanos(start + i * interval - System.nanoTime());
            UUID registration = UUID.randomUUID();
            sentAt.put(registration.toString(), System.currentTimeMillis());
            Events.registration(
                    EventTypes.REGISTRATION_CONFIRMED,
                    sessions.get(i % SESSIONS),
                    registration,
                    "fanout-" + UUID.randomUUID(),
                    "CONFIRMED",
                    null);
        }
        double sendSeconds = (System.nanoTime() - start) / 1e9;

        String filedCount =
                "select count(*) from inbox_message where cast(session_id as text) = any(string_to_array(?, ','))";
        await().atMost(Duration.ofSeconds(120)).until(() -> Db.count(filedCount, sessionList) >= records);
        double cpuMsPerRecord = (processCpuNanos() - cpuBefore) / 1e6 / records;
        int plansAdded = QueryPlans.cached() - plansBefore;
        // exactly once: one message per confirmation, none twice
        assertThat(Db.count(filedCount, sessionList)).isEqualTo(records);
        assertThat(Db.count(
                        "select count(distinct registration_id) from inbox_message"
                                + " where cast(session_id as text) = any(string_to_array(?, ',')) and kind = 'BOOKING_CONFIRMED'",
                        sessionList))
                .isEqualTo(records);

        List<Long> gaps = new ArrayList<>();
        for (String row : Db.strings(
                "select cast(registration_id as text) || ' ' || cast(floor(extract(epoch from created_at) * 1000) as bigint)"
                        + " from inbox_message where cast(session_id as text) = any(string_to_array(?, ','))",
                sessionList)) {
            String[] parts = row.split(" ");
            gaps.add(Long.parseLong(parts[1]) - sentAt.get(parts[0]));
        }
        gaps.sort(Long::compare);
        System.out.printf(
                "fan-out: %d booking confirmations sent in %.1f s (%.0f/s); published -> filed p50 %d ms, p99 %d ms,"
                        + " max %d ms; this JVM's CPU (the test's producer included) %.2f ms per record;"
                        + " query plans added %d%n",
                records,
                sendSeconds,
                records / sendSeconds,
                gaps.get(gaps.size() / 2),
                gaps.get(Math.min(gaps.size() - 1, (int) (gaps.size() * 0.99))),
                gaps.get(gaps.size() - 1),
                cpuMsPerRecord,
                plansAdded);
        // traces are off in this profile, so the Kafka connector does not trace each record either (round 14)
        assertThat(org.eclipse.microprofile.config.ConfigProvider.getConfig()
                        .getValue("mp.messaging.connector.smallrye-kafka.tracing-enabled", Boolean.class))
                .isFalse();
        // A record's statements reuse their plans: a plan kept per execution made every lookup walk them all
        assertThat(plansAdded).isLessThan(20);
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean)
                        java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
