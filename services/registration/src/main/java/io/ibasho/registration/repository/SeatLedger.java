package io.ibasho.registration.repository;

import io.ibasho.registration.SessionCopy;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import java.util.UUID;

/**
 * The seat ledger: a session's count of taken seats ({@code session_copy.confirmed_seats}) against its capacity, moved
 * by single guarded updates so two bookings can never take the last seat twice, and the session row's locks that order
 * bookings, applications and the draw.
 */
public final class SeatLedger {
    private SeatLedger() {}

    /** Takes one seat if one is free; false when the session is full. */
    public static Uni<Boolean> take(UUID sessionId) {
        return Panache.getSession()
                .flatMap(s -> s.createNativeQuery("update session_copy set confirmed_seats = confirmed_seats + 1 "
                                + "where id = :id and (capacity is null or confirmed_seats < capacity)")
                        .setParameter("id", sessionId)
                        .executeUpdate())
                .map(updated -> updated == 1);
    }

    /**
     * The first-come booking's one statement ({@link #takeOrSayWhy}): the session's row (null: no such session), the
     * event's sequence number when a seat was taken (null when none was), and otherwise her active registrations of
     * the session.
     */
    public record SeatOrWhy(SessionCopy session, Long eventSequence, long herActive) {
        public boolean taken() {
            return eventSequence != null;
        }
    }

    /**
     * The first-come booking's first statement, and for a refused attempt its only one (docs/adr/0056): takes one seat
     * of a first-come session if one is free (the same guarded UPDATE as {@link #take}) and returns the session's row,
     * now in the ORM session, with the next {@link EventSequence} number for the booking's event. When nothing was
     * taken (full, a lottery session), the same statement returns the session's row as its snapshot shows it and the
     * count of her active registrations of it, so the caller can say why without another round trip; no row at all: no
     * such session. A seat taken for a session that turns out not to be bookable goes back with the rollback.
     * <p>
     * The row read when nothing was taken is the statement's snapshot: when a concurrent booking or release changed
     * the row while the UPDATE waited for it, that snapshot can be older than what the UPDATE saw. Only a refusal is
     * ever decided from it ("full" only when it too shows no free seat); a free seat in it sends the caller to the
     * guarded UPDATE again (ADR 0047's amendment), so it can never overbook nor hide a seat just freed.
     */
    public static Uni<SeatOrWhy> takeOrSayWhy(UUID sessionId, String attendeeId) {
        return Panache.getSession()
                .flatMap(s -> s.createNativeQuery(
                                TAKE_OR_SAY_WHY, s.getResultSetMapping(Object[].class, SessionCopy.SEAT_OR_WHY))
                        .setParameter("id", sessionId)
                        .setParameter("attendee", attendeeId)
                        .getResultList())
                .map(rows -> {
                    if (rows.isEmpty()) {
                        return new SeatOrWhy(null, null, 0);
                    }
                    Object[] row = rows.get(0);
                    return new SeatOrWhy(
                            (SessionCopy) row[0],
                            row[1] == null ? null : ((Number) row[1]).longValue(),
                            row[2] == null ? 0 : ((Number) row[2]).longValue());
                });
    }

    private static final String TAKE_OR_SAY_WHY = "with taken as ("
            + "update session_copy set confirmed_seats = confirmed_seats + 1 "
            + "where id = :id and allocation = 'FIRST_COME' and (capacity is null or confirmed_seats < capacity) "
            + "returning *, nextval('registration_event_sequence') as event_sequence) "
            + "select taken.*, cast(0 as bigint) as her_active from taken "
            + "union all "
            + "select s.*, cast(null as bigint) as event_sequence, "
            // the statuses of BookingService.ACTIVE, as in the partial unique index registration_one_active (V6)
            + "(select count(*) from registration r where r.session_id = s.id and r.attendee_id = :attendee "
            + "and r.status in ('CONFIRMED', 'APPLIED', 'WAITLISTED', 'OFFERED', 'PENDING_CHILDCARE')) as her_active "
            + "from session_copy s where s.id = :id and not exists (select 1 from taken)";

    /** Gives one seat back (never below zero). */
    public static Uni<Void> release(UUID sessionId) {
        return Panache.getSession()
                .flatMap(s -> s.createNativeQuery(
                                "update session_copy set confirmed_seats = confirmed_seats - 1 where id = :id and confirmed_seats > 0")
                        .setParameter("id", sessionId)
                        .executeUpdate())
                .replaceWithVoid();
    }

    /** Every seat given back at once (the session was cancelled). */
    public static Uni<Void> releaseAll(UUID sessionId) {
        return Panache.getSession()
                .flatMap(s -> s.createNativeQuery("update session_copy set confirmed_seats = 0 where id = :id")
                        .setParameter("id", sessionId)
                        .executeUpdate())
                .replaceWithVoid();
    }

    public static Uni<Boolean> hasFreeSeat(UUID sessionId) {
        return Panache.getSession()
                .flatMap(s -> s.createNativeQuery(
                                "select count(*) from session_copy where id = :id and (capacity is null or confirmed_seats < capacity)",
                                Long.class)
                        .setParameter("id", sessionId)
                        .getSingleResult())
                .map(count -> count > 0);
    }

    /** Locks the session's row until the transaction ends (waits for another holder). */
    public static Uni<Void> lockSession(UUID sessionId) {
        return Panache.getSession()
                .flatMap(s -> s.createNativeQuery(
                                "select cast(id as text) from session_copy where id = :id for update", String.class)
                        .setParameter("id", sessionId)
                        .getResultList())
                .replaceWithVoid();
    }

    /**
     * Locks the session's row without waiting: fails with PostgreSQL's lock_not_available (55P03) while another
     * transaction holds it. Null when there is no such session.
     */
    public static Uni<SessionCopy> lockSessionNowait(UUID sessionId) {
        return Panache.getSession()
                .flatMap(s -> s.createNativeQuery(
                                "select * from session_copy where id = :id for update nowait", SessionCopy.class)
                        .setParameter("id", sessionId)
                        .getResultList())
                .map(rows -> rows.isEmpty() ? null : rows.get(0));
    }

    /** Seats taken and walk-ins counted, as they stand in the database. */
    public record Counters(int confirmedSeats, int dropIns) {}

    public static Uni<Counters> counters(UUID sessionId) {
        return Panache.getSession()
                .flatMap(s -> s.createNativeQuery(
                                "select confirmed_seats, drop_in_count from session_copy where id = :id",
                                Object[].class)
                        .setParameter("id", sessionId)
                        .getSingleResult())
                .map(row -> new Counters(((Number) row[0]).intValue(), ((Number) row[1]).intValue()));
    }

    /** Adds walk-ins to the session's count (nothing about who they are is kept). */
    public static Uni<Void> addDropIns(UUID sessionId, int count) {
        return Panache.getSession()
                .flatMap(s -> s.createNativeQuery(
                                "update session_copy set drop_in_count = drop_in_count + :count where id = :id")
                        .setParameter("count", count)
                        .setParameter("id", sessionId)
                        .executeUpdate())
                .replaceWithVoid();
    }

    /**
     * The capacity is lowered: the seats already taken beyond it become the database's limit ({@code capacity_floor}),
     * written before the new capacity so the CHECK constraint holds at every step.
     */
    public static Uni<Integer> keepTakenSeatsAbove(UUID sessionId, int capacity) {
        return Panache.getSession()
                .flatMap(s -> s.createNativeQuery(
                                "update session_copy set capacity_floor = "
                                        + "case when confirmed_seats > :capacity then confirmed_seats else 0 end where id = :id")
                        .setParameter("capacity", capacity)
                        .setParameter("id", sessionId)
                        .executeUpdate());
    }
}
