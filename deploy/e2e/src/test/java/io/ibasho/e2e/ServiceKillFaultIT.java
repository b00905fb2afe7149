package io.ibasho.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Issue 15, fault 2: a service killed with -9 in the middle of a steady run of bookings, then started again. While it
 * is gone the gateway answers its requests at once with 503 problem+json (never a 502, a 500 or a hang); after its
 * restart nothing is lost or duplicated: every booking registration committed has exactly one confirmation in her
 * inbox, also those whose events the killed notification had read but not yet acknowledged.
 */
class ServiceKillFaultIT {
    private static final Duration DOWN = Duration.ofSeconds(10);

    @Test
    void registrationKilledMidRun() throws Exception {
        StackFaults faults = StackFaults.onOwnStack();
        SteadyBookings bookings = new SteadyBookings(faults.stack(), "カフェ（障害試験 予約）", 4, 100);
        Duration restart;
        try (bookings) {
            bookings.start(4);
            SteadyBookings.hold(Duration.ofSeconds(6));
            long pid = faults.killApp("registration");
            // named once it is gone: a booking sent a moment before the kill may still have been answered 201
            bookings.phase("registration killed");
            System.out.printf("[faults] registration (pid %d) killed with SIGKILL%n", pid);
            SteadyBookings.hold(DOWN);
            bookings.phase("registration starting");
            restart = faults.restartApp("registration");
            System.out.printf("[faults] registration ready again after %d ms%n", restart.toMillis());
            bookings.phase("registration back");
            SteadyBookings.hold(Duration.ofSeconds(8));
        }
        bookings.assertOnlyBookingsOrFastUnavailable();
        assertThat(bookings.answers("registration killed"))
                .as("while registration is gone the gateway answers 503 problem+json, at once")
                .isNotEmpty()
                .allSatisfy(
                        a -> assertThat(a.unavailableProblem()).as(a.toString()).isTrue());
        assertThat(bookings.answers("registration back"))
                .as("after the restart bookings succeed again")
                .isNotEmpty()
                .allSatisfy(a -> assertThat(a.status()).as(a.toString()).isEqualTo(201));
        bookings.assertLedger(Duration.ofSeconds(90));
        assertThat(bookings.outboxesDrained()).as("outboxes empty at the end").isTrue();
    }

    @Test
    void notificationKilledMidRun() throws Exception {
        StackFaults faults = StackFaults.onOwnStack();
        SteadyBookings bookings = new SteadyBookings(faults.stack(), "カフェ（障害試験 お知らせ）", 4, 100);
        try (bookings) {
            bookings.start(4);
            SteadyBookings.hold(Duration.ofSeconds(6));
            long pid = faults.killApp("notification");
            bookings.phase("notification killed");
            System.out.printf("[faults] notification (pid %d) killed with SIGKILL%n", pid);
            SteadyBookings.hold(Duration.ofSeconds(2));
            // her inbox, through the gateway, while notification is gone
            String token = new StackAttendees(faults.stack()).token("hana");
            long t0 = System.nanoTime();
            HttpResponse<String> inbox = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(faults.stack().gateway + "/api/notifications/inbox"))
                                    .timeout(SteadyBookings.HANG)
                                    .header("Authorization", "Bearer " + token)
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            long millis = (System.nanoTime() - t0) / 1_000_000;
            System.out.printf("[faults] inbox while notification is gone: %d in %d ms%n", inbox.statusCode(), millis);
            assertThat(inbox.statusCode())
                    .as("her inbox while notification is gone")
                    .isEqualTo(503);
            assertThat(inbox.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
            assertThat(inbox.body()).contains("upstream-unavailable").doesNotContain("Exception");
            assertThat(millis).as("answered fast").isLessThanOrEqualTo(SteadyBookings.FAIL_FAST.toMillis());
            SteadyBookings.hold(DOWN);
            bookings.phase("notification starting");
            Duration restart = faults.restartApp("notification");
            System.out.printf("[faults] notification ready again after %d ms%n", restart.toMillis());
            bookings.phase("notification back");
            SteadyBookings.hold(Duration.ofSeconds(8));
        }
        bookings.assertOnlyBookingsOrFastUnavailable();
        assertThat(bookings.answers())
                .as("bookings do not need notification: every one succeeds")
                .allSatisfy(a -> assertThat(a.status()).as(a.toString()).isEqualTo(201));
        bookings.assertLedger(Duration.ofSeconds(90));
        assertThat(bookings.outboxesDrained()).as("outboxes empty at the end").isTrue();
    }
}
