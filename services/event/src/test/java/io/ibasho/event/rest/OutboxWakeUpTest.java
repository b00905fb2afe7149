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
import io.ibasho.testsupport.IbashoServers;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The outbox relay is woken by the commit (PostgreSQL NOTIFY from Outbox.append), not only by its poll: with the poll
 * set to an hour, a published session's event still reaches Kafka within seconds.
 */
@QuarkusTest
@TestProfile(OutboxWakeUpTest.PollOnceAnHour.class)
@WithTestResource(value = IbashoServers.class, initArgs = @ResourceArg(name = "database", value = "event"))
class OutboxWakeUpTest {

    public static class PollOnceAnHour implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // no poll at all during the test, the first one included: only a wake-up can publish
            return Map.of("ibasho.outbox.poll-interval", "1h", "ibasho.outbox.first-poll-after", "1h");
        }
    }

    @Test
    void aCommittedEventIsPublishedAtOnceThoughTheRelayPollsOnlyHourly() {
        String venue = createVenue(organiser1(), venue(uniqueArea(), "PUBLIC", false, List.of()));
        String session = createPublished(organiser1(), TestData.cafe(venue, tokyo(30, 10, 0)));

        assertThat(eventOfType(eventsUntil(session, EventTypes.EVENT_PUBLISHED), EventTypes.EVENT_PUBLISHED)
                        .path("data")
                        .path("sessionId")
                        .asText())
                .isEqualTo(session);
    }
}
