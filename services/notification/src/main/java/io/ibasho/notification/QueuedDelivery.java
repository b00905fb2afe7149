package io.ibasho.notification;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * One message to her through one channel beyond the inbox (an e-mail, a LINE push): the outbox row its sender works
 * through, with what every such row records of its attempts. Each channel's table adds what only it knows.
 */
@MappedSuperclass
public abstract class QueuedDelivery extends PanacheEntityBase {
    public static final String PENDING = "PENDING";
    public static final String SENT = "SENT";
    public static final String DEAD = "DEAD";
    /** She switched the channel off (or LINE was switched off here) before it went out: nothing is sent. */
    public static final String WITHDRAWN = "WITHDRAWN";

    @Id
    public UUID id;

    @Column(name = "inbox_message_id")
    public UUID inboxMessageId;

    @Column(name = "recipient_id")
    public String recipientId;

    @Column(name = "source_event_id")
    public String sourceEventId;

    public String status;
    public int attempts;

    @Column(name = "next_attempt_at")
    public OffsetDateTime nextAttemptAt;

    @Column(name = "first_attempt_at")
    public OffsetDateTime firstAttemptAt;

    @Column(name = "last_error")
    public String lastError;

    @Column(name = "sent_at")
    public OffsetDateTime sentAt;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;
}
