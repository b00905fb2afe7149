package io.ibasho.event.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.ibasho.localstack.KafkaBroker;
import io.ibasho.plumbing.outbox.Outbox;
import io.ibasho.testsupport.IbashoServers;
import io.ibasho.testsupport.TestServers;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The relay's part of the Kafka fault test (docs/faults.md, KafkaOutageFaultIT), on the service alone: the broker
 * killed with SIGKILL while events are appended, started again on its data, and the outbox drained within 10 s of
 * the broker serving again. Kills the test JVM's own broker, so it skips itself on the build's shared servers
 * ({@code ./ibasho test}); run it with {@code ./mvnw -pl services/event -am verify -Dtest=OutboxAfterKafkaOutageTest}.
 * It prints where the time went: the broker's start, its first publish, and the rate of the drain.
 */
@QuarkusTest
@WithTestResource(value = IbashoServers.class, initArgs = @ResourceArg(name = "database", value = "event"))
class OutboxAfterKafkaOutageTest {
    private static final String TYPE = "ibasho.test.kafka-outage";
    private static final int EVENTS = 240;
    private static final Duration OUTAGE = Duration.ofSeconds(20);

    @Inject
    Outbox outbox;

    @Test
    void theOutboxDrainsWithinTenSecondsOfTheBrokersReturn() throws Throwable {
        assumeFalse(TestServers.sharedByTheBuild(), "kills the broker: only on this JVM's own servers");
        KafkaBroker kafka = TestServers.get().kafka();
        append(1, TYPE + ".before"); // the producer knows the topic and its leader before the fault, as a running
        // service does
        awaitDrained(Duration.ofSeconds(30));

        ProcessHandle broker = kafka.runningProcess().orElseThrow();
        broker.destroyForcibly();
        broker.onExit().get();
        long killed = System.nanoTime();
        // appended during the outage, a few at a time like bookings, with the relay's first run stuck on its send
        long pause = OUTAGE.toMillis() / (EVENTS / 4);
        for (int i = 0; i < EVENTS / 4; i++) {
            append(4, TYPE);
            Thread.sleep(pause);
        }
        long starting = System.nanoTime();
        kafka.start(Duration.ofSeconds(120));
        long serving = System.nanoTime();
        double servingEpoch = System.currentTimeMillis() / 1000.0;
        awaitDrained(Duration.ofSeconds(60));
        long drained = System.nanoTime();

        System.out.printf(
                "[outage] down %d ms; broker start to serving %d ms; serving to drained %d ms; published per second"
                        + " after serving: %s%n",
                (starting - killed) / 1_000_000,
                (serving - starting) / 1_000_000,
                (drained - serving) / 1_000_000,
                publishedPerSecond(servingEpoch));
        assertThat(Duration.ofNanos(drained - serving))
                .as("outbox drained after the broker serves again")
                .isLessThanOrEqualTo(Duration.ofSeconds(10));
    }

    private void append(int events, String type) throws Throwable {
        VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> {
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (int i = 0; i < events; i++) {
                chain = chain.chain(() -> outbox.append(type, UUID.randomUUID(), Map.of("n", 1)));
            }
            return chain;
        }));
    }

    private static Connection database() throws Exception {
        return DriverManager.getConnection(TestServers.get().postgres().jdbcUrl("event"), "postgres", "");
    }

    private static int pending() throws Exception {
        try (Connection c = database();
                ResultSet rows = c.createStatement()
                        .executeQuery("select count(*) from outbox_message where published_at is null")) {
            rows.next();
            return rows.getInt(1);
        }
    }

    private static void awaitDrained(Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        while (pending() > 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(pending() + " outbox rows still pending after " + within);
            }
            Thread.sleep(50);
        }
    }

    /** Outage rows published in each second after the broker served again (second: count). */
    private static Map<Integer, Integer> publishedPerSecond(double servingEpoch) throws Exception {
        try (Connection c = database();
                var statement = c.prepareStatement(
                        "select floor(extract(epoch from published_at) - ?)::int, count(*) from outbox_message"
                                + " where type = ? group by 1 order by 1")) {
            statement.setDouble(1, servingEpoch);
            statement.setString(2, TYPE);
            Map<Integer, Integer> perSecond = new java.util.TreeMap<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    perSecond.put(rows.getInt(1), rows.getInt(2));
                }
            }
            return perSecond;
        }
    }
}
