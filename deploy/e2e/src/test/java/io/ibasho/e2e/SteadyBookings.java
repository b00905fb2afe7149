package io.ibasho.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.ibasho.localstack.LocalStack;
import io.ibasho.localstack.PostgresServer;
import io.restassured.path.json.JsonPath;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * A steady run of bookings through the gateway, a few women a second, each with her own real token, while a fault
 * happens; and the ledger afterwards: what registration committed, what the outboxes still hold, and the messages
 * notification made of it. Each booking is one woman in one of the run's sessions, never repeated, so every answer
 * stands for one booking.
 */
final class SteadyBookings implements AutoCloseable {
    /** An answer slower than this is a hang, whatever its status. */
    static final Duration HANG = Duration.ofSeconds(15);

    /** A 503 must come at least this fast: failing fast is the point of it. */
    static final Duration FAIL_FAST = Duration.ofSeconds(5);

    record Answer(String phase, int status, String contentType, String registrationId, long millis) {
        boolean hung() {
            return status < 0;
        }

        boolean unavailableProblem() {
            return status == 503 && contentType.startsWith("application/problem+json");
        }
    }

    private final SecurityStack stack;
    private final StackAttendees attendees;
    private final List<String> sessions;
    private final List<String> women;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();
    private final AtomicInteger next = new AtomicInteger();
    private final ScheduledExecutorService pace = Executors.newSingleThreadScheduledExecutor();
    private final ExecutorService requests = Executors.newFixedThreadPool(16);
    private volatile String phase = "before";

    /**
     * {@code sessionCount} first-come sessions of hinata with room for everyone, {@code womenCount} new attendees, and
     * each session known to registration (it learns them over Kafka) before the run starts.
     */
    SteadyBookings(SecurityStack stack, String title, int sessionCount, int womenCount) {
        this.stack = stack;
        this.attendees = new StackAttendees(stack);
        OffsetDateTime start = OffsetDateTime.now(ZoneOffset.ofHours(9))
                .plusDays(12)
                .withHour(10)
                .withMinute(0)
                .withSecond(0)
                .withNano(0);
        List<String> made = new ArrayList<>();
        for (int i = 0; i < sessionCount; i++) {
            OffsetDateTime at = start.plusDays(i);
            made.add(attendees.publishedSession(Map.of(
                    "kind",
                    "workshop",
                    "titleJa",
                    title,
                    "startsAt",
                    at.toString(),
                    "endsAt",
                    at.plusHours(2).toString(),
                    "capacity",
                    womenCount + 10,
                    "allocation",
                    "FIRST_COME",
                    "applicationOpensAt",
                    at.minusDays(30).toString(),
                    "applicationClosesAt",
                    at.minusDays(1).toString())));
        }
        this.sessions = List.copyOf(made);
        this.women = attendees.create("fault", womenCount);
        women.forEach(attendees::token); // tokens first: the run measures bookings, not Keycloak
        // the first woman books each session as soon as registration knows it (404 before)
        for (String session : sessions) {
            attendees.postUntil(
                    women.get(0),
                    "/api/registrations/sessions/" + session + "/bookings",
                    Map.of("nickname", "さくら"),
                    201,
                    Duration.ofSeconds(120));
        }
        next.set(sessions.size()); // booking k: woman k % women, session k / women; the first of each is taken
    }

    List<String> sessions() {
        return sessions;
    }

    /** Starts booking {@code perSecond} times a second, each on a thread of its own so a slow answer delays no other. */
    void start(int perSecond) {
        pace.scheduleAtFixedRate(this::bookOne, 0, 1000 / perSecond, TimeUnit.MILLISECONDS);
    }

    /** Names the answers from now on (e.g. "kafka down"). */
    void phase(String name) {
        System.out.printf("[faults] %s: phase %s%n", OffsetDateTime.now(ZoneOffset.UTC), name);
        this.phase = name;
    }

    private void bookOne() {
        int k = nextPair();
        if (k < 0) {
            return;
        }
        String woman = women.get(k % women.size());
        String session = sessions.get(k / women.size());
        String currentPhase = phase;
        requests.submit(() -> answers.add(book(currentPhase, woman, session)));
    }

    /** The next (woman, session) pair never tried, skipping each session's first booking; -1 when all are used. */
    private int nextPair() {
        while (true) {
            int k = next.getAndIncrement();
            if (k >= women.size() * sessions.size()) {
                return -1;
            }
            if (k % women.size() != 0) {
                return k;
            }
        }
    }

    private Answer book(String phase, String woman, String session) {
        long t0 = System.nanoTime();
        try {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(
                                    URI.create(stack.gateway + "/api/registrations/sessions/" + session + "/bookings"))
                            .timeout(HANG)
                            .header("Authorization", "Bearer " + attendees.token(woman))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"nickname\":\"すみれ\"}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            long millis = (System.nanoTime() - t0) / 1_000_000;
            String type = response.headers().firstValue("Content-Type").orElse("");
            String id = response.statusCode() == 201
                    ? JsonPath.from(response.body()).getString("id")
                    : null;
            if (response.statusCode() != 201 && response.statusCode() != 503) {
                // the body of an unexpected answer says what broke (problem+json: a type and an incident id)
                System.out.printf("[faults] %s: %d %s%n", phase, response.statusCode(), response.body());
            }
            return new Answer(phase, response.statusCode(), type, id, millis);
        } catch (HttpTimeoutException e) {
            return new Answer(phase, -1, "", null, (System.nanoTime() - t0) / 1_000_000);
        } catch (java.io.IOException e) {
            // the gateway itself is never a fault here: a broken connection to it is a failure of the run
            return new Answer(phase, -2, e.getClass().getSimpleName(), null, (System.nanoTime() - t0) / 1_000_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(phase, -3, "", null, 0);
        }
    }

    /** Stops booking and waits for the answers still out. */
    @Override
    public void close() {
        pace.shutdownNow();
        requests.shutdown();
        try {
            if (!requests.awaitTermination(HANG.toSeconds() + 10, TimeUnit.SECONDS)) {
                requests.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        report();
    }

    List<Answer> answers() {
        return List.copyOf(answers);
    }

    List<Answer> answers(String phase) {
        return answers.stream().filter(a -> a.phase().equals(phase)).toList();
    }

    /** One line per phase and status: count and slowest answer, for the log (docs/faults.md quotes them). */
    void report() {
        Map<String, Map<Integer, List<Answer>>> byPhase = answers.stream()
                .collect(Collectors.groupingBy(
                        Answer::phase,
                        TreeMap::new,
                        Collectors.groupingBy(Answer::status, TreeMap::new, Collectors.toList())));
        byPhase.forEach((phase, statuses) -> statuses.forEach((status, list) -> System.out.printf(
                "[faults] phase %-22s status %4d: %4d answers, slowest %5d ms%n",
                phase,
                status,
                list.size(),
                list.stream().mapToLong(Answer::millis).max().orElse(0))));
    }

    /**
     * Never a 500, never a hang: each answer is a booking (201) or a 503 problem+json that came fast. Everything else
     * (a 500, a 502 or 504 from the gateway, no answer within {@link #HANG}) fails the run.
     */
    void assertOnlyBookingsOrFastUnavailable() {
        List<Answer> all = answers();
        assertThat(all).as("answers").isNotEmpty();
        assertThat(all)
                .as("every answer is 201, or 503 problem+json within %s s", FAIL_FAST.toSeconds())
                .allSatisfy(a -> assertThat(
                                a.status() == 201 || a.unavailableProblem() && a.millis() <= FAIL_FAST.toMillis())
                        .as(a.toString())
                        .isTrue());
    }

    // ---- the ledger: the databases compared with what was delivered

    private Connection database(String service) throws SQLException {
        PostgresServer postgres = stack.stack.postgres();
        return DriverManager.getConnection(postgres.jdbcUrl(LocalStack.databaseOf(service)), PostgresServer.USER, "");
    }

    /** Registrations confirmed in the run's sessions, by id, with whose they are. */
    Map<String, String> confirmedBookings() throws SQLException {
        try (Connection c = database("registration");
                var statement = c.prepareStatement(
                        "select id::text, attendee_id from registration where session_id::text = any(?) and status = 'CONFIRMED'")) {
            statement.setArray(1, c.createArrayOf("text", sessions.toArray()));
            Map<String, String> confirmed = new HashMap<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    confirmed.put(rows.getString(1), rows.getString(2));
                }
            }
            return confirmed;
        }
    }

    /** Outbox rows not yet on Kafka, per service that has an outbox. */
    Map<String, Integer> unpublishedOutbox() throws SQLException {
        Map<String, Integer> pending = new TreeMap<>();
        for (String service : LocalStack.SERVICES) {
            try (Connection c = database(service);
                    var statement = c.createStatement()) {
                try (ResultSet exists = statement.executeQuery("select to_regclass('outbox_message') is not null")) {
                    exists.next();
                    if (!exists.getBoolean(1)) {
                        continue;
                    }
                }
                try (ResultSet rows =
                        statement.executeQuery("select count(*) from outbox_message where published_at is null")) {
                    rows.next();
                    pending.put(service, rows.getInt(1));
                }
            }
        }
        return pending;
    }

    boolean outboxesDrained() {
        try {
            return unpublishedOutbox().values().stream().allMatch(n -> n == 0);
        } catch (SQLException e) {
            return false;
        }
    }

    /** Booking confirmations in notification: registration id, recipient, channel, how many. */
    record Delivered(String registrationId, String recipient, String channel, int count) {}

    List<Delivered> confirmationsDelivered() throws SQLException {
        // the in-app inbox (every message) and e-mail deliveries (when she chose e-mail): one row per channel
        String sql = """
                select registration_id::text, recipient_id, channel, count(*) from inbox_message
                 where session_id::text = any(?) and kind = 'BOOKING_CONFIRMED' group by 1, 2, 3
                union all
                select m.registration_id::text, d.recipient_id, d.channel, count(*) from email_delivery d
                  join inbox_message m on m.id = d.inbox_message_id
                 where m.session_id::text = any(?) and m.kind = 'BOOKING_CONFIRMED' group by 1, 2, 3""";
        try (Connection c = database("notification");
                var statement = c.prepareStatement(sql)) {
            statement.setArray(1, c.createArrayOf("text", sessions.toArray()));
            statement.setArray(2, c.createArrayOf("text", sessions.toArray()));
            List<Delivered> delivered = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    delivered.add(
                            new Delivered(rows.getString(1), rows.getString(2), rows.getString(3), rows.getInt(4)));
                }
            }
            return delivered;
        }
    }

    /**
     * Nothing lost, nothing twice: every 201 is a confirmed booking in registration's database; every confirmed booking
     * (also one whose answer was lost to the fault) has exactly one confirmation in her inbox and at most one per other
     * channel, and there is none for a booking registration does not have. Waits up to {@code within} for the messages.
     */
    void assertLedger(Duration within) throws Exception {
        Map<String, String> confirmed = confirmedBookings();
        Set<String> answered201 = answers.stream()
                .filter(a -> a.status() == 201)
                .map(Answer::registrationId)
                .collect(Collectors.toSet());
        assertThat(confirmed.keySet()).as("every 201 is a confirmed booking").containsAll(answered201);

        long deadline = System.nanoTime() + within.toNanos();
        List<Delivered> delivered = confirmationsDelivered();
        while (!inAppFor(delivered).equals(confirmed.keySet()) && System.nanoTime() < deadline) {
            Thread.sleep(500);
            delivered = confirmationsDelivered();
        }
        System.out.printf(
                "[faults] ledger: %d confirmed bookings (%d answered 201), %d confirmations delivered%n",
                confirmed.size(), answered201.size(), delivered.size());
        assertThat(inAppFor(delivered))
                .as("a booking confirmation in her inbox for each confirmed booking, and for nothing else")
                .isEqualTo(confirmed.keySet());
        assertThat(delivered)
                .as("exactly one message per booking, recipient and channel, to the woman who booked")
                .allSatisfy(d -> {
                    assertThat(d.count()).as(d.toString()).isEqualTo(1);
                    assertThat(d.recipient()).as(d.toString()).isEqualTo(confirmed.get(d.registrationId()));
                });
        Map<String, Long> perRegistrationAndChannel = delivered.stream()
                .collect(Collectors.groupingBy(d -> d.registrationId() + " " + d.channel(), Collectors.counting()));
        assertThat(perRegistrationAndChannel.values())
                .as("one recipient per booking and channel")
                .allMatch(n -> n == 1);
    }

    private static Set<String> inAppFor(Collection<Delivered> delivered) {
        Set<String> ids = new HashSet<>();
        delivered.stream().filter(d -> d.channel().equals("in-app")).forEach(d -> ids.add(d.registrationId()));
        return ids;
    }

    /** Sleeps, as the fault's length or the time between its steps. */
    static void hold(Duration duration) {
        StackAttendees.pause(duration);
    }
}
