package io.ibasho.registration.repository;

import io.ibasho.plumbing.sql.SessionConnection;
import io.ibasho.registration.SessionCopy;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

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
     * of a first-come session if one is free (the same guarded UPDATE as {@link #take}) and returns the session's row
     * with the next {@link EventSequence} number for the booking's event. When nothing was taken (full, a lottery
     * session), the same statement returns the session's row as its snapshot shows it and the count of her active
     * registrations of it, so the caller can say why without another round trip; no row at all: no such session. A seat
     * taken for a session that turns out not to be bookable goes back with the rollback.
     * <p>
     * The row read when nothing was taken is the statement's snapshot: when a concurrent booking or release changed
     * the row while the UPDATE waited for it, that snapshot can be older than what the UPDATE saw. Only a refusal is
     * ever decided from it ("full" only when it too shows no free seat); a free seat in it sends the caller to the
     * guarded UPDATE again (ADR 0047's amendment), so it can never overbook nor hide a seat just freed.
     * <p>
     * It runs on the ORM session's own connection, in its transaction, past Hibernate's query machinery (ADR 0069):
     * a rush is hundreds of these a second, and as a native query each built a new plan, walked the plan cache's dead
     * ones of the same SQL first, and hydrated the row as a managed entity. The session comes back as a copy that is
     * not in the ORM session; nothing on the booking's paths writes it (its counters change only through SQL).
     */
    public static Uni<SeatOrWhy> takeOrSayWhy(UUID sessionId, String attendeeId) {
        return SessionConnection.select(TAKE_OR_SAY_WHY, sessionId, attendeeId).map(rows -> {
            if (rows.isEmpty()) {
                return new SeatOrWhy(null, null, 0);
            }
            Object[] row = rows.get(0);
            return new SeatOrWhy(sessionOf(row), eventSequenceOf(row), herActiveOf(row));
        });
    }

    /**
     * The session as its committed row shows it, without a lock: the count of her active registrations of it, and,
     * when the row shows a first-come session open with a free seat, a number of {@link EventSequence} drawn for the
     * booking's event (null otherwise). Null session: no such session.
     */
    public record FirstLook(SessionCopy session, Long eventSequence, long herActive) {
        public boolean seatFree() {
            return eventSequence != null;
        }
    }

    /**
     * A booking without children reads the session first, taking no lock (ADR 0088): a refusal is decided from this
     * read alone (a moment at which the session was full, closed or hers already), and a booking then takes its seat
     * in {@link BookingRows#takeSeatAndInsertConfirmed}, guarded on the row being the one read here.
     * <p>
     * The event's number is drawn here, before the seat is taken: the number orders the changes of one registration
     * (EventSequence), and this is the first of the registration about to be written, whose later changes can only
     * start after this transaction commits.
     */
    public static Uni<FirstLook> firstLook(UUID sessionId, String attendeeId) {
        return SessionConnection.select(FIRST_LOOK, sessionId, attendeeId).map(rows -> {
            if (rows.isEmpty()) {
                return new FirstLook(null, null, 0);
            }
            Object[] row = rows.get(0);
            return new FirstLook(sessionOf(row), eventSequenceOf(row), herActiveOf(row));
        });
    }

    private static Long eventSequenceOf(Object[] row) {
        Object eventSequence = row[EVENT_SEQUENCE];
        return eventSequence == null ? null : ((Number) eventSequence).longValue();
    }

    private static long herActiveOf(Object[] row) {
        Object herActive = row[HER_ACTIVE];
        return herActive == null ? 0 : ((Number) herActive).longValue();
    }

    /**
     * Every column of session_copy, in the order {@link #sessionOf} reads them (SeatLedgerRowTest fails when the table
     * has a column this list lacks, and when a field read differs from the ORM's load).
     */
    static final List<String> SESSION_COLUMNS = List.of(
            "id",
            "organisation_id",
            "kind",
            "venue_id",
            "venue_name_ja",
            "venue_name_en",
            "allocation",
            "status",
            "starts_at",
            "ends_at",
            "capacity",
            "confirmed_seats",
            "capacity_floor",
            "drop_in_count",
            "application_opens_at",
            "childcare_offered",
            "application_closes_at",
            "lottery_settings",
            "parts",
            "sequence",
            "updated_at");

    /** The statement's two columns after the session's. */
    private static final int EVENT_SEQUENCE = SESSION_COLUMNS.size();

    private static final int HER_ACTIVE = EVENT_SEQUENCE + 1;

    /** The session as the ORM would load it, from the columns of {@link #SESSION_COLUMNS} at the row's start. */
    static SessionCopy sessionOf(Object[] row) {
        SessionCopy session = new SessionCopy();
        session.id = (UUID) row[0];
        session.organisationId = (String) row[1];
        session.kind = (String) row[2];
        session.venueId = (String) row[3];
        session.venueNameJa = (String) row[4];
        session.venueNameEn = (String) row[5];
        session.allocation = (String) row[6];
        session.status = (String) row[7];
        session.startsAt = (OffsetDateTime) row[8];
        session.endsAt = (OffsetDateTime) row[9];
        session.capacity = (Integer) row[10];
        session.confirmedSeats = (Integer) row[11];
        session.capacityFloor = (Integer) row[12];
        session.dropInCount = (Integer) row[13];
        session.applicationOpensAt = (OffsetDateTime) row[14];
        session.childcareOffered = (Boolean) row[15];
        session.applicationClosesAt = (OffsetDateTime) row[16];
        session.lotterySettings = (String) row[17];
        session.parts = (String) row[18];
        session.sequence = (Integer) row[19];
        session.updatedAt = (OffsetDateTime) row[20];
        return session;
    }

    private static final String TAKEN_COLUMNS = String.join(", ", SESSION_COLUMNS);
    private static final String SESSION_ROW_COLUMNS =
            SESSION_COLUMNS.stream().map(column -> "s." + column).collect(Collectors.joining(", "));

    /** Her active registrations of session {@code s}, the attendee being parameter {@code $2}. */
    private static final String HER_ACTIVE_COUNT =
            "(select count(*) from registration r where r.session_id = s.id and r.attendee_id = $2 "
                    // the statuses of BookingService.ACTIVE, as in the partial unique index registration_one_active
                    // (V6)
                    + "and r.status in ('CONFIRMED', 'APPLIED', 'WAITLISTED', 'OFFERED', 'PENDING_CHILDCARE'))";

    // CASE evaluates nextval only for a row that shows a free seat: a refused attempt draws no number
    private static final String FIRST_LOOK = "select " + SESSION_ROW_COLUMNS + ", "
            + "case when s.allocation = 'FIRST_COME' and s.status = 'PUBLISHED' "
            + "and (s.capacity is null or s.confirmed_seats < s.capacity) "
            + "then nextval('registration_event_sequence') end as event_sequence, "
            + HER_ACTIVE_COUNT + " as her_active from session_copy s where s.id = $1";

    private static final String TAKE_OR_SAY_WHY = "with taken as ("
            + "update session_copy set confirmed_seats = confirmed_seats + 1 "
            + "where id = $1 and allocation = 'FIRST_COME' and (capacity is null or confirmed_seats < capacity) "
            + "returning " + TAKEN_COLUMNS + ", nextval('registration_event_sequence') as event_sequence) "
            + "select " + TAKEN_COLUMNS + ", event_sequence, cast(0 as bigint) as her_active from taken "
            + "union all "
            + "select " + SESSION_ROW_COLUMNS + ", cast(null as bigint) as event_sequence, "
            + HER_ACTIVE_COUNT + " as her_active "
            + "from session_copy s where s.id = $1 and not exists (select 1 from taken)";

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
