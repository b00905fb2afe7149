package io.ibasho.notification.repository;

import io.ibasho.plumbing.time.CommitWakeUp;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A message filed in her inbox and queued for the channels beyond it, once per (source event, recipient): a redelivered
 * event files nothing twice (the once-per-event constraints).
 */
public final class DeliveryQueue {
    /** The commit of a queued e-mail, LINE push or webhook wakes its sender on these channels (CommitWakeUp). */
    public static final String EMAIL_QUEUED = "ibasho_email_queued";

    public static final String LINE_QUEUED = "ibasho_line_queued";
    public static final String WEBHOOK_QUEUED = "ibasho_webhook_queued";

    private DeliveryQueue() {}

    /** The inbox row of one message; the fields a message kind does not use are null. */
    public record InboxRow(
            UUID id,
            String recipientId,
            String kind,
            UUID sessionId,
            UUID registrationId,
            String sourceEventId,
            String channel,
            Integer position,
            OffsetDateTime deadline,
            String reason,
            UUID courseId,
            String courseDates) {}

    /** Files the message in her inbox; false when this (event, recipient) was filed before. */
    public static Uni<Boolean> fileInInbox(InboxRow row, OffsetDateTime now) {
        return Panache.getSession()
                .flatMap(session -> session.createNativeQuery("""
                insert into inbox_message (id, recipient_id, kind, session_id, registration_id, source_event_id, channel,
                                           position, deadline, reason, course_id, course_dates, created_at)
                values (:id, :recipient, :kind, :session, :registration, :source, :channel, :position, :deadline, :reason,
                        :course, :courseDates, :now)
                on conflict on constraint inbox_once_per_event do nothing""")
                        .setParameter("id", row.id())
                        .setParameter("recipient", row.recipientId())
                        .setParameter("kind", row.kind())
                        .setParameter("session", row.sessionId())
                        .setParameter("registration", row.registrationId())
                        .setParameter("source", row.sourceEventId())
                        .setParameter("channel", row.channel())
                        .setParameter("position", row.position())
                        .setParameter("deadline", row.deadline())
                        .setParameter("reason", row.reason())
                        .setParameter("course", row.courseId())
                        .setParameter("courseDates", row.courseDates())
                        .setParameter("now", now)
                        .executeUpdate())
                .map(inserted -> inserted > 0);
    }

    /** Queues one e-mail of the inbox message, due now. */
    public static Uni<Void> queueEmail(
            UUID inboxId, String recipientId, String sourceEventId, String channel, OffsetDateTime now) {
        return Panache.getSession()
                .flatMap(session -> session.createNativeQuery("""
                insert into email_delivery (id, inbox_message_id, recipient_id, source_event_id, channel, status, attempts,
                                            next_attempt_at, created_at)
                values (:id, :inbox, :recipient, :source, :channel, 'PENDING', 0, :now, :now)
                on conflict on constraint email_once_per_event do nothing""")
                        .setParameter("id", UUID.randomUUID())
                        .setParameter("inbox", inboxId)
                        .setParameter("recipient", recipientId)
                        .setParameter("source", sourceEventId)
                        .setParameter("channel", channel)
                        .setParameter("now", now)
                        .executeUpdate())
                .flatMap(queued -> wakeSenderIf(queued, EMAIL_QUEUED));
    }

    /** Queues one LINE push of the inbox message, due now, if she has linked LINE. */
    public static Uni<Void> queueLineIfLinked(
            UUID inboxId, String recipientId, String sourceEventId, OffsetDateTime now) {
        return Panache.getSession()
                .flatMap(session -> session.createNativeQuery("""
                insert into line_delivery (id, inbox_message_id, recipient_id, source_event_id, status, attempts,
                                           next_attempt_at, created_at)
                select :id, :inbox, :recipient, :source, 'PENDING', 0, :now, :now
                where exists (select 1 from line_link where recipient_id = :recipient and line_user_id is not null)
                on conflict on constraint line_once_per_event do nothing""")
                        .setParameter("id", UUID.randomUUID())
                        .setParameter("inbox", inboxId)
                        .setParameter("recipient", recipientId)
                        .setParameter("source", sourceEventId)
                        .setParameter("now", now)
                        .executeUpdate())
                .flatMap(queued -> wakeSenderIf(queued, LINE_QUEUED));
    }

    /** Queues one signed webhook for an endpoint, due now. */
    public static Uni<Void> queueWebhook(
            UUID endpointId, String messageId, String sourceEventId, String type, String payload, OffsetDateTime now) {
        return Panache.getSession()
                .flatMap(session -> session.createNativeQuery("""
                insert into webhook_delivery (id, endpoint_id, message_id, source_event_id, event_type,
                                              payload, status, attempts, next_attempt_at, created_at)
                values (:id, :endpoint, :message, :source, :type, :payload, 'PENDING', 0, :now, :now)
                on conflict on constraint webhook_once_per_event do nothing""")
                        .setParameter("id", UUID.randomUUID())
                        .setParameter("endpoint", endpointId)
                        .setParameter("message", messageId)
                        .setParameter("source", sourceEventId)
                        .setParameter("type", type)
                        .setParameter("payload", payload)
                        .setParameter("now", now)
                        .executeUpdate())
                .flatMap(queued -> wakeSenderIf(queued, WEBHOOK_QUEUED));
    }

    private static Uni<Void> wakeSenderIf(int queued, String channel) {
        return queued > 0 ? CommitWakeUp.signal(channel) : Uni.createFrom().voidItem();
    }
}
