package io.ibasho.notification;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/** One LINE push for one inbox message; its id is the X-Line-Retry-Key of every attempt. */
@Entity
@Table(name = "line_delivery")
public class LineDelivery extends PanacheEntityBase {
    public static final String PENDING = "PENDING";
    public static final String SENT = "SENT";
    public static final String DEAD = "DEAD";
    /** She unlinked LINE (or LINE was switched off) before it went out: nothing is sent. */
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

    @Column(name = "last_status_code")
    public Integer lastStatusCode;

    @Column(name = "last_error")
    public String lastError;

    @Column(name = "sent_at")
    public OffsetDateTime sentAt;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;
}
