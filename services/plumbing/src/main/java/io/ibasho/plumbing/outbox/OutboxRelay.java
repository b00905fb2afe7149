package io.ibasho.plumbing.outbox;

import io.ibasho.plumbing.telemetry.TraceParent;
import io.ibasho.plumbing.time.FrequentPolls;
import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.TracingMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Publishes outbox messages to Kafka, at least once, in creation order. {@code FOR UPDATE SKIP LOCKED} lets several
 * replicas relay side by side without sending the same row twice in the normal case; consumers deduplicate anyway.
 * The channel is {@value #CHANNEL} in every service; its topic is the service's lifecycle topic (configuration).
 */
@ApplicationScoped
@IfBuildProperty(name = "ibasho.outbox.enabled", stringValue = "true")
public class OutboxRelay {
    public static final String CHANNEL = "outbox";

    private final MutinyEmitter<String> channel;
    private final OutboxConfig config;
    private final Clock clock;
    private final OutboxMeters meters;

    public OutboxRelay(
            @Channel(CHANNEL) MutinyEmitter<String> channel, OutboxConfig config, Clock clock, OutboxMeters meters) {
        this.channel = channel;
        this.config = config;
        this.clock = clock;
        this.meters = meters;
    }

    // Not before the application has started: the emitter is wired to Kafka during start-up. A Vert.x timer, not
    // @Scheduled: the scheduler cannot poll more often than once a second, and every hop of a booking waited for it.
    void startRelaying(@Observes StartupEvent event, FrequentPolls polls, OutboxWakeUp wakeUp) {
        FrequentPolls.Poll relay =
                polls.every("outbox relay", config.pollInterval(), config.firstPollAfter(), this::publishPending);
        if (config.wakeUp()) {
            wakeUp.listen(relay);
        }
    }

    @WithTransaction
    public Uni<Void> publishPending() {
        return Panache.getSession()
                .flatMap(session -> session.createNativeQuery(
                                "select * from outbox_message where published_at is null order by created_at limit :limit for update skip locked",
                                OutboxMessage.class)
                        .setParameter("limit", config.batchSize())
                        .getResultList())
                .flatMap(this::publishInOrder)
                .replaceWithVoid();
    }

    private Uni<Integer> publishInOrder(List<OutboxMessage> pending) {
        if (pending.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        // Handed to the producer in creation order and acknowledged side by side: one send at a time waited for the
        // producer's linger (5 ms since Kafka 4) and the broker's ack per row, which capped a relay at ~150 rows a
        // second and queued every booking's message behind the ones before it (docs/benchmarks.md, round 8). The
        // idempotent producer (acks=all) keeps the order within a partition with several requests in flight; a
        // failed send fails the batch, whose rows stay unpublished and go again (consumers deduplicate).
        return Multi.createFrom()
                .iterable(pending)
                .onItem()
                .transformToUni(message -> channel.sendMessage(toKafka(message)).invoke(() -> {
                    message.publishedAt = now();
                    meters.published(message);
                }))
                .merge(pending.size())
                .collect()
                .asList()
                .map(List::size);
    }

    private static Message<String> toKafka(OutboxMessage message) {
        return Message.of(message.payload)
                // the producer span and the record's traceparent header continue the appending request's trace, not
                // the relay's poll (a row appended while tracing was off starts a trace of its own)
                .addMetadata(TracingMetadata.withCurrent(TraceParent.toContext(message.traceparent)))
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                        .withKey(message.messageKey)
                        .withHeaders(new RecordHeaders()
                                .add(
                                        "content-type",
                                        "application/cloudevents+json; charset=UTF-8".getBytes(StandardCharsets.UTF_8)))
                        .build());
    }

    @Scheduled(every = "1h", delayed = "1m", skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    @WithTransaction
    public Uni<Void> deletePublished() {
        return OutboxMessage.delete("publishedAt < ?1", now().minus(config.retention()))
                .replaceWithVoid();
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }
}
