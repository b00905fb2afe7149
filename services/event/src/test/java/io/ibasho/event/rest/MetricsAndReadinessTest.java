package io.ibasho.event.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
 * What an operator reads on event's management port (docs/deploy.md, "Metrics"), as registration's test of the same
 * name: a published session moves the published counter, a refused request the refusals, the outbox gauges are there,
 * and no label carries an id, an e-mail address or a name; readiness lists PostgreSQL and Kafka, both UP.
 */
@QuarkusTest
@WithTestResource(value = IbashoServers.class, initArgs = @ResourceArg(name = "database", value = "event"))
class MetricsAndReadinessTest {
    private static final Map<String, String> PUBLISHED = Map.of("type", EventTypes.EVENT_PUBLISHED);
    private static final Map<String, String> NOT_FOUND = Map.of("status", "404");

    @TestHTTPResource(value = "/", management = true)
    URL management;

    @Test
    void aPublishedSessionAndARefusalMoveTheFiguresAndNoLabelIsPersonal() throws Exception {
        URI metrics = management.toURI();
        MetricsPage before = MetricsPage.scrape(metrics);
        String area = TestData.uniqueArea();
        String venue = TestData.createVenue(TestData.organiser1(), TestData.venue(area, "PUBLIC", false, List.of()));
        TestData.createPublished(TestData.organiser1(), TestData.cafe(venue, TestData.tokyo(20, 10, 0)));
        given().get("/api/events/sessions/" + UUID.randomUUID()).then().statusCode(404);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            MetricsPage after = MetricsPage.scrape(metrics);
            assertThat(after.sum("ibasho_events_published_total", PUBLISHED))
                    .as("published sessions on Kafka")
                    .isGreaterThanOrEqualTo(before.sum("ibasho_events_published_total", PUBLISHED) + 1);
            assertThat(after.sum("ibasho_refusals_total", NOT_FOUND))
                    .as("refusals: an unknown session")
                    .isGreaterThanOrEqualTo(before.sum("ibasho_refusals_total", NOT_FOUND) + 1);
        });
        MetricsPage page = MetricsPage.scrape(metrics);
        assertThat(page.has("ibasho_outbox_pending")).isTrue();
        assertThat(page.has("ibasho_outbox_oldest_pending_age_seconds")).isTrue();
        assertThat(page.personalLabelValues(List.of("organiser1", area))).isEmpty();
        assertThat(page.labelValues()).isNotEmpty();
    }

    @Test
    void readinessListsPostgresqlAndKafkaAndBothAreUp() throws Exception {
        Readiness.awaitEveryCheckUp(management.toURI());
    }
}
