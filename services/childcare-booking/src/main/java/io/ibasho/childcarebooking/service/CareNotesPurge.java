package io.ibasho.childcarebooking.service;

import io.ibasho.childcarebooking.BookedChild;
import io.ibasho.childcarebooking.config.CareNotesConfig;
import io.ibasho.plumbing.retention.RetentionStep;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import org.jboss.logging.Logger;

/**
 * Deletes care notes and children's nicknames of sessions that ended more than
 * {@code ibasho.care-notes.retention-after-session} ago. The ages stay: they are the anonymous count the organiser's
 * aggregates need.
 */
@ApplicationScoped
public class CareNotesPurge implements RetentionStep {
    private static final Logger LOG = Logger.getLogger(CareNotesPurge.class);

    private final CareNotesConfig config;
    private final Clock clock;

    public CareNotesPurge(CareNotesConfig config, Clock clock) {
        this.clock = clock;
        this.config = config;
    }

    @Scheduled(
            every = "${ibasho.care-notes.purge-interval}",
            delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @WithTransaction
    Uni<Void> onSchedule() {
        return deleteNotesOfEndedSessions().replaceWithVoid();
    }

    /** The job's work, callable directly (tests, an operator's console). @return how many children's notes were deleted */
    @WithTransaction
    public Uni<Integer> deleteNotesOfEndedSessions() {
        return deleteNotesOfEndedSessions(clock.instant());
    }

    @Override
    public String name() {
        return "care-notes";
    }

    /** The job's work as of {@code at} (the schedule passes the clock's now; RetentionOnDemand any time). */
    @Override
    public Uni<Integer> runAsOf(Instant at) {
        return deleteNotesOfEndedSessions(at);
    }

    @WithTransaction
    public Uni<Integer> deleteNotesOfEndedSessions(Instant at) {
        OffsetDateTime endedBefore = at.atOffset(java.time.ZoneOffset.UTC).minus(config.retentionAfterSession());
        return BookedChild.update(
                        "childNickname = null, careNotes = null, notesUpdatedAt = null"
                                + " where (childNickname is not null or careNotes is not null)"
                                + " and bookingId in (select b.id from ChildcareBooking b, SessionOffer s"
                                + " where s.sessionId = b.sessionId and coalesce(s.endsAt, s.startsAt) < ?1)",
                        endedBefore)
                .invoke(deleted -> {
                    if (deleted > 0) {
                        LOG.infof("deleted the care notes of %d children of ended sessions", deleted);
                    }
                });
    }
}
