package io.ibasho.plumbing.outbox;

import io.ibasho.plumbing.sql.SessionConnection;
import io.ibasho.plumbing.telemetry.TraceParent;
import io.ibasho.plumbing.time.CommitWakeUp;
import io.ibasho.plumbing.time.FrequentPolls;
import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
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
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Publishes outbox messages to Kafka, at least once, in creation order. {@code FOR UPDATE SKIP LOCKED} lets several
 * replicas relay side by side without sending the same row twice in the normal case; consumers deduplicate anyway.
 * The channel is {@value #CHANNEL} in every service; its topic is the service's lifecycle topic (configuration).
 */
@ApplicationScoped
@IfBuildProperty(name = "ibasho.outbox.enabled", stringValue = "true")
public class OutboxRelay {
    public static final String CHANNEL = "outbox";
    /** The PostgreSQL NOTIFY channel an append signals (CommitWakeUp). */
    static final String WAKE_UP_CHANNEL = "ibasho_outbox";

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    private final MutinyEmitter<String> channel;
    private final OutboxConfig config;
    private final Clock clock;
    private final OutboxMeters meters;
    private volatile FrequentPolls.Poll relay;

    public OutboxRelay(
            @Channel(CHANNEL) MutinyEmitter<String> channel, OutboxConfig config, Clock clock, OutboxMeters meters) {
        this.channel = channel;
        this.config = config;
        this.clock = clock;
        this.meters = meters;
    }

    // Not before the application has started: the emitter is wired to Kafka during start-up. A Vert.x timer, not
    // @Scheduled: the scheduler cannot poll more often than once a second, and every hop of a booking waited for it.
    void startRelaying(@Observes StartupEvent event, FrequentPolls polls, CommitWakeUp wakeUp) {
        relay = polls.every("outbox relay", config.pollInterval(), config.firstPollAfter(), this::publishPending);
        if (config.wakeUp()) {
            wakeUp.listen(WAKE_UP_CHANNEL, relay);
        }
    }

    @WithTransaction
    public Uni<Void> publishPending() {
        return SessionConnection.select(PENDING, (long) config.batchSize())
                .map(rows -> rows.stream().map(OutboxRelay::messageOf).toList())
                .flatMap(this::publishInOrder)
                .invoke(published -> {
                    // a full batch: more may wait (a backlog after a Kafka outage), so the next run follows this one's
                    // commit at once instead of at the next poll or wake-up
                    if (published == config.batchSize() && relay != null) {
                        relay.now();
                    }
                })
                .replaceWithVoid();
    }

    /**
     * Hands the whole batch to the producer in order and then waits for the acknowledgements together, instead of one
     * round trip per message: after a Kafka outage (docs/faults.md) the backlog of a loaded machine drained at about 30
     * messages a second one by one. The order survives: the producer is idempotent (acks=all), so it keeps the order of
     * sends within a partition, also across its retries, and fails what follows a failed batch of that partition.
     * Only the acknowledged prefix is marked published: from the first message Kafka refused on, the batch is sent
     * again, in order, at the next run (a consumer may see one twice; it deduplicates by the event id).
     */
    private Uni<Integer> publishInOrder(List<OutboxMessage> pending) {
        if (pending.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        List<Uni<Throwable>> acknowledgements = pending.stream()
                .map(message -> channel.sendMessage(toKafka(message))
                        .replaceWith((Throwable) null)
                        .onFailure()
                        .recoverWithItem(failure -> failure))
                .toList();
        return Uni.join().all(acknowledgements).andFailFast().flatMap(failures -> {
            int acknowledged = 0;
            List<UUID> published = new ArrayList<>();
            while (acknowledged < pending.size() && failures.get(acknowledged) == null) {
                OutboxMessage message = pending.get(acknowledged++);
                published.add(message.id);
                meters.published(message);
            }
            if (acknowledged < pending.size()) {
                // the class only: a message may carry a row's values
                LOG.warnf(
                        "Kafka did not acknowledge %d of %d outbox messages (%s): sent again at the next run",
                        pending.size() - acknowledged,
                        pending.size(),
                        failures.get(acknowledged).getClass().getName());
            }
            return stampPublished(published).replaceWith(acknowledged);
        });
    }

    /**
     * One statement for the acknowledged messages, on the session's connection: stamping each entity made the flush
     * send one UPDATE per message, a round trip each, and the relay of a loaded machine fell 2-9 s behind the bookings
     * (docs/benchmarks.md, round 12).
     */
    private Uni<Integer> stampPublished(List<UUID> published) {
        if (published.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        return SessionConnection.update(
                "update outbox_message set published_at = $1 where id = any($2)",
                now(),
                published.toArray(UUID[]::new));
    }

    /**
     * The rows to publish, read past the ORM (docs/adr/0070): as a Hibernate native select, each run (one per commit
     * that appended a message) built a query plan, stored it and first walked the dead ones of the same SQL, since
     * Hibernate Reactive 3.2's plan keys for native selects never compare equal (ADR 0058), and hydrated every row as
     * a managed entity that nothing writes back (published rows are stamped by {@link #stampPublished}).
     */
    static final String PENDING = "select id, topic, message_key, type, payload, created_at, traceparent "
            + "from outbox_message where published_at is null order by created_at limit $1 for update skip locked";

    static OutboxMessage messageOf(Object[] row) {
        OutboxMessage message = new OutboxMessage();
        message.id = (UUID) row[0];
        message.topic = (String) row[1];
        message.messageKey = (String) row[2];
        message.type = (String) row[3];
        message.payload = (String) row[4];
        message.createdAt = (OffsetDateTime) row[5];
        message.traceparent = (String) row[6];
        return message;
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
