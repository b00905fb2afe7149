package io.ibasho.event.rest;

import static io.ibasho.event.rest.TestData.createPublished;
import static io.ibasho.event.rest.TestData.createVenue;
import static io.ibasho.event.rest.TestData.organiser1;
import static io.ibasho.event.rest.TestData.tokyo;
import static io.ibasho.event.rest.TestData.uniqueArea;
import static io.ibasho.event.rest.TestData.venue;
import static org.assertj.core.api.Assertions.assertThat;

import io.ibasho.contracts.EventTypes;
import io.ibasho.event.service.SessionCompletionJob;
import io.ibasho.testsupport.IbashoServers;
import io.ibasho.testsupport.TestServers;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * With N replicas every replica runs the scheduled jobs. Several runs at once stand in for the replicas here: each
 * ended session must still be completed, and announced, exactly once.
 */
@QuarkusTest
@WithTestResource(value = IbashoServers.class, initArgs = @ResourceArg(name = "database", value = "event"))
class JobsRunOnceAcrossReplicasTest {
    @Inject
    SessionCompletionJob completion;

    @Test
    void concurrentCompletionRunsAnnounceEachEndedSessionOnce() throws Exception {
        String venueId = createVenue(organiser1(), venue(uniqueArea(), "PUBLIC", false, List.of()));
        List<String> ended = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            ended.add(createPublished(organiser1(), TestData.cafe(venueId, tokyo(1 + i, 10, 0))));
        }
        // All end at once, just before the runs start, so that the runs (not the test's 1 s scheduler) find them.
        try (var db = database();
                var moveIntoThePast =
                        db.prepareStatement("update session set starts_at = starts_at - interval '20 days',"
                                + " ends_at = ends_at - interval '20 days' where id = any (?)")) {
            moveIntoThePast.setArray(
                    1,
                    db.createArrayOf(
                            "uuid", ended.stream().map(UUID::fromString).toArray()));
            assertThat(moveIntoThePast.executeUpdate()).isEqualTo(ended.size());
        }
        var replicas = Executors.newFixedThreadPool(4);
        try {
            List<Future<Void>> runs = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                Callable<Void> run = () -> {
                    try {
                        VertxContextSupport.subscribeAndAwait(() -> completion.completeEnded());
                    } catch (Throwable failure) {
                        throw new AssertionError(failure);
                    }
                    return null;
                };
                runs.add(replicas.submit(run));
            }
            for (var run : runs) {
                run.get();
            }
        } finally {
            replicas.shutdownNow();
        }
        for (String id : ended) {
            // the test's own 1 s scheduler may have locked some of them first (skip locked): the four runs then pass
            // them by, and the scheduler's announcement commits a moment after the runs return (fresh-clone run j4)
            org.awaitility.Awaitility.await()
                    .atMost(java.time.Duration.ofSeconds(10))
                    .until(() -> completedAnnouncements(id) >= 1);
            assertThat(completedAnnouncements(id))
                    .as("EventCompleted for %s", id)
                    .isEqualTo(1);
        }
    }

    private static java.sql.Connection database() throws java.sql.SQLException {
        return DriverManager.getConnection(TestServers.get().postgres().jdbcUrl("event"), "postgres", "");
    }

    private static long completedAnnouncements(String sessionId) throws Exception {
        try (var db = database();
                var query =
                        db.prepareStatement("select count(*) from outbox_message where message_key = ? and type = ?")) {
            query.setString(1, UUID.fromString(sessionId).toString());
            query.setString(2, EventTypes.EVENT_COMPLETED);
            try (var rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}
