package io.ibasho.registration.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ibasho.contracts.EventTypes;
import io.ibasho.registration.support.Api;
import io.ibasho.registration.support.Sessions;
import io.ibasho.registration.support.TestAttendees;
import io.ibasho.testsupport.IbashoServers;
import io.ibasho.testsupport.MetricsPage;
import io.ibasho.testsupport.Readiness;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What an operator reads on the management port after real bookings (docs/deploy.md, "Metrics"): the figures move,
 * and no label carries an id, an e-mail address or a nickname; readiness lists PostgreSQL and Kafka, both UP.
 */
@QuarkusTest
@WithTestResource(value = IbashoServers.class, initArgs = @ResourceArg(name = "database", value = "registration"))
class MetricsAndReadinessTest {
    private static final Map<String, String> CONFIRMED = Map.of("type", EventTypes.REGISTRATION_CONFIRMED);
    private static final Map<String, String> FULL = Map.of("type", "session-full", "status", "409");

    @TestHTTPResource(value = "/", management = true)
    URL management;

    @Test
    void aConfirmedAndARefusedBookingMoveTheFiguresAndNoLabelIsPersonal() throws Exception {
        URI metrics = management.toURI();
        MetricsPage before = MetricsPage.scrape(metrics);
        List<String> women = TestAttendees.create("metrics", 2);
        String[] nicknames = {"Kasumi-" + UUID.randomUUID().toString().substring(0, 6), "Chiaki-metrics"};
        UUID session = Sessions.published(1);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> Api.book(women.get(0), session, nicknames[0]).statusCode() != 404);
        assertThat(Api.myRegistration(women.get(0), session)).containsEntry("status", "confirmed");
        Api.book(women.get(1), session, nicknames[1]).then().statusCode(409);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            MetricsPage after = MetricsPage.scrape(metrics);
            assertThat(after.sum("ibasho_events_published_total", CONFIRMED))
                    .as("confirmed bookings published")
                    .isGreaterThanOrEqualTo(before.sum("ibasho_events_published_total", CONFIRMED) + 1);
            assertThat(after.sum("ibasho_refusals_total", FULL))
                    .as("bookings refused because the session is full")
                    .isEqualTo(before.sum("ibasho_refusals_total", FULL) + 1);
        });
        MetricsPage page = MetricsPage.scrape(metrics);
        assertThat(page.has("ibasho_outbox_pending")).isTrue();
        assertThat(page.has("ibasho_outbox_oldest_pending_age_seconds")).isTrue();
        // consumer lag, per consumer group and partition, from the Kafka clients' own metrics
        assertThat(page.samples())
                .as("consumer lag meters")
                .anyMatch(s -> s.name().startsWith("kafka_consumer_fetch_manager_records_lag"));
        List<String> everyUser = new java.util.ArrayList<>(women);
        everyUser.addAll(List.of(nicknames));
        assertThat(page.personalLabelValues(everyUser)).isEmpty();
        assertThat(page.labelValues()).isNotEmpty();
    }

    @Test
    void readinessListsPostgresqlAndKafkaAndBothAreUp() throws Exception {
        List<String> names = Readiness.awaitEveryCheckUp(management.toURI());
        assertThat(names).as("readiness checks").anyMatch(name -> name.matches("(?i).*messaging.*"));
    }
}
