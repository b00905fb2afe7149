package io.ibasho.notification.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ibasho.contracts.EventTypes;
import io.ibasho.notification.support.Attendees;
import io.ibasho.notification.support.Events;
import io.ibasho.notification.support.TestMailbox;
import io.ibasho.testsupport.IbashoServers;
import io.ibasho.testsupport.MetricsPage;
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
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What an operator reads on the management port about messages (docs/notifications.md, "Meters"): sent, failed and
 * dead-lettered per channel, every channel there from the start, the only label the channel (a closed set), and a
 * booking's message moving the in-app and e-mail figures. The failure figures move in EmailFailureTest.
 */
@QuarkusTest
@WithTestResource(value = IbashoServers.class, initArgs = @ResourceArg(name = "database", value = "notification"))
class NotificationMetersTest {
    static final List<String> METERS = List.of(
            "ibasho_notifications_sent_total",
            "ibasho_notifications_failed_total",
            "ibasho_notifications_dead_lettered_total");
    static final Set<String> CHANNELS = Set.of("in-app", "email", "line", "webhook");

    @TestHTTPResource(value = "/", management = true)
    URL management;

    @Test
    void everyChannelIsCountedFromTheStartAndNoLabelIsPersonal() throws Exception {
        MetricsPage page = MetricsPage.scrape(management.toURI());
        for (String meter : METERS) {
            List<MetricsPage.Sample> series = page.samples().stream()
                    .filter(sample -> sample.name().equals(meter))
                    .toList();
            assertThat(series)
                    .as(meter)
                    .extracting(sample -> sample.labels().get("channel"))
                    .containsExactlyInAnyOrderElementsOf(CHANNELS);
            assertThat(series)
                    .as(meter + ": the channel is the only label of ours")
                    .allSatisfy(sample -> assertThat(sample.labels().keySet()).isSubsetOf(Set.of("channel")));
        }
    }

    @Test
    void aConfirmedBookingIsCountedInTheInboxAndByEmail() throws Exception {
        URI metrics = management.toURI();
        TestMailbox.start();
        String mei = Events.subjectOf("mei");
        String address = "mei-meters-" + UUID.randomUUID() + "@example.jp";
        Attendees.verifyAddress("mei", address);
        Attendees.choose("mei", "{\"language\":\"en\",\"channels\":[\"in-app\",\"email\"],\"fullDetail\":false}");
        try {
            UUID session = UUID.randomUUID();
            Events.session(
                    EventTypes.EVENT_PUBLISHED,
                    session,
                    "カフェ",
                    "Cafe",
                    "FIRST_COME",
                    null,
                    OffsetDateTime.now(ZoneOffset.UTC).plusDays(6),
                    0,
                    null);
            MetricsPage before = MetricsPage.scrape(metrics);
            UUID registration = UUID.randomUUID();
            Events.registration(EventTypes.REGISTRATION_CONFIRMED, session, registration, mei, "CONFIRMED", null);

            TestMailbox.awaitCount(address, 1, Duration.ofSeconds(30));
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                MetricsPage after = MetricsPage.scrape(metrics);
                for (String channel : List.of("in-app", "email")) {
                    assertThat(after.sum("ibasho_notifications_sent_total", Map.of("channel", channel)))
                            .as("sent by " + channel)
                            .isGreaterThanOrEqualTo(
                                    before.sum("ibasho_notifications_sent_total", Map.of("channel", channel)) + 1);
                }
            });
            MetricsPage after = MetricsPage.scrape(metrics);
            assertThat(after.personalLabelValues(List.of(mei, address, registration.toString(), session.toString())))
                    .isEmpty();
        } finally {
            Attendees.choose("mei", "{\"language\":\"ja\",\"channels\":[\"in-app\"],\"fullDetail\":false}");
        }
    }
}
