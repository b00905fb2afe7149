package io.ibasho.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.ibasho.localstack.LocalStack;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 15, fault 3: PostgreSQL stopped for 10 s in the middle of a steady run of bookings and started again. While it
 * is down the services answer at once with 503 problem+json (database-unavailable), never a 500 or a hang; they
 * reconnect by themselves (the same processes, no restart), and nothing is lost or duplicated: the consumers that read
 * an event while the database was gone wait for it instead of dead-lettering the event.
 */
class PostgresRestartFaultIT {
    private static final Duration DOWN = Duration.ofSeconds(10);

    @Test
    void servicesFailFastWhilePostgresIsDownAndReconnectByThemselves() throws Exception {
        StackFaults faults = StackFaults.onOwnStack();
        Map<String, Long> pids = new LinkedHashMap<>();
        for (String service : LocalStack.SERVICES) {
            pids.put(service, faults.pidOf(service));
        }
        SteadyBookings bookings = new SteadyBookings(faults.stack(), "カフェ（障害試験 DB）", 4, 60);
        try (bookings) {
            bookings.start(4);
            SteadyBookings.hold(Duration.ofSeconds(6));
            bookings.phase("postgres stopping");
            faults.stopPostgres();
            bookings.phase("postgres down");
            System.out.printf("[faults] PostgreSQL stopped for %d s%n", DOWN.toSeconds());
            SteadyBookings.hold(DOWN);
            bookings.phase("postgres starting");
            faults.startPostgres();
            bookings.phase("postgres back");
            // the pools notice their connections are gone on first use: give them a few seconds before judging
            SteadyBookings.hold(Duration.ofSeconds(5));
            bookings.phase("postgres back 5 s");
            SteadyBookings.hold(Duration.ofSeconds(8));
        }
        bookings.assertOnlyBookingsOrFastUnavailable();
        assertThat(bookings.answers("postgres down"))
                .as("while PostgreSQL is down: 503 database-unavailable, at once")
                .isNotEmpty()
                .allSatisfy(
                        a -> assertThat(a.unavailableProblem()).as(a.toString()).isTrue());
        assertThat(bookings.answers("postgres back 5 s"))
                .as("the services reconnected by themselves: bookings succeed again")
                .isNotEmpty()
                .allSatisfy(a -> assertThat(a.status()).as(a.toString()).isEqualTo(201));
        for (String service : LocalStack.SERVICES) {
            assertThat(faults.pidOf(service)).as(service + " was not restarted").isEqualTo(pids.get(service));
        }
        bookings.assertLedger(Duration.ofSeconds(90));
        assertThat(bookings.outboxesDrained()).as("outboxes empty at the end").isTrue();
    }
}
