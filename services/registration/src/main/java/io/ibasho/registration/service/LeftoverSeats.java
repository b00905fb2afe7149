package io.ibasho.registration.service;

import io.ibasho.plumbing.refusal.Refusal;
import io.ibasho.registration.SessionCopy;
import io.ibasho.registration.repository.LotteryAllocationStore;
import io.smallrye.mutiny.Uni;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * Seats a lottery could not fill open to first-come booking: once the allocation after the draw is done, nobody is
 * left on the reserve list (no WAITLISTED registration) and a seat is free. Until then every freed seat belongs to the
 * reserve list, in drawn order. Once opened the session stays open to first-come booking (and to its waitlist), so a
 * later full house behaves like any first-come session.
 */
public final class LeftoverSeats {
    private LeftoverSeats() {}

    /** True when this lottery session takes first-come bookings now. Always false for a session that is not a lottery. */
    public static Uni<Boolean> openForFirstCome(SessionCopy session) {
        if (session == null || !"LOTTERY".equals(session.allocation)) {
            return Uni.createFrom().item(false);
        }
        return LotteryAllocationStore.openForFirstCome(session.id);
    }

    /**
     * The check for BookingService's first-come paths (book, join the waitlist): a first-come session passes, a lottery
     * session passes once its leftover seats are open, anything else is the same 409 not-first-come as before.
     */
    public static Uni<Void> requireFirstCome(SessionCopy session, OffsetDateTime now) {
        if ("FIRST_COME".equals(session.allocation)) {
            return Uni.createFrom().voidItem();
        }
        // an opening seen here is recorded at once, so the session stays open once its leftover seats are booked
        return openForFirstCome(session)
                .call(open ->
                        open ? recordOpening(session.id, now) : Uni.createFrom().nullItem())
                .invoke(open -> {
                    if (!open) {
                        throw Refusal.conflict(
                                "not-first-come",
                                "LOTTERY".equals(session.allocation)
                                        ? "This session is allocated by lottery; seats it could not fill open to booking once its reserve list is exhausted."
                                        : "This session is not booked first-come (allocation " + session.allocation
                                                + ").");
                    }
                })
                .replaceWithVoid();
    }

    /** Records the opening of one session (so it stays open); called when its allocation is done. */
    static Uni<Integer> recordOpening(UUID sessionId, OffsetDateTime now) {
        return LotteryAllocationStore.recordFirstComeOpening(sessionId, now);
    }

    /** Records every opening that has come about since (reserve lists run out through declines, expiries, cancellations). */
    static Uni<Integer> recordOpenings(OffsetDateTime now) {
        return LotteryAllocationStore.recordFirstComeOpenings(now);
    }
}
