package io.ibasho.plumbing.outbox;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * One Kafka message waiting to be published; {@code id} is the CloudEvent id consumers deduplicate on. The table
 * {@code outbox_message} is each producing service's own, made by its own Flyway migration.
 */
@Entity
@Table(name = "outbox_message")
public class OutboxMessage extends PanacheEntityBase {
    @Id
    public UUID id;

    public String topic;

    @Column(name = "message_key")
    public String messageKey;

    public String type;
    public String payload;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;

    @Column(name = "published_at")
    public OffsetDateTime publishedAt;

    /** W3C trace context of the request that appended it (null when tracing is off): the record continues its trace */
    public String traceparent;
}
