package io.ibasho.notification.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ibasho.contracts.EventTypes;
import io.ibasho.contracts.Topics;
import io.ibasho.notification.support.Db;
import io.ibasho.notification.support.Events;
import io.ibasho.testsupport.IbashoServers;
import io.ibasho.testsupport.KafkaTopicWriter;
import io.ibasho.testsupport.MetricsPage;
import io.ibasho.testsupport.Readiness;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What an operator reads on notification's management port (docs/deploy.md, "Metrics"), as registration's test of the
 * same name: after a booking's message is stored, the consumers' lag is there and no label carries an id, an e-mail
 * address or a name; readiness lists PostgreSQL and Kafka, both UP. (The per-channel message meters have tests of
 * their own.)
 */
@QuarkusTest
@WithTestResource(value = IbashoServers.class, initArgs = @ResourceArg(name = "database", value = "notification"))
class MetricsAndReadinessTest {

    @TestHTTPResource(value = "/", management = true)
    URL management;

    @Test
    void aStoredMessageLeavesNoPersonalLabel() throws Exception {
        URI metrics = management.toURI();
        String hana = Events.subjectOf("hana");
        UUID sessionId = UUID.randomUUID();
        OffsetDateTime start = OffsetDateTime.now(ZoneOffset.UTC).plusDays(3);
        KafkaTopicWriter.send(Topics.EVENT_LIFECYCLE, sessionId.toString(), """
                {"specversion":"1.0","id":"%s","source":"/ibasho/event","type":"%s","subject":"%s","data":{"sessionId":"%s",
                 "organisationId":"hinata","titleJa":"ウィメンズカフェ","titleEn":"Women's Café","kind":"cafe","allocation":"FIRST_COME",
                 "status":"PUBLISHED","startsAt":"%s","endsAt":"%s","sequence":0}}
                """.formatted(
                UUID.randomUUID(), EventTypes.EVENT_PUBLISHED, sessionId, sessionId, start, start.plusHours(2)));
        UUID registration = UUID.randomUUID();
        Events.registration(EventTypes.REGISTRATION_CONFIRMED, sessionId, registration, hana, "CONFIRMED", null);

        await().atMost(Duration.ofSeconds(30))
                .until(() -> Db.count(
                                "select count(*) from inbox_message where registration_id = ?::uuid",
                                registration.toString())
                        == 1);
        MetricsPage page = MetricsPage.scrape(metrics);
        assertThat(page.samples())
                .as("consumer lag meters")
                .anyMatch(s -> s.name().startsWith("kafka_consumer_fetch_manager_records_lag"));
        assertThat(page.personalLabelValues(List.of(hana, "hana", "ウィメンズカフェ"))).isEmpty();
        assertThat(page.labelValues()).isNotEmpty();
    }

    @Test
    void readinessListsPostgresqlAndKafkaAndBothAreUp() throws Exception {
        List<String> names = Readiness.awaitEveryCheckUp(management.toURI());
        assertThat(names).as("readiness checks").anyMatch(name -> name.matches("(?i).*messaging.*"));
    }
}
