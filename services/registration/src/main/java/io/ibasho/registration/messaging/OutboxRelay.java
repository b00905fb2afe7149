package io.ibasho.registration.messaging;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.ibasho.contracts.Topics;
import io.ibasho.registration.config.OutboxConfig;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Publishes outbox messages to Kafka, at least once, in creation order. {@code FOR UPDATE SKIP LOCKED} lets several
 * replicas relay side by side without sending the same row twice in the normal case; consumers deduplicate anyway.
 */
@ApplicationScoped
public class OutboxRelay {
    private final MutinyEmitter<String> lifecycle;
    private final OutboxConfig config;

    public OutboxRelay(@Channel(Topics.REGISTRATION_LIFECYCLE) MutinyEmitter<String> lifecycle, OutboxConfig config) {
        this.lifecycle = lifecycle;
        this.config = config;
    }

    @Scheduled(every = "${ibasho.outbox.poll-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            delayed = "1s")
    @WithTransaction
    public Uni<Void> publishPending() {
        return Panache.getSession()
                .flatMap(session -> session.createNativeQuery(
                        "select * from outbox_message where published_at is null order by created_at limit :limit for update skip locked",
                        OutboxMessage.class).setParameter("limit", config.batchSize()).getResultList())
                .flatMap(this::publishInOrder)
                .replaceWithVoid();
    }

    private Uni<Integer> publishInOrder(List<OutboxMessage> pending) {
        if (pending.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        return Multi.createFrom().iterable(pending)
                .onItem().transformToUniAndConcatenate(message -> lifecycle.sendMessage(toKafka(message))
                        .invoke(() -> message.publishedAt = OffsetDateTime.now(ZoneOffset.UTC)))
                .collect().asList()
                .map(List::size);
    }

    private static Message<String> toKafka(OutboxMessage message) {
        return Message.of(message.payload).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(message.messageKey)
                .withHeaders(new org.apache.kafka.common.header.internals.RecordHeaders()
                        .add("content-type", "application/cloudevents+json; charset=UTF-8".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .build());
    }

    @Scheduled(every = "1h", delayed = "1m")
    @WithTransaction
    public Uni<Void> deletePublished() {
        return OutboxMessage.delete("publishedAt < ?1", OffsetDateTime.now(ZoneOffset.UTC).minus(config.retention()))
                .replaceWithVoid();
    }
}
