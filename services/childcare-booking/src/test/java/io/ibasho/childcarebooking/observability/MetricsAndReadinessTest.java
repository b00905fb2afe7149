package io.ibasho.childcarebooking.observability;

import static io.ibasho.childcarebooking.Fixtures.published;
import static io.ibasho.childcarebooking.Fixtures.replyTo;
import static io.ibasho.childcarebooking.Fixtures.requestChildcare;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ibasho.childcarebooking.Fixtures.Session;
import io.ibasho.contracts.EventTypes;
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
 * What an operator reads on childcare-booking's management port (docs/deploy.md, "Metrics"), as registration's test of
 * the same name: a reservation answered over Kafka moves the published counter, the outbox gauges and the consumers'
 * lag are there, and no label carries an id or a name; readiness lists PostgreSQL and Kafka, both UP.
 */
@QuarkusTest
@WithTestResource(value = IbashoServers.class, initArgs = @ResourceArg(name = "database", value = "childcare_booking"))
class MetricsAndReadinessTest {
    private static final Map<String, String> RESERVED = Map.of("type", EventTypes.CHILDCARE_RESERVED);

    @TestHTTPResource(value = "/", management = true)
    URL management;

    @Test
    void aReservationMovesTheFiguresAndNoLabelIsPersonal() throws Exception {
        URI metrics = management.toURI();
        MetricsPage before = MetricsPage.scrape(metrics);
        Session session = published(Session.of("hinata", 2));
        String attendee = "attendee-" + UUID.randomUUID();
        UUID request = UUID.randomUUID();
        requestChildcare(session.id(), UUID.randomUUID(), attendee, request, 2);
        assertThat(replyTo(session.id(), request).path("type").asText()).isEqualTo(EventTypes.CHILDCARE_RESERVED);

        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(
                        () -> assertThat(MetricsPage.scrape(metrics).sum("ibasho_events_published_total", RESERVED))
                                .as("reservations published")
                                .isGreaterThanOrEqualTo(before.sum("ibasho_events_published_total", RESERVED) + 1));
        MetricsPage page = MetricsPage.scrape(metrics);
        assertThat(page.has("ibasho_outbox_pending")).isTrue();
        assertThat(page.has("ibasho_outbox_oldest_pending_age_seconds")).isTrue();
        assertThat(page.samples())
                .as("consumer lag meters")
                .anyMatch(s -> s.name().startsWith("kafka_consumer_fetch_manager_records_lag"));
        assertThat(page.personalLabelValues(List.of(attendee, "hinata-carer"))).isEmpty();
        assertThat(page.labelValues()).isNotEmpty();
    }

    @Test
    void readinessListsPostgresqlAndKafkaAndBothAreUp() throws Exception {
        List<String> names = Readiness.awaitEveryCheckUp(management.toURI());
        assertThat(names).as("readiness checks").anyMatch(name -> name.matches("(?i).*messaging.*"));
    }
}
