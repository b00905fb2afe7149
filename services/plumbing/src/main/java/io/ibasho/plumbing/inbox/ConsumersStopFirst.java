package io.ibasho.plumbing.inbox;

import io.quarkus.arc.ClientProxy;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.reactive.messaging.kafka.KafkaConnector;
import io.smallrye.reactive.messaging.kafka.impl.KafkaSource;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.lang.reflect.Field;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * A service's Kafka consumers stop first and side by side, while the database is still open (ADR 0063).
 *
 * <p>The Kafka connector stops its consumers when the CDI container shuts down, one after another, each with its own
 * graceful stop: pause, wait for the last poll's records, wait for their handling, commit what was handled, close. A
 * consumer's close waits for its pending fetch at the broker (KAFKA-19884), up to the connector's close timeout (1 s),
 * so notification's nine consumers needed 7-14 s to stop, and every service module's test JVM spent that at its end.
 * And the container shuts down <em>after</em> Quarkus has closed the database pool: a record still being handled
 * during that graceful stop failed with "Pool closed", which is no transient failure, so it went to the dead-letter
 * topic instead of being handled again after the restart.
 *
 * <p>Here, on {@link ShutdownEvent} (before the pool closes), every consumer of the connector runs that same graceful
 * stop of the connector's own ({@link KafkaSource#closeQuietly()}), each on its own thread; then they are taken off the
 * connector's list, which it would otherwise stop a second time. The connector keeps its sources in a private field:
 * if a later version renames it, this logs why and leaves the stop to the connector (one at a time, as before).
 * Undo: delete this class; the connector stops its consumers itself.
 */
@ApplicationScoped
public class ConsumersStopFirst {
    private static final Logger LOG = Logger.getLogger(ConsumersStopFirst.class);
    /** Longer than one consumer's whole graceful stop (2 s grace, up to 5 s of handling, 1 s close, commits). */
    static final Duration AT_MOST = Duration.ofSeconds(15);

    @Inject
    @Any
    Instance<KafkaConnector> connectors;

    // before the other ShutdownEvent observers (default priority 2500): the senders and pollers stop after it
    void stop(@Observes @Priority(100) ShutdownEvent event) {
        if (!connectors.isResolvable()) {
            return; // no Kafka channel in this application
        }
        KafkaConnector connector = ClientProxy.unwrap(connectors.get());
        List<KafkaSource<?, ?>> sources = sourcesOf(connector);
        if (sources == null || sources.isEmpty()) {
            return;
        }
        List<KafkaSource<?, ?>> stopping = List.copyOf(sources);
        long start = System.nanoTime();
        List<Thread> threads = new ArrayList<>();
        for (KafkaSource<?, ?> source : stopping) {
            // daemon: a stop still running past the bound (a broker that is gone) must not hold the JVM's exit
            threads.add(Thread.ofPlatform()
                    .daemon(true)
                    .name("ibasho-consumer-stop-" + source.getChannel())
                    .start(source::closeQuietly));
        }
        long deadline = start + AT_MOST.toNanos();
        for (Thread thread : threads) {
            try {
                thread.join(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        // stopped (or still stopping past the bound): either way the connector must not start their stop again
        sources.removeAll(stopping);
        long unfinished = threads.stream().filter(Thread::isAlive).count();
        LOG.infof(
                "%d Kafka consumers stopped side by side in %d ms%s",
                stopping.size(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start),
                unfinished == 0 ? "" : " (" + unfinished + " still stopping)");
    }

    /** The connector's own live list of its consumers, or null (logged) when this version keeps it elsewhere. */
    @SuppressWarnings("unchecked")
    static List<KafkaSource<?, ?>> sourcesOf(KafkaConnector connector) {
        try {
            Field field = KafkaConnector.class.getDeclaredField("sources");
            field.setAccessible(true);
            return (List<KafkaSource<?, ?>>) field.get(connector);
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warnf(
                    "the Kafka connector's consumers stop one at a time, after the database (%s: see ADR 0063)",
                    e.getClass().getSimpleName());
            return null;
        }
    }
}
