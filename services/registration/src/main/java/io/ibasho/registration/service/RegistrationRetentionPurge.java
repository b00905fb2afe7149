package io.ibasho.registration.service;

import io.ibasho.plumbing.inbox.InboxHousekeeping;
import io.ibasho.plumbing.retention.EndedSessionsRetention;
import io.ibasho.registration.SessionCopy;
import io.ibasho.registration.config.RegistrationConfig;
import io.ibasho.registration.repository.RetentionStore;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Deletes the registrations of sessions that ended more than {@code ibasho.registration.retention.after-session} ago
 * (default 30 days): nicknames, account ids, children's ages and booking codes, i.e. the record of where a woman was.
 * First it keeps one row of anonymous totals per session (confirmed, attended, no-show, cancelled, still waiting,
 * with childcare, drop-ins) for the organisation's reports. Roster-read audit rows go after
 * {@code ibasho.registration.retention.roster-audit} (a year). The lottery's seed, draw and published result stay:
 * they name applications by lottery reference only (ADR 0085), never by registration or account, and a past draw must
 * stay checkable.
 */
@ApplicationScoped
public class RegistrationRetentionPurge extends EndedSessionsRetention<SessionCopy> {
    private final RegistrationConfig config;

    public RegistrationRetentionPurge(RegistrationConfig config, Clock clock, InboxHousekeeping inbox) {
        super(clock, inbox, Logger.getLogger(RegistrationRetentionPurge.class));
        this.config = config;
    }

    @Scheduled(
            every = "${ibasho.registration.retention.purge-interval:1h}",
            delayed = "2m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> onSchedule() {
        return scheduledRun();
    }

    @Override
    public String name() {
        return "registration-sessions";
    }

    @Override
    protected Duration afterSession() {
        return config.retention().afterSession();
    }

    /**
     * The session row is locked like every booking locks it, so no seat moves while the totals are taken; a busy
     * session (SKIP LOCKED) waits for the next run instead of blocking this one.
     */
    @Override
    protected Uni<List<SessionCopy>> lockEndedSessions(OffsetDateTime endedBefore) {
        return RetentionStore.endedSessionsNotReduced(
                endedBefore, config.retention().sessionsPerRun());
    }

    @Override
    protected Uni<?> reduce(SessionCopy session, OffsetDateTime now) {
        return RetentionStore.reduceToTotals(session, now);
    }

    @Override
    protected Uni<?> forgetOlderRows(OffsetDateTime now, OffsetDateTime endedBefore) {
        return RetentionStore.forgetRosterReadsBefore(
                now.minus(config.retention().rosterAudit()));
    }

    @Override
    protected String reducedMessage() {
        return "reduced the registrations of %d past session(s) to anonymous totals";
    }
}
