package io.ibasho.event.service;

import io.ibasho.event.PartnerVisit;
import io.ibasho.event.repository.PartnerVisitLog;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;

/** A partner account's visits to her schedule, for "changes since your last visit" (stored here, never in a browser). */
@ApplicationScoped
public class PartnerVisits {
    private final Clock clock;

    public PartnerVisits(Clock clock) {
        this.clock = clock;
    }

    /**
     * Records that she looks at her schedule now and answers when her previous visit began: the changes since then are
     * new to her. Null on her first visit.
     */
    @WithTransaction
    public Uni<OffsetDateTime> visit(String subject, String partnerGroup) {
        OffsetDateTime now = OffsetDateTime.now(clock).truncatedTo(ChronoUnit.MICROS);
        // the first visit inserts; two tabs opened at once must not both try to (a unique-key failure)
        return PartnerVisitLog.recordFirstVisit(subject, partnerGroup, now)
                .flatMap(first -> first
                        ? Uni.createFrom().nullItem()
                        : PartnerVisit.<PartnerVisit>findById(subject, LockModeType.PESSIMISTIC_WRITE)
                                .map(visit -> {
                                    visit.partnerGroup = partnerGroup;
                                    visit.seenAt(now);
                                    return visit.previousVisitStartedAt;
                                }));
    }
}
