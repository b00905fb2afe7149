package io.ibasho.registration.repository;

import io.ibasho.registration.lottery.ChildcareAnswer;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * The allocation after a draw, as persisted: one {@code lottery_allocation} row per drawn session (the draw's input,
 * how far down the order it is, the one childcare question it waits for) and its {@code lottery_childcare_question}s
 * with their answers, from which the state machine is rebuilt after a restart. Its row lock serialises the steps.
 */
public final class LotteryAllocationStore {
    private LotteryAllocationStore() {}

    /**
     * One childcare question of an allocation.
     *
     * @param applicationId her application as the draw names it (her lottery reference; the registration id in draws
     *     made before ADR 0085)
     * @param registrationId her registration, as the ChildcareRequested and its withdrawal name it; null when her
     *     application was gone before she was reached (nothing was asked)
     */
    public record Question(
            UUID requestId, UUID sessionId, UUID applicationId, UUID registrationId, boolean answered, String reason) {}

    /** Where the allocation stands: ALLOCATING or DONE, the next rank, whether it waits for a childcare answer. */
    public record StateRow(String status, int nextRank, boolean waitingForChildcare) {}

    /** The allocation row of a session still allocating, locked; {@code waitingRequestId} null when none is asked. */
    public record LockedAllocation(UUID waitingRequestId) {}

    public static Uni<Void> start(UUID sessionId, String drawInput, OffsetDateTime now) {
        return Panache.getSession()
                .flatMap(s -> s.createNativeQuery(
                                "insert into lottery_allocation "
                                        + "(session_id, status, draw_input, next_rank, updated_at) values (:id, 'ALLOCATING', :input, 1, :now)")
                        .setParameter("id", sessionId)
                        .setParameter("input", drawInput)
                        .setParameter("now", now)
                        .executeUpdate())
                .replaceWithVoid();
    }

    /** Null before the draw. */
    public static Uni<StateRow> state(UUID sessionId) {
        return Panache.getSession()
                .flatMap(s -> s.createNativeQuery(
                                "select status || ';' || next_rank || ';' "
                                        + "|| (waiting_request_id is not null) from lottery_allocation where session_id = :id",
                                String.class)
                        .setParameter("id", sessionId)
                        .getResultList())
                .map(rows -> {
                    if (rows.isEmpty()) {
                        return null;
                    }
                    String[] fields = rows.get(0).split(";");
                    return new StateRow(fields[0], Integer.parseInt(fields[1]), fields[2].startsWith("t"));
                });
    }

    /** The draw's input as kept at the draw (policy, seed, applications, month wins). */
    public static Uni<String> drawInput(UUID sessionId) {
        return Panache.getSession()
                .flatMap(s -> s.createNativeQuery(
                                "select draw_input from lottery_allocation where session_id = :id", String.class)
                        .setParameter("id", sessionId)
                        .getSingleResult());
    }

    /** Locks the session's allocation row: one step at a time per session; null when it is not allocating. */
    public static Uni<LockedAllocation> lockAllocating(UUID sessionId) {
        return Panache.getSession()
                .flatMap(s -> s.createNativeQuery(
                                "select coalesce(cast(waiting_request_id as text), '') "
                                        + "from lottery_allocation where session_id = :id and status = 'ALLOCATING' for update",
                                String.class)
                        .setParameter("id", sessionId)
                        .getResultList())
                .map(rows -> rows.isEmpty()
                        ? null
                        : new LockedAllocation(rows.get(0).isEmpty() ? null : UUID.fromString(rows.get(0))));
    }

    /** Up to ten childcare questions asked at or before the cut-off and still waiting, locked, the oldest first. */
    public static Uni<List<UUID>> overdueQuestions(OffsetDateTime cutOff) {
        return Panache.getSession()
                .flatMap(s -> s.createNativeQuery(
                                "select cast(waiting_request_id as text) from lottery_allocation "
                                        + "where status = 'ALLOCATING' and waiting_request_id is not null and asked_at <= :cutOff "
                                        + "order by asked_at limit 10 for update skip locked",
                                String.class)
                        .setParameter("cutOff", cutOff)
                        .getResultList())
                .map(rows -> rows.stream().map(UUID::fromString).toList());
    }

    /** The allocation now waits at this rank for the answer to this question. */
    public static Uni<Void> waitFor(UUID sessionId, int nextRank, UUID requestId, OffsetDateTime now) {
        return Panache.getSession()
                .flatMap(s -> s.createNativeQuery(
                                "update lottery_allocation set next_rank = :rank, "
                                        + "waiting_request_id = :request, asked_at = :now, updated_at = :now where session_id = :id")
                        .setParameter("rank", nextRank)
                        .setParameter("request", requestId)
                        .setParameter("now", now)
                        .setParameter("id", sessionId)
                        .executeUpdate())
                .replaceWithVoid();
    }

    /** The allocation waits for no answer (the one asked came, or counted as no). */
    public static Uni<Void> stopWaiting(UUID sessionId, OffsetDateTime now) {
        return Panache.getSession()
                .flatMap(s -> s.createNativeQuery("update lottery_allocation set waiting_request_id = null, "
                                + "asked_at = null, updated_at = :now where session_id = :id")
                        .setParameter("now", now)
                        .setParameter("id", sessionId)
                        .executeUpdate())
                .replaceWithVoid();
    }

    public static Uni<Void> done(UUID sessionId, int nextRank, OffsetDateTime now) {
        return Panache.getSession()
                .flatMap(s -> s.createNativeQuery(
                                "update lottery_allocation set status = 'DONE', next_rank = :rank, "
                                        + "waiting_request_id = null, asked_at = null, updated_at = :now where session_id = :id")
                        .setParameter("rank", nextRank)
                        .setParameter("now", now)
                        .setParameter("id", sessionId)
                        .executeUpdate())
                .replaceWithVoid();
    }

    public static Uni<Boolean> isQuestion(UUID requestId) {
        return Panache.getSession()
                .flatMap(s -> s.createNativeQuery(
                                "select count(*) from lottery_childcare_question where request_id = :id", Long.class)
                        .setParameter("id", requestId)
                        .getSingleResult())
                .map(count -> count > 0);
    }

    public static Uni<Void> ask(Question question, int askedOrder, OffsetDateTime now) {
        return Panache.getSession()
                .flatMap(s -> s.createNativeQuery("insert into lottery_childcare_question "
                                + "(request_id, session_id, application_id, registration_id, asked_order, asked_at) "
                                + "values (:request, :session, :application, :registration, :order, :now)")
                        .setParameter("now", now)
                        .setParameter("request", question.requestId())
                        .setParameter("session", question.sessionId())
                        .setParameter("application", question.applicationId())
                        .setParameter("registration", question.registrationId())
                        .setParameter("order", askedOrder)
                        .executeUpdate())
                .replaceWithVoid();
    }

    /** The answer to a question: RESERVED, or why not. */
    public static Uni<Void> answer(UUID requestId, boolean reserved, String reason, OffsetDateTime now) {
        return Panache.getSession()
                .flatMap(s -> s.createNativeQuery("update lottery_childcare_question set answered_at = :now, "
                                + "reserved = :reserved, reason = :reason where request_id = :request")
                        .setParameter("now", now)
                        .setParameter("reserved", reserved)
                        .setParameter("reason", reserved ? "RESERVED" : reason)
                        .setParameter("request", requestId)
                        .executeUpdate())
                .replaceWithVoid();
    }

    /** Null when the request is not one of a lottery's questions. */
    public static Uni<Question> question(UUID requestId) {
        return Panache.getSession()
                .flatMap(s -> s.createNativeQuery(
                                "select cast(session_id as text) || ';' || cast(application_id as text) "
                                        + "|| ';' || coalesce(cast(registration_id as text), '') "
                                        + "|| ';' || (answered_at is not null) || ';' || coalesce(reason, '') from lottery_childcare_question "
                                        + "where request_id = :id",
                                String.class)
                        .setParameter("id", requestId)
                        .getResultList())
                .map(rows -> {
                    if (rows.isEmpty()) {
                        return null;
                    }
                    String[] fields = rows.get(0).split(";", -1);
                    return new Question(
                            requestId,
                            UUID.fromString(fields[0]),
                            UUID.fromString(fields[1]),
                            fields[2].isEmpty() ? null : UUID.fromString(fields[2]),
                            fields[3].startsWith("t"),
                            fields[4].isEmpty() ? null : fields[4]);
                });
    }

    /** The answers so far, in the order asked. */
    public static Uni<List<ChildcareAnswer>> answers(UUID sessionId) {
        return Panache.getSession()
                .flatMap(s -> s.createNativeQuery(
                                "select cast(application_id as text) || ';' || reserved "
                                        + "from lottery_childcare_question where session_id = :id and answered_at is not null order by asked_order",
                                String.class)
                        .setParameter("id", sessionId)
                        .getResultList())
                .map(rows -> rows.stream()
                        .map(row -> row.split(";"))
                        .map(fields -> new ChildcareAnswer(UUID.fromString(fields[0]), fields[1].startsWith("t")))
                        .toList());
    }

    // --- leftover seats: open to first-come booking once the reserve list is exhausted (LeftoverSeats) -------------

    private static final String OPEN =
            "select count(*) from lottery_allocation a join session_copy c on c.id = a.session_id "
                    + "where a.session_id = :id and a.status = 'DONE' and (a.first_come_opened_at is not null "
                    + "or (not exists (select 1 from registration r where r.session_id = a.session_id and r.status = 'WAITLISTED') "
                    + "and (c.capacity is null or c.confirmed_seats < c.capacity)))";

    private static final String RECORD_OPENINGS =
            "update lottery_allocation a set first_come_opened_at = :now from session_copy c "
                    + "where c.id = a.session_id and a.status = 'DONE' and a.first_come_opened_at is null "
                    + "and not exists (select 1 from registration r where r.session_id = a.session_id and r.status = 'WAITLISTED') "
                    + "and (c.capacity is null or c.confirmed_seats < c.capacity)";

    /**
     * Whether the session's leftover seats are open to first-come booking: opened before, or now done with nobody
     * waiting and a seat free. Flushes first, so changes of this transaction count.
     */
    public static Uni<Boolean> openForFirstCome(UUID sessionId) {
        return Panache.getSession()
                .flatMap(s -> s.flush().replaceWith(s))
                .flatMap(s -> s.createNativeQuery(OPEN, Long.class)
                        .setParameter("id", sessionId)
                        .getSingleResult())
                .map(count -> count > 0);
    }

    /** Records the opening of one session, if it has come about (so it stays open). */
    public static Uni<Integer> recordFirstComeOpening(UUID sessionId, OffsetDateTime now) {
        return Panache.getSession()
                .flatMap(s -> s.flush().replaceWith(s))
                .flatMap(s -> s.createNativeQuery(RECORD_OPENINGS + " and a.session_id = :id")
                        .setParameter("id", sessionId)
                        .setParameter("now", now)
                        .executeUpdate());
    }

    /** Records every opening that has come about. */
    public static Uni<Integer> recordFirstComeOpenings(OffsetDateTime now) {
        return Panache.getSession()
                .flatMap(s -> s.createNativeQuery(RECORD_OPENINGS)
                        .setParameter("now", now)
                        .executeUpdate());
    }
}
