package io.ibasho.childcarebooking.service;

import io.ibasho.childcarebooking.CareNotesAudit;
import io.ibasho.childcarebooking.ChildcareBooking;
import io.ibasho.childcarebooking.ChildcareDecision;
import io.ibasho.childcarebooking.SessionChildcareBandTotal;
import io.ibasho.childcarebooking.SessionChildcareTotal;
import io.ibasho.childcarebooking.SessionOffer;
import io.ibasho.childcarebooking.capacity.BandCount;
import io.ibasho.childcarebooking.capacity.ChildAge;
import io.ibasho.childcarebooking.capacity.ChildcareCapacity;
import io.ibasho.childcarebooking.capacity.ChildcareSummary;
import io.ibasho.childcarebooking.config.RetentionConfig;
import io.ibasho.childcarebooking.mapping.SessionCapacity;
import io.ibasho.childcarebooking.repository.SessionOffers;
import io.ibasho.plumbing.inbox.InboxHousekeeping;
import io.ibasho.plumbing.retention.EndedSessionsRetention;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Deletes the personal rows of sessions that ended more than {@code ibasho.childcare-retention.after-session} ago
 * (default 30 days): the bookings (with the mother's account id), their children (ages by position) and the answers
 * given to each request. First it keeps what reports need, anonymously: per session the number of families,
 * children, carers and carers needed, and children per age band of the organisation's table at that time. Care notes
 * went long before (CareNotesPurge, 24 h). Care-sheet read audit rows go after {@code ibasho.childcare-retention.audit}
 * (a year).
 */
@ApplicationScoped
public class ChildcareRetentionPurge extends EndedSessionsRetention<SessionOffer> {
    private final RetentionConfig config;
    private final Clock clock;

    public ChildcareRetentionPurge(RetentionConfig config, Clock clock, InboxHousekeeping inbox) {
        super(clock, inbox, Logger.getLogger(ChildcareRetentionPurge.class));
        this.clock = clock;
        this.config = config;
    }

    @Scheduled(
            every = "${ibasho.childcare-retention.purge-interval}",
            delayed = "2m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> onSchedule() {
        return scheduledRun();
    }

    @Override
    public String name() {
        return "childcare-sessions";
    }

    @Override
    protected Duration afterSession() {
        return config.afterSession();
    }

    /**
     * Locked here (the same row lock as reservations and releases), so nothing is reserved or released while the
     * totals are taken; SKIP LOCKED lets a busy session wait for the next run instead of blocking this one.
     */
    @Override
    protected Uni<List<SessionOffer>> lockEndedSessions(OffsetDateTime endedBefore) {
        return SessionOffers.lockEndedWithoutTotals(endedBefore, config.sessionsPerRun());
    }

    @Override
    protected Uni<?> reduce(SessionOffer offer, OffsetDateTime now) {
        return anonymise(offer);
    }

    /**
     * Answers to requests for sessions this service never knew (UNKNOWN_SESSION) have no session to wait for: they go
     * once they are as old as the retention. Care-sheet read audit rows go after their own time.
     */
    @Override
    protected Uni<?> forgetOlderRows(OffsetDateTime now, OffsetDateTime endedBefore) {
        return ChildcareDecision.delete(
                        "decidedAt < ?1 and sessionId not in" + " (select s.sessionId from SessionOffer s)",
                        endedBefore)
                .call(() -> CareNotesAudit.delete("readAt < ?1", now.minus(config.audit())));
    }

    @Override
    protected String reducedMessage() {
        return "reduced the childcare of %d past session(s) to anonymous totals";
    }

    private Uni<UUID> anonymise(SessionOffer offer) {
        return OrganisationRatiosService.rulesOf(offer.organisationId)
                .flatMap(rules -> ChildcareReservationService.reservedChildren(offer.sessionId)
                        .flatMap(children -> ChildcareBooking.count(
                                        "sessionId = ?1 and status = ?2",
                                        offer.sessionId,
                                        ChildcareBooking.Status.RESERVED)
                                .flatMap(families -> keepTotals(
                                        offer, SessionCapacity.of(offer, rules), children, families.intValue()))))
                .call(() -> Panache.flush())
                // booked_child rows go with their booking (on delete cascade).
                .call(() -> ChildcareBooking.delete("sessionId", offer.sessionId))
                .call(() -> ChildcareDecision.delete("sessionId", offer.sessionId))
                .replaceWith(offer.sessionId);
    }

    private Uni<Void> keepTotals(
            SessionOffer offer, ChildcareCapacity capacity, List<ChildAge> children, int families) {
        ChildcareSummary summary = capacity.summarise(children);
        SessionChildcareTotal total = new SessionChildcareTotal();
        total.sessionId = offer.sessionId;
        total.organisationId = offer.organisationId;
        total.families = families;
        total.children = summary.totalChildren();
        total.carers = offer.carers;
        total.carersNeeded = summary.carersNeeded();
        total.anonymisedAt = OffsetDateTime.now(clock);
        List<SessionChildcareBandTotal> bands = new ArrayList<>();
        int position = 1;
        for (BandCount count : summary.childrenByBand()) {
            SessionChildcareBandTotal band = new SessionChildcareBandTotal();
            band.sessionId = offer.sessionId;
            band.position = position++;
            band.ages = count.band().label();
            band.children = count.children();
            bands.add(band);
        }
        return total.persist()
                .call(() -> SessionChildcareBandTotal.persist(bands))
                .replaceWithVoid();
    }
}
