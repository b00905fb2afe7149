package io.ibasho.plumbing.inbox;

import io.ibasho.plumbing.sql.SessionConnection;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Inbound deduplication: a CloudEvent id is recorded in the same transaction as the state change it caused, so a
 * redelivered message (Kafka is at-least-once) changes nothing the second time. The table {@code processed_message}
 * is each consuming service's own, made by its own Flyway migration.
 */
public final class ProcessedMessage {
    private static final Logger LOG = Logger.getLogger(ProcessedMessage.class);

    private ProcessedMessage() {}

    /** @return true the first time this consumer sees the event id, false for a duplicate */
    public static Uni<Boolean> firstDelivery(String eventId, String consumer) {
        // the first statement of the record's transaction, so nothing is unwritten yet: past the ORM (docs/adr/0070)
        return SessionConnection.update(
                        "insert into processed_message (event_id, consumer, processed_at) values ($1, $2, now()) on conflict do nothing",
                        eventId,
                        consumer)
                .map(inserted -> inserted == 1);
    }

    /**
     * Forgets the event ids handled before {@code before}: a message older than Kafka's retention cannot be
     * redelivered, and the table must not grow forever (issue #14). Runs in the caller's transaction.
     */
    public static Uni<Integer> forgetHandledBefore(java.time.OffsetDateTime before) {
        return Panache.getSession()
                .flatMap(session -> session.createNativeQuery(
                                "delete from processed_message where processed_at < :before")
                        .setParameter("before", before)
                        .executeUpdate());
    }

    /** How long a handled event id is remembered: well past Kafka's retention (7 days) and a dead letter's replay. */
    public static final java.time.Duration REMEMBERED = java.time.Duration.ofDays(30);

    /** Runs {@code handling} on the first delivery of the event only; a duplicate is acknowledged and skipped. */
    public static Uni<Void> once(InboundEvent event, String consumer, Supplier<Uni<Void>> handling) {
        return firstDelivery(event.id(), consumer).flatMap(first -> {
            if (!first) {
                LOG.debugf("duplicate %s ignored", event.id());
                return Uni.createFrom().voidItem();
            }
            return handling.get();
        });
    }
}
