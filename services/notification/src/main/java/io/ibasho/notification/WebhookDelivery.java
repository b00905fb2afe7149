package io.ibasho.notification;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/** One schedule update to one partner endpoint, with its attempts: also the partner's delivery log. */
@Entity
@Table(name = "webhook_delivery")
public class WebhookDelivery extends PanacheEntityBase {
    public static final String PENDING = "PENDING";
    public static final String DELIVERED = "DELIVERED";
    public static final String DEAD = "DEAD";

    @Id
    public UUID id;

    @Column(name = "endpoint_id")
    public UUID endpointId;
    /** The Standard Webhooks message id, the same on every attempt so the partner can deduplicate. */
    @Column(name = "message_id")
    public String messageId;

    @Column(name = "source_event_id")
    public String sourceEventId;

    @Column(name = "event_type")
    public String eventType;

    public String payload;
    public String status;
    public int attempts;

    @Column(name = "next_attempt_at")
    public OffsetDateTime nextAttemptAt;

    @Column(name = "first_attempt_at")
    public OffsetDateTime firstAttemptAt;

    @Column(name = "last_status_code")
    public Integer lastStatusCode;

    @Column(name = "last_error")
    public String lastError;

    @Column(name = "delivered_at")
    public OffsetDateTime deliveredAt;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;
}
