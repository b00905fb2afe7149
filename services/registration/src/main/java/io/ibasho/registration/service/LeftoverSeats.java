package io.ibasho.registration.service;

import io.ibasho.plumbing.refusal.Refusal;
import io.ibasho.registration.SessionCopy;
import io.quarkus.hibernate.reactive.panache.Panache;
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
    private static final String OPEN =
            "select count(*) from lottery_allocation a join session_copy c on c.id = a.session_id "
                    + "where a.session_id = :id and a.status = 'DONE' and (a.first_come_opened_at is not null "
                    + "or (not exists (select 1 from registration r where r.session_id = a.session_id and r.status = 'WAITLISTED') "
                    + "and (c.capacity is null or c.confirmed_seats < c.capacity)))";

    private LeftoverSeats() {}

    /** True when this lottery session takes first-come bookings now. Always false for a session that is not a lottery. */
    public static Uni<Boolean> openForFirstCome(SessionCopy session) {
        if (session == null || !"LOTTERY".equals(session.allocation)) {
            return Uni.createFrom().item(false);
        }
        return Panache.getSession()
                .flatMap(s -> s.flush().replaceWith(s))
                .flatMap(s -> s.createNativeQuery(OPEN, Long.class)
                        .setParameter("id", session.id)
                        .getSingleResult())
                .map(count -> count > 0);
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

    private static final String RECORD_OPENINGS =
            "update lottery_allocation a set first_come_opened_at = :now from session_copy c "
                    + "where c.id = a.session_id and a.status = 'DONE' and a.first_come_opened_at is null "
                    + "and not exists (select 1 from registration r where r.session_id = a.session_id and r.status = 'WAITLISTED') "
                    + "and (c.capacity is null or c.confirmed_seats < c.capacity)";

    /** Records the opening of one session (so it stays open); called when its allocation is done. */
    static Uni<Integer> recordOpening(UUID sessionId, OffsetDateTime now) {
        return Panache.getSession().flatMap(s -> s.flush().replaceWith(s)).flatMap(s -> s.createNativeQuery(
                        RECORD_OPENINGS + " and a.session_id = :id")
                .setParameter("id", sessionId)
                .setParameter("now", now)
                .executeUpdate());
    }

    /** Records every opening that has come about since (reserve lists run out through declines, expiries, cancellations). */
    static Uni<Integer> recordOpenings(OffsetDateTime now) {
        return Panache.getSession().flatMap(s -> s.createNativeQuery(RECORD_OPENINGS)
                .setParameter("now", now)
                .executeUpdate());
    }
}
