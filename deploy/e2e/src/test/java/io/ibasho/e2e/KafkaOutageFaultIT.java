package io.ibasho.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Issue 15, fault 1: the Kafka broker killed with -9 for 30 s during a steady run of bookings. Bookings do not need
 * Kafka: they commit with their outbox row (or fail fast with 503 problem+json, never a 500, never a hang); once the
 * broker is back, every outbox drains within 10 s, and every committed booking becomes exactly one message in her
 * inbox (the consumers deduplicate what the relays and the restarted group send again).
 */
class KafkaOutageFaultIT {
    private static final Duration OUTAGE = Duration.ofSeconds(30);
    private static final Duration DRAINED_WITHIN = Duration.ofSeconds(10);

    @Test
    void bookingsCommitWhileKafkaIsDownAndEveryOneIsDeliveredOnceAfterwards() throws Exception {
        StackFaults faults = StackFaults.onOwnStack();
        long drainedAfterMillis;
        SteadyBookings bookings = new SteadyBookings(faults.stack(), "カフェ（障害試験 Kafka）", 4, 100);
        try (bookings) {
            bookings.start(4);
            SteadyBookings.hold(Duration.ofSeconds(8));
            bookings.phase("kafka down");
            long pid = faults.killKafka();
            System.out.printf("[faults] Kafka (pid %d) killed with SIGKILL for %d s%n", pid, OUTAGE.toSeconds());
            SteadyBookings.hold(OUTAGE);
            bookings.phase("kafka starting");
            faults.startKafka();
            long back = System.nanoTime();
            bookings.phase("kafka back");
            while (!bookings.outboxesDrained()
                    && System.nanoTime() - back < Duration.ofSeconds(60).toNanos()) {
                Thread.sleep(200);
            }
            drainedAfterMillis = (System.nanoTime() - back) / 1_000_000;
            System.out.printf(
                    "[faults] outboxes drained %d ms after Kafka was back; unpublished now %s%n",
                    drainedAfterMillis, bookings.unpublishedOutbox());
            SteadyBookings.hold(Duration.ofSeconds(8));
        }
        bookings.assertOnlyBookingsOrFastUnavailable();
        assertThat(bookings.answers("kafka down"))
                .as("bookings while Kafka is down: they commit, the outbox keeps their events")
                .anyMatch(a -> a.status() == 201);
        assertThat(drainedAfterMillis)
                .as("every outbox drained within %d s of the broker's return", DRAINED_WITHIN.toSeconds())
                .isLessThanOrEqualTo(DRAINED_WITHIN.toMillis());
        bookings.assertLedger(Duration.ofSeconds(90));
        assertThat(bookings.outboxesDrained()).as("outboxes empty at the end").isTrue();
    }
}
