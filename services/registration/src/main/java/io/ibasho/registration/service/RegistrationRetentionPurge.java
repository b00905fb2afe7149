package io.ibasho.registration.service;

import io.ibasho.plumbing.inbox.InboxHousekeeping;
import io.ibasho.plumbing.retention.RetentionStep;
import io.ibasho.registration.SessionCopy;
import io.ibasho.registration.config.RegistrationConfig;
import io.ibasho.registration.repository.RetentionStore;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Deletes the registrations of sessions that ended more than {@code ibasho.registration.retention.after-session} ago
 * (default 30 days): nicknames, account ids, children's ages and booking codes, i.e. the record of where a woman was.
 * First it keeps one row of anonymous totals per session (confirmed, attended, no-show, cancelled, still waiting,
 * with childcare, drop-ins) for the organisation's reports. Roster-read audit rows go after
 * {@code ibasho.registration.retention.roster-audit} (a year). The lottery's seed, draw and published result stay:
 * they name registration ids only, and a past draw must stay checkable.
 */
@ApplicationScoped
public class RegistrationRetentionPurge implements RetentionStep {
    private static final Logger LOG = Logger.getLogger(RegistrationRetentionPurge.class);

    private final RegistrationConfig config;
    private final Clock clock;
    private final InboxHousekeeping inbox;

    public RegistrationRetentionPurge(RegistrationConfig config, Clock clock, InboxHousekeeping inbox) {
        this.inbox = inbox;
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(
            every = "${ibasho.registration.retention.purge-interval:1h}",
            delayed = "2m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> onSchedule() {
        return anonymiseEndedSessions()
                .call(inbox::forgetHandledEventIds)
                .call(inbox::forgetSessionTombstones)
                .replaceWithVoid();
    }

    /**
     * The job's work, callable directly (tests, an operator's console).
     *
     * @return how many sessions were reduced to totals in this run
     */
    @WithTransaction
    public Uni<Integer> anonymiseEndedSessions() {
        return anonymiseEndedSessions(clock.instant());
    }

    @Override
    public String name() {
        return "registration-sessions";
    }

    /** The job's work as of {@code at} (the schedule passes the clock's now; RetentionOnDemand any time). */
    @Override
    public Uni<Integer> runAsOf(Instant at) {
        return anonymiseEndedSessions(at);
    }

    @WithTransaction
    public Uni<Integer> anonymiseEndedSessions(Instant at) {
        OffsetDateTime now = at.atOffset(java.time.ZoneOffset.UTC);
        OffsetDateTime endedBefore = now.minus(config.retention().afterSession());
        // The session row is locked like every booking locks it, so no seat moves while the totals are taken; a busy
        // session (SKIP LOCKED) waits for the next run instead of blocking this one.
        return RetentionStore.endedSessionsNotReduced(
                        endedBefore, config.retention().sessionsPerRun())
                .flatMap(sessions -> sessions.isEmpty()
                        ? Uni.createFrom().item(0)
                        : Multi.createFrom()
                                .iterable(sessions)
                                .onItem()
                                .transformToUniAndConcatenate(session -> anonymise(session, now))
                                .collect()
                                .asList()
                                .map(List::size))
                .call(() -> RetentionStore.forgetRosterReadsBefore(
                        now.minus(config.retention().rosterAudit())))
                .invoke(sessions -> {
                    if (sessions > 0) {
                        LOG.infof("reduced the registrations of %d past session(s) to anonymous totals", sessions);
                    }
                });
    }

    /** Returns the session's id (not void: a Multi drops null items, and the caller counts them). */
    private static Uni<java.util.UUID> anonymise(SessionCopy session, OffsetDateTime now) {
        return RetentionStore.reduceToTotals(session, now).replaceWith(session.id);
    }
}
