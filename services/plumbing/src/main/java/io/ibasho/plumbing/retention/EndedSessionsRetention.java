package io.ibasho.plumbing.retention;

import io.ibasho.plumbing.inbox.InboxHousekeeping;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * A service's retention of past sessions, the steps every service takes alike: take the sessions that ended more than
 * {@link #afterSession()} ago and are not reduced yet (locked, so nothing moves while the totals are taken), reduce each
 * one to anonymous totals in turn, then delete the older rows the service keeps beside them (audit rows). The schedule's
 * run also forgets old handled event ids and session tombstones. What a session's totals are, and what is deleted, is
 * the service's own (domain code is never shared).
 *
 * @param <S> the service's row for a session to reduce
 */
public abstract class EndedSessionsRetention<S> implements RetentionStep {
    private Clock clock;
    private InboxHousekeeping inbox;
    private Logger log;

    /** For the client proxy of a normal-scoped bean only. */
    protected EndedSessionsRetention() {}

    protected EndedSessionsRetention(Clock clock, InboxHousekeeping inbox, Logger log) {
        this.clock = clock;
        this.inbox = inbox;
        this.log = log;
    }

    /** How long after its end a session's personal rows are kept. */
    protected abstract Duration afterSession();

    /** The sessions that ended before {@code endedBefore} and are not reduced yet, locked (SKIP LOCKED), one run's worth. */
    protected abstract Uni<List<S>> lockEndedSessions(OffsetDateTime endedBefore);

    /** Keeps the session's anonymous totals and deletes its personal rows. */
    protected abstract Uni<?> reduce(S session, OffsetDateTime now);

    /** Deletes what else has grown old by {@code now} (audit rows, answers for sessions never known). */
    protected abstract Uni<?> forgetOlderRows(OffsetDateTime now, OffsetDateTime endedBefore);

    /** What the log says after a run that reduced sessions, with {@code %d} for their number (nothing personal). */
    protected abstract String reducedMessage();

    /** The schedule's run (the subclass' {@code @Scheduled} method calls it: the setting of its interval is its own). */
    protected Uni<Void> scheduledRun() {
        return anonymiseEndedSessions()
                .call(inbox::forgetHandledEventIds)
                .call(inbox::forgetSessionTombstones)
                .replaceWithVoid();
    }

    /**
     * The job's work now, callable directly (tests, an operator's console).
     *
     * @return how many sessions were reduced to totals in this run
     */
    public Uni<Integer> anonymiseEndedSessions() {
        return anonymiseEndedSessions(clock.instant());
    }

    /** The job's work as of {@code at} (the schedule passes the clock's now; RetentionOnDemand any time). */
    @Override
    public Uni<Integer> runAsOf(Instant at) {
        return anonymiseEndedSessions(at);
    }

    @WithTransaction
    public Uni<Integer> anonymiseEndedSessions(Instant at) {
        OffsetDateTime now = at.atOffset(ZoneOffset.UTC);
        OffsetDateTime endedBefore = now.minus(afterSession());
        return lockEndedSessions(endedBefore)
                .flatMap(sessions -> sessions.isEmpty()
                        ? Uni.createFrom().item(0)
                        : Multi.createFrom()
                                .iterable(sessions)
                                .onItem()
                                // each reduced session counts as one item (a Multi drops null items)
                                .transformToUniAndConcatenate(
                                        session -> reduce(session, now).replaceWith(Boolean.TRUE))
                                .collect()
                                .asList()
                                .map(List::size))
                .call(() -> forgetOlderRows(now, endedBefore))
                .invoke(sessions -> {
                    if (sessions > 0) {
                        log.infof(reducedMessage(), sessions);
                    }
                });
    }
}
