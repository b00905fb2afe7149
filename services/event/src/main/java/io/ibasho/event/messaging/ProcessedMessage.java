package io.ibasho.event.messaging;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Inbound deduplication: a CloudEvent id is recorded in the same transaction as the state change it caused, so a
 * redelivered message (Kafka is at-least-once) changes nothing the second time.
 */
public final class ProcessedMessage {
    private ProcessedMessage() {
    }

    /** @return true the first time this consumer sees the event id, false for a duplicate */
    public static Uni<Boolean> firstDelivery(String eventId, String consumer) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery(
                        "insert into processed_message (event_id, consumer, processed_at) values (:id, :consumer, now()) on conflict do nothing")
                .setParameter("id", eventId).setParameter("consumer", consumer).executeUpdate())
                .map(inserted -> inserted == 1);
    }
}
