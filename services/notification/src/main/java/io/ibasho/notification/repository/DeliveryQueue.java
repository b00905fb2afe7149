package io.ibasho.notification.repository;

import io.ibasho.plumbing.sql.SessionConnection;
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

    /** What filing a message did: whether it is new (false: this event was filed for her before). */
    public record Filed(boolean filed, boolean emailQueued, boolean lineQueued) {}

    /**
     * Files the message in her inbox and, only if it is new, queues its e-mail (if {@code email} and she chose and
     * confirmed an address) and its LINE push (if {@code line} and she linked LINE), and signals the senders of what
     * was queued: one statement, where filing, reading her preference, queueing and signalling took three to five
     * round trips per message (docs/benchmarks.md, round 12). The same once-per-event constraints hold; the
     * signals reach the senders on commit only, as {@link CommitWakeUp#signal} does, or, inside
     * {@link CommitWakeUp#collecting} (a consumer's batch), when that work has ended, without a NOTIFY (ADR 0090).
     */
    public static Uni<Filed> fileAndQueue(InboxRow row, boolean email, boolean line, OffsetDateTime now) {
        CommitWakeUp.InStatement emailSender = CommitWakeUp.inStatement(EMAIL_QUEUED);
        CommitWakeUp.InStatement lineSender = CommitWakeUp.inStatement(LINE_QUEUED);
        // Past the ORM (docs/adr/0070): every message runs it, and as a native query it built a plan, resolved a
        // result mapping and auto-flushed each time (ADR 0058). Nothing it reads or writes (inbox, deliveries, her
        // preference, her LINE link) is written through the ORM earlier in any caller's transaction, so it needs no
        // flush before it.
        return SessionConnection.select(
                        """
                with filed as (
                    insert into inbox_message (id, recipient_id, kind, session_id, registration_id, source_event_id,
                                               channel, position, deadline, reason, course_id, course_dates, created_at)
                    values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
                    on conflict on constraint inbox_once_per_event do nothing
                    returning id),
                email as (
                    insert into email_delivery (id, inbox_message_id, recipient_id, source_event_id, channel, status,
                                                attempts, next_attempt_at, created_at)
                    select $14, filed.id, $2, $6, 'email', 'PENDING', 0, $13, $13
                    from filed
                    where cast($15 as boolean)
                      and exists (select 1 from recipient_preference p
                                  where p.recipient_id = $2 and p.email_enabled
                                    and p.email_address is not null and p.email_verified_at is not null)
                    on conflict on constraint email_once_per_event do nothing
                    returning id),
                line as (
                    insert into line_delivery (id, inbox_message_id, recipient_id, source_event_id, status, attempts,
                                               next_attempt_at, created_at)
                    select $16, filed.id, $2, $6, 'PENDING', 0, $13, $13
                    from filed
                    where cast($17 as boolean)
                      and exists (select 1 from line_link where recipient_id = $2 and line_user_id is not null)
                    on conflict on constraint line_once_per_event do nothing
                    returning id)
                select (select count(*) from filed),
                       (select count(case when cast($18 as text) is not null
                                          then cast(pg_notify($18, '') as text) else '' end) from email),
                       (select count(case when cast($19 as text) is not null
                                          then cast(pg_notify($19, '') as text) else '' end) from line)""",
                        row.id(),
                        row.recipientId(),
                        row.kind(),
                        row.sessionId(),
                        row.registrationId(),
                        row.sourceEventId(),
                        row.channel(),
                        row.position(),
                        row.deadline(),
                        row.reason(),
                        row.courseId(),
                        row.courseDates(),
                        now,
                        UUID.randomUUID(),
                        email,
                        UUID.randomUUID(),
                        line,
                        // null when collected (ADR 0090): the consumer's batch wakes the senders when it has ended
                        emailSender.parameter(),
                        lineSender.parameter())
                .map(rows -> {
                    Object[] counts = rows.get(0);
                    return new Filed(
                            ((Number) counts[0]).intValue() > 0,
                            ((Number) counts[1]).intValue() > 0,
                            ((Number) counts[2]).intValue() > 0);
                })
                .invoke(filed -> {
                    emailSender.ifGaveWork(filed.emailQueued());
                    lineSender.ifGaveWork(filed.lineQueued());
                });
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
