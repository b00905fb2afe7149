package io.ibasho.plumbing.inbox;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.OffsetDateTime;

/**
 * What a consumer keeps only to read its events right, forgotten when it can no longer matter (issue #14): handled
 * event ids after {@link ProcessedMessage#REMEMBERED}, session tombstones after {@link SessionTombstone#KEPT}. A
 * service's retention job calls it; each call is its own transaction.
 */
@ApplicationScoped
public class InboxHousekeeping {
    private final Clock clock;

    public InboxHousekeeping(Clock clock) {
        this.clock = clock;
    }

    /** Forgets the handled event ids older than {@link ProcessedMessage#REMEMBERED}; returns how many. */
    @WithTransaction
    public Uni<Integer> forgetHandledEventIds() {
        return ProcessedMessage.forgetHandledBefore(OffsetDateTime.now(clock).minus(ProcessedMessage.REMEMBERED));
    }

    /** Forgets the ends of sessions read before their publication, after {@link SessionTombstone#KEPT}. */
    @WithTransaction
    public Uni<Integer> forgetSessionTombstones() {
        return SessionTombstone.forgetBefore(OffsetDateTime.now(clock).minus(SessionTombstone.KEPT));
    }
}
