package io.ibasho.notification;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A message in her in-app inbox. Worded when she reads it, in her language, from the stored facts. */
@Entity
@Table(name = "inbox_message")
public class InboxMessage extends PanacheEntityBase {
    @Id
    public UUID id;

    @Column(name = "recipient_id")
    public String recipientId;

    public String kind;

    @Column(name = "session_id")
    public UUID sessionId;

    @Column(name = "registration_id")
    public UUID registrationId;

    @Column(name = "source_event_id")
    public String sourceEventId;

    public String channel;
    public Integer position;
    public OffsetDateTime deadline;
    public String reason;

    /** Set on course messages only: her course page and the dates' start times (ISO instants, space-separated). */
    @Column(name = "course_id")
    public UUID courseId;

    @Column(name = "course_dates")
    public String courseDates;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;

    @Column(name = "read_at")
    public OffsetDateTime readAt;
}
