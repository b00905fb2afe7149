package io.ibasho.registration.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.ibasho.registration.support.Api;
import io.ibasho.registration.support.HttpLoad;
import io.ibasho.registration.support.Sessions;
import io.ibasho.registration.support.TestAttendees;
import io.ibasho.testsupport.IbashoServers;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Never overbook, proven through real HTTP: real Keycloak accounts fire concurrent booking requests, several each, at
 * a 10-seat session. Exactly 10 are confirmed, every other answer is a 409 problem, none is a 5xx.
 * <p>
 * The build runs a smaller load that still contends (60 people, 5 tries each, 300 requests over 32 connections: six
 * people per seat, and each person races herself); {@code -Dibasho.load.full=true} runs the full one (200 people,
 * 10 tries each, 2,000 requests over 64 connections), as the benchmark does (docs/benchmarks.md).
 */
@QuarkusTest
@WithTestResource(value = IbashoServers.class, initArgs = @ResourceArg(name = "database", value = "registration"))
class OverbookingLoadTest {
    static final boolean FULL = Boolean.getBoolean("ibasho.load.full");
    static final int PEOPLE = FULL ? 200 : 60;
    static final int TRIES_EACH = FULL ? 10 : 5;
    static final int CONNECTIONS = FULL ? 64 : 32;
    static final int SEATS = 10;

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    @Test
    void concurrentBookingsNeverOverbookATenSeatSession() throws Exception {
        List<String> people = TestAttendees.create("load", PEOPLE);
        Map<String, String> tokens = TestAttendees.tokens(people);
        UUID sessionId = Sessions.published(SEATS);
        Api.roster("organiser1", sessionId); // warm the organiser's token
        org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> Api.roster("organiser1", sessionId).statusCode() == 200);

        List<String> requests = new ArrayList<>();
        people.forEach(person -> requests.addAll(Collections.nCopies(TRIES_EACH, person)));
        Collections.shuffle(requests, new Random(42));
        HttpLoad.Result result = HttpLoad.fire(
                "http://127.0.0.1:" + port + "/api/registrations/sessions/" + sessionId + "/bookings",
                requests,
                tokens,
                CONNECTIONS,
                Duration.ofSeconds(150));

        assertThat(result.calls()).hasSize(PEOPLE * TRIES_EACH);
        Map<Integer, Long> byStatus =
                result.calls().stream().collect(Collectors.groupingBy(HttpLoad.Call::status, Collectors.counting()));
        assertThat(byStatus).as("statuses").containsOnlyKeys(201, 409);
        assertThat(byStatus.get(201)).isEqualTo(SEATS);
        assertThat(result.calls().stream()
                        .filter(c -> c.status() == 201)
                        .map(HttpLoad.Call::user)
                        .distinct())
                .hasSize(SEATS);
        assertThat(result.calls().stream().filter(c -> c.status() == 409))
                .allSatisfy(c -> assertThat(c.body()).containsAnyOf("session-full", "already-registered"));

        var roster = Api.roster("organiser1", sessionId).then().statusCode(200).extract();
        assertThat(roster.<Integer>path("confirmed")).isEqualTo(SEATS);
        assertThat(roster.<Integer>path("seatsTaken")).isEqualTo(SEATS);
        assertThat(roster.<List<String>>path("entries.status"))
                .containsOnly("confirmed")
                .hasSize(SEATS);
        System.out.printf(
                "overbooking load: %d requests, %.0f req/s, p50 %.1f ms, p95 %.1f ms, p99 %.1f ms%n",
                result.calls().size(),
                result.perSecond(),
                result.percentileMillis(50),
                result.percentileMillis(95),
                result.percentileMillis(99));
    }
}
