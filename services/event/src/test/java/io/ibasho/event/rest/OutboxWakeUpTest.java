package io.ibasho.event.rest;

import static io.ibasho.event.rest.TestData.createPublished;
import static io.ibasho.event.rest.TestData.createVenue;
import static io.ibasho.event.rest.TestData.eventOfType;
import static io.ibasho.event.rest.TestData.eventsUntil;
import static io.ibasho.event.rest.TestData.organiser1;
import static io.ibasho.event.rest.TestData.tokyo;
import static io.ibasho.event.rest.TestData.uniqueArea;
import static io.ibasho.event.rest.TestData.venue;
import static org.assertj.core.api.Assertions.assertThat;

import io.ibasho.contracts.EventTypes;
import io.ibasho.plumbing.time.FrequentPolls;
import io.ibasho.testsupport.IbashoServers;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The outbox relay is woken by the commit (PostgreSQL NOTIFY from Outbox.append), not only by its poll: with the poll's
 * timer held (no tick runs anything, as with a poll set to an hour), a published session's event still reaches Kafka
 * within seconds. The timer is held in the application the module's other tests share, rather than in a configuration
 * profile of its own, which cost a second start of the application and a second clean slate of the test servers.
 */
@QuarkusTest
@WithTestResource(value = IbashoServers.class, initArgs = @ResourceArg(name = "database", value = "event"))
class OutboxWakeUpTest {

    @Inject
    FrequentPolls polls;

    @Test
    void aCommittedEventIsPublishedAtOnceThoughTheRelayPollsOnlyHourly() throws InterruptedException {
        // no tick at all during the test: only a wake-up can publish
        polls.holdTicks(Duration.ofSeconds(30));
        try {
            String venue = createVenue(organiser1(), venue(uniqueArea(), "PUBLIC", false, List.of()));
            String session = createPublished(organiser1(), TestData.cafe(venue, tokyo(30, 10, 0)));

            assertThat(eventOfType(eventsUntil(session, EventTypes.EVENT_PUBLISHED), EventTypes.EVENT_PUBLISHED)
                            .path("data")
                            .path("sessionId")
                            .asText())
                    .isEqualTo(session);
        } finally {
            polls.resumeTicks();
        }
    }
}
