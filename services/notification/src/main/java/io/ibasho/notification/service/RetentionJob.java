package io.ibasho.notification.service;

import io.ibasho.notification.config.NotificationConfig;
import io.ibasho.plumbing.inbox.SessionTombstone;
import io.ibasho.plumbing.retention.RetentionStep;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Deletes personal data this service no longer needs, on a schedule: who was told what (inbox), when mail went out
 * (e-mail deliveries), pending codes and the addresses they went to, code-request counts, who registered for which
 * session (registration copies, counted from the session's end), and partners' webhook delivery logs. Rows still
 * waiting to be sent are never deleted. Only counts are logged.
 */
@ApplicationScoped
public class RetentionJob implements RetentionStep {
    private static final Logger LOG = Logger.getLogger(RetentionJob.class);

    private final NotificationConfig config;

    private final Clock clock;

    public RetentionJob(NotificationConfig config, Clock clock) {
        this.clock = clock;
        this.config = config;
    }

    @Scheduled(
            cron = "${ibasho.notification.retention.cron:0 30 3 * * ?}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public Uni<Void> nightly() {
        return deleteExpired(clock.instant())
                .invoke(counts -> LOG.infof("retention: deleted %s", counts))
                .replaceWithVoid();
    }

    @Override
    public String name() {
        return "notification";
    }

    /** The job's work as of {@code at}: how many rows it deleted or cleared, all kinds together. */
    @Override
    public Uni<Integer> runAsOf(Instant at) {
        return deleteExpired(at)
                .map(counts ->
                        counts.values().stream().mapToInt(Integer::intValue).sum());
    }

    /** @return rows deleted (or cleared) per kind */
    @WithTransaction
    public Uni<Map<String, Integer>> deleteExpired(Instant now) {
        OffsetDateTime at = now.atOffset(ZoneOffset.UTC);
        var retention = config.retention();
        Map<String, Integer> counts = new LinkedHashMap<>();
        return run(counts, "email_delivery", """
                delete from email_delivery where status <> 'PENDING' and created_at < :before""", at.minus(retention.emailDeliveries()))
                // Deleting an inbox message also deletes its e-mail rows (on delete cascade), pending or not: by then
                // (90 days) a pending one is long dead.
                .flatMap(ignored -> run(
                        counts,
                        "inbox_message",
                        "delete from inbox_message where created_at < :before",
                        at.minus(retention.inbox())))
                .flatMap(ignored -> run(counts, "webhook_delivery", """
                        delete from webhook_delivery where status <> 'PENDING' and created_at < :before""", at.minus(retention.webhookDeliveries())))
                .flatMap(ignored -> run(counts, "pending_codes", """
                        update recipient_preference set pending_email = null, pending_code_hash = null, pending_code_salt = null,
                               pending_expires_at = null, pending_attempts = 0
                        where pending_expires_at < :before""", at.minus(retention.codes())))
                .flatMap(ignored -> run(counts, "partner_pending_codes", """
                        update partner_contact set pending_email = null, pending_code_hash = null, pending_code_salt = null,
                               pending_expires_at = null, pending_attempts = 0
                        where pending_expires_at < :before""", at.minus(retention.codes())))
                .flatMap(ignored -> run(counts, "line_delivery", """
                        delete from line_delivery where status <> 'PENDING' and created_at < :before""", at.minus(retention.emailDeliveries())))
                // A LINE link code nobody sent: the row (it holds only her id) goes; a linked row only loses the code.
                .flatMap(ignored -> run(counts, "line_unused_codes", """
                        delete from line_link where line_user_id is null and pending_expires_at < :before""", at.minus(retention.codes())))
                .flatMap(ignored -> run(counts, "line_pending_codes", """
                        update line_link set pending_code_hash = null, pending_expires_at = null
                        where pending_expires_at < :before""", at.minus(retention.codes())))
                .flatMap(ignored -> run(
                        counts,
                        "code_request",
                        "delete from code_request where requested_at < :before",
                        at.minus(retention.codes())
                                .minus(config.emailVerification().requestWindow())))
                .flatMap(ignored -> run(counts, "registration_copy", """
                        delete from registration_copy r where coalesce(
                            (select coalesce(s.ends_at, s.starts_at) from session_copy s where s.id = r.session_id), r.updated_at) < :before
                          and r.updated_at < :before""", at.minus(retention.registrationCopies())))
                // requests to talk: a set time after they were closed, her number and note with them (docs/adr/0023)
                .flatMap(ignored -> run(counts, "talk_request", CLOSED_TALK_REQUESTS, closedBefore(now)))
                .flatMap(ignored -> run(
                        counts,
                        "talk_request_audit",
                        "delete from talk_request_audit where at < :before",
                        at.minus(retention.talkRequestAudit())))
                // handled event ids (deduplication): forgotten after 30 days, long after Kafka can redeliver them
                // (topic retention 7 days); nothing personal, but the table must not grow forever (issue #14)
                .flatMap(ignored -> run(
                        counts,
                        "processed_message",
                        "delete from processed_message where processed_at < :before",
                        at.minus(HANDLED_EVENT_IDS)))
                // ends of sessions read before their publication (issue #14): ids and sequences only
                .flatMap(ignored -> run(
                        counts,
                        "session_tombstone",
                        "delete from session_tombstone where recorded_at < :before",
                        at.minus(SessionTombstone.KEPT)))
                .replaceWith(counts);
    }

    /**
     * Only the requests to talk closed longer than retention.talk-requests before {@code now} (the nightly run does the
     * same): lets a test move the clock for them without touching anything else.
     */
    @WithTransaction
    public Uni<Integer> deleteClosedTalkRequests(Instant now) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        return run(counts, "talk_request", CLOSED_TALK_REQUESTS, closedBefore(now))
                .map(ignored -> counts.get("talk_request"));
    }

    private static final String CLOSED_TALK_REQUESTS =
            "delete from talk_request where status = 'CLOSED' and closed_at < :before";

    private OffsetDateTime closedBefore(Instant now) {
        return now.atOffset(ZoneOffset.UTC).minus(config.retention().talkRequests());
    }

    /** How long a handled event id is remembered for deduplication. */
    static final java.time.Duration HANDLED_EVENT_IDS = java.time.Duration.ofDays(30);

    private static Uni<Void> run(Map<String, Integer> counts, String name, String sql, OffsetDateTime before) {
        return Panache.getSession()
                .flatMap(session -> session.createNativeQuery(sql)
                        .setParameter("before", before)
                        .executeUpdate())
                .invoke(n -> counts.put(name, n))
                .replaceWithVoid();
    }
}
