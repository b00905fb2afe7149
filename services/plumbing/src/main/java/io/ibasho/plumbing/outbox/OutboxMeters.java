package io.ibasho.plumbing.outbox;

import io.ibasho.plumbing.sql.SessionConnection;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What the outbox tells an operator (docs/deploy.md, "Metrics"): events published per type (the committed facts:
 * bookings confirmed, offers made and lapsed, lotteries drawn), rows waiting and the age of the oldest waiting row.
 * Labels are event types only, a closed set: never an id or anything she typed.
 */
@ApplicationScoped
@IfBuildProperty(name = "ibasho.outbox.enabled", stringValue = "true")
public class OutboxMeters {
    private final MeterRegistry registry;
    private final Clock clock;
    private final AtomicLong pending = new AtomicLong();
    private final AtomicReference<OffsetDateTime> oldestPending = new AtomicReference<>();

    public OutboxMeters(MeterRegistry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
        Gauge.builder("ibasho.outbox.pending", pending, AtomicLong::get)
                .description("Outbox rows not yet published to Kafka")
                .register(registry);
        Gauge.builder("ibasho.outbox.oldest.pending.age", this, OutboxMeters::oldestPendingSeconds)
                .description("Age of the oldest outbox row not yet published (0 when none waits)")
                .baseUnit("seconds")
                .register(registry);
    }

    void published(OutboxMessage message) {
        Counter.builder("ibasho.events.published")
                .description("Integration events published, by event type (committed facts only)")
                .tag("type", message.type)
                .register(registry)
                .increment();
    }

    // A lag that grows means Kafka is away or the relay is stuck; the figure is read at most this stale.
    @Scheduled(
            every = "${ibasho.outbox.lag-check:10s}",
            delayed = "2s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    @WithSession
    Uni<Void> measureLag() {
        // past the query machinery: a native select stored a plan each run (ADR 0071); created_at is a timestamptz
        return SessionConnection.select(
                        "select count(*), min(created_at) from outbox_message where published_at is null")
                .invoke(rows -> {
                    pending.set((Long) rows.get(0)[0]);
                    oldestPending.set((OffsetDateTime) rows.get(0)[1]);
                })
                .replaceWithVoid();
    }

    private double oldestPendingSeconds() {
        OffsetDateTime oldest = oldestPending.get();
        return oldest == null
                ? 0
                : Math.max(
                        0, Duration.between(oldest.toInstant(), clock.instant()).toMillis() / 1000.0);
    }
}
