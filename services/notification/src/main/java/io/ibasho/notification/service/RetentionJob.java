package io.ibasho.notification.service;

import io.ibasho.notification.config.NotificationConfig;
import io.ibasho.notification.repository.RetentionStore;
import io.ibasho.plumbing.inbox.ProcessedMessage;
import io.ibasho.plumbing.inbox.SessionTombstone;
import io.ibasho.plumbing.retention.RetentionStep;
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
        return run(counts, RetentionStore.EMAIL_DELIVERIES, at.minus(retention.emailDeliveries()))
                .flatMap(ignored -> run(counts, RetentionStore.INBOX, at.minus(retention.inbox())))
                .flatMap(ignored ->
                        run(counts, RetentionStore.WEBHOOK_DELIVERIES, at.minus(retention.webhookDeliveries())))
                .flatMap(ignored -> run(counts, RetentionStore.PENDING_CODES, at.minus(retention.codes())))
                .flatMap(ignored -> run(counts, RetentionStore.PARTNER_PENDING_CODES, at.minus(retention.codes())))
                .flatMap(ignored -> run(counts, RetentionStore.LINE_DELIVERIES, at.minus(retention.emailDeliveries())))
                .flatMap(ignored -> run(counts, RetentionStore.LINE_UNUSED_CODES, at.minus(retention.codes())))
                .flatMap(ignored -> run(counts, RetentionStore.LINE_PENDING_CODES, at.minus(retention.codes())))
                .flatMap(ignored -> run(
                        counts,
                        RetentionStore.CODE_REQUESTS,
                        at.minus(retention.codes())
                                .minus(config.emailVerification().requestWindow())))
                .flatMap(ignored ->
                        run(counts, RetentionStore.REGISTRATION_COPIES, at.minus(retention.registrationCopies())))
                .flatMap(ignored -> run(counts, RetentionStore.CLOSED_TALK_REQUESTS, closedBefore(now)))
                .flatMap(ignored -> run(counts, RetentionStore.UNCLOSED_TALK_REQUESTS, sentBefore(now)))
                .flatMap(ignored ->
                        run(counts, RetentionStore.TALK_REQUEST_AUDIT, at.minus(retention.talkRequestAudit())))
                // handled event ids (deduplication): forgotten after 30 days, long after Kafka can redeliver them
                // (topic retention 7 days); nothing personal, but the table must not grow forever (issue #14)
                .flatMap(ignored -> ProcessedMessage.forgetHandledBefore(at.minus(HANDLED_EVENT_IDS))
                        .invoke(n -> counts.put("processed_message", n)))
                // ends of sessions read before their publication (issue #14): ids and sequences only
                .flatMap(ignored -> SessionTombstone.forgetBefore(at.minus(SessionTombstone.KEPT))
                        .invoke(n -> counts.put("session_tombstone", n)))
                .replaceWith(counts);
    }

    /**
     * Only the requests to talk past their retention as of {@code now} (the nightly run does the same): closed longer
     * than retention.talk-requests ago, or sent and never closed longer than retention.unclosed-talk-requests ago.
     * Lets a test move the clock for them without touching anything else.
     */
    @WithTransaction
    public Uni<Integer> deleteExpiredTalkRequests(Instant now) {
        return RetentionStore.CLOSED_TALK_REQUESTS
                .before(closedBefore(now))
                .flatMap(closed -> RetentionStore.UNCLOSED_TALK_REQUESTS
                        .before(sentBefore(now))
                        .map(unclosed -> closed + unclosed));
    }

    private OffsetDateTime closedBefore(Instant now) {
        return now.atOffset(ZoneOffset.UTC).minus(config.retention().talkRequests());
    }

    private OffsetDateTime sentBefore(Instant now) {
        return now.atOffset(ZoneOffset.UTC).minus(config.retention().unclosedTalkRequests());
    }

    /** How long a handled event id is remembered for deduplication. */
    static final java.time.Duration HANDLED_EVENT_IDS = ProcessedMessage.REMEMBERED;

    private static Uni<Void> run(Map<String, Integer> counts, RetentionStore kind, OffsetDateTime before) {
        return kind.before(before).invoke(n -> counts.put(kind.label, n)).replaceWithVoid();
    }
}
