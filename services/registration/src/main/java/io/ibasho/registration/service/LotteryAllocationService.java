package io.ibasho.registration.service;

import io.ibasho.contracts.EventTypes;
import io.ibasho.plumbing.code.DoorCodes;
import io.ibasho.registration.Registration;
import io.ibasho.registration.Registration.ChildcareStatus;
import io.ibasho.registration.Registration.Status;
import io.ibasho.registration.SessionCopy;
import io.ibasho.registration.config.LotteryAllocationConfig;
import io.ibasho.registration.lottery.ChildcareAnswer;
import io.ibasho.registration.lottery.DrawOutcome;
import io.ibasho.registration.lottery.LotteryDraw;
import io.ibasho.registration.lottery.LotteryPolicy;
import io.ibasho.registration.lottery.LotterySeed;
import io.ibasho.registration.lottery.PublishedDraw;
import io.ibasho.registration.lottery.RankedApplicant;
import io.ibasho.registration.lottery.ReservePlace;
import io.ibasho.registration.lottery.SeatAllocation;
import io.ibasho.registration.lottery.SeedCommitment;
import io.ibasho.registration.mapping.LotteryEvents;
import io.ibasho.registration.mapping.RegistrationEvents;
import io.ibasho.registration.mapping.RegistrationEvents.ChildcarePurpose;
import io.ibasho.registration.messaging.RegistrationOutbox;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * The allocation after the draw: walks the drawn order (the pure {@link SeatAllocation}), seating applicants who need
 * no childcare at once and, for one who does, asking childcare-booking ({@code ChildcareRequested}, purpose LOTTERY)
 * and stopping until the answer. <b>One question at a time, in drawn order</b>: each reservation uses childcare places
 * that someone further down might have needed, so asking several at once would let a lower rank take a higher rank's
 * places. Once the seats are full nobody below is asked, so no childcare is ever reserved without a seat.
 * <p>
 * The state is persisted ({@code lottery_allocation}, {@code lottery_childcare_question}) and every step runs in one
 * transaction holding the allocation row's lock, whoever moves it on: the draw, a childcare reply (from
 * {@code LotteryChildcareConsumer}) or the timeout job. After a restart the state machine is rebuilt from the draw's
 * input and the answers so far ({@link SeatAllocation#resume}); the drawn order is a pure function of them.
 * <p>
 * When the allocation is done the published draw (with the answers, so anyone can recompute the winners) is written,
 * the reserve list is made in drawn order, {@code LotteryDrawn} is emitted, free seats are offered down the reserve
 * list, and if the reserve list is exhausted the leftover seats open to first-come booking ({@link LeftoverSeats}).
 */
@ApplicationScoped
public class LotteryAllocationService {
    /** The childcare service did not answer within the timeout: counts as "no". */
    public static final String NO_ANSWER = "NO_ANSWER";
    /** She cancelled her application before she was reached: nothing is asked, she cannot win. */
    public static final String WITHDRAWN = "WITHDRAWN";

    private static final Logger LOG = Logger.getLogger(LotteryAllocationService.class);

    private final RegistrationOutbox outbox;
    private final BookingService bookings;
    private final LotteryAllocationConfig config;
    private final Clock clock;

    public LotteryAllocationService(
            RegistrationOutbox outbox, BookingService bookings, LotteryAllocationConfig config, Clock clock) {
        this.outbox = outbox;
        this.bookings = bookings;
        this.config = config;
        this.clock = clock;
    }

    public enum AllocationStatus {
        /** Walking the drawn order; possibly waiting for one childcare answer. */
        ALLOCATING,
        /** Every seat is decided and the draw is published. */
        DONE
    }

    /**
     * Where an allocation stands after a step.
     *
     * @param winners winners decided so far (final once DONE)
     * @param reserve the reserve list's length; 0 until DONE
     */
    public record Progress(AllocationStatus status, int winners, int reserve) {}

    /** Where a session's allocation stands, as the lottery view shows it. */
    public record AllocationState(
            AllocationStatus status, int nextRank, boolean waitingForChildcare, boolean firstComeOpen) {}

    /** Starts the allocation in the draw's own transaction (the session row is locked), right after the order is fixed. */
    Uni<Progress> start(
            SessionCopy session,
            LotteryDraw draw,
            java.time.Instant drawnAt,
            io.ibasho.registration.lottery.MonthWins monthWins) {
        // the month wins are fixed at the closing with the flags, kept with the input and published with the result
        String input = PublishedDraw.of(draw, drawnAt, new DrawOutcome(List.of(), List.of(), List.of()))
                .withMonthWins(monthWins)
                .toJson();
        OffsetDateTime now = now();
        return Panache.getSession()
                .flatMap(s -> s.createNativeQuery(
                                "insert into lottery_allocation "
                                        + "(session_id, status, draw_input, next_rank, updated_at) values (:id, 'ALLOCATING', :input, 1, :now)")
                        .setParameter("id", session.id)
                        .setParameter("input", input)
                        .setParameter("now", now)
                        .executeUpdate())
                .flatMap(ignored ->
                        advance(session, draw, drawnAt, SeatAllocation.start(draw.order(), draw.policy()), 0));
    }

    /** Whether this request id is one of a lottery's childcare questions; replies to any other request are not ours. */
    public static Uni<Boolean> isLotteryQuestion(UUID requestId) {
        return Panache.getSession()
                .flatMap(s -> s.createNativeQuery(
                                "select count(*) from lottery_childcare_question where request_id = :id", Long.class)
                        .setParameter("id", requestId)
                        .getSingleResult())
                .map(count -> count > 0);
    }

    /**
     * A childcare reply to one of the lottery's questions; runs in the caller's transaction (the consumer records the
     * message id in it). A reply to a question already answered (a redelivery, or one that came after the timeout) or
     * not the one open changes nothing.
     */
    public Uni<Void> answer(UUID requestId, boolean reserved, String reason) {
        return question(requestId)
                .flatMap(question -> question == null
                        ? Uni.createFrom().voidItem()
                        : lockAllocation(question.sessionId()).flatMap(allocation -> {
                            if (allocation == null
                                    || question.answered()
                                    || !requestId.equals(allocation.waitingRequestId())) {
                                if (reserved && !question.answered()) {
                                    // a reservation for a question that is not the open one (the allocation moved on
                                    // or ended): released, never left taken. An answer after NO_ANSWER needs nothing:
                                    // the timeout already withdrew the request; an answered RESERVED is a redelivery.
                                    // Ids only: the session and request are not personal data.
                                    LOG.infof(
                                            "childcare reserved for lottery question %s of session %s that no longer waits; withdrawn",
                                            requestId, question.sessionId());
                                    return ChildcareRequests.withdraw(
                                            outbox,
                                            question.applicationId(),
                                            question.sessionId(),
                                            requestId,
                                            "LATE_ANSWER");
                                }
                                return Uni.createFrom().voidItem();
                            }
                            return record(question, reserved, reason)
                                    .flatMap(ignored -> resume(question.sessionId()))
                                    .replaceWithVoid();
                        }));
    }

    /** Questions unanswered for longer than the timeout count as "no" (NO_ANSWER), so a draw never hangs. */
    @Scheduled(
            every = "${ibasho.registration.lottery-allocation.timeout-check:30s}",
            delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @WithTransaction
    public Uni<Void> answerOverdueQuestions() {
        OffsetDateTime cutOff = now().minus(config.childcareAnswerTimeout());
        return Panache.getSession()
                .flatMap(s -> s.createNativeQuery(
                                "select cast(waiting_request_id as text) from lottery_allocation "
                                        + "where status = 'ALLOCATING' and waiting_request_id is not null and asked_at <= :cutOff "
                                        + "order by asked_at limit 10 for update skip locked",
                                String.class)
                        .setParameter("cutOff", cutOff)
                        .getResultList())
                .flatMap(overdue -> Multi.createFrom()
                        .iterable(overdue)
                        .map(UUID::fromString)
                        .onItem()
                        .transformToUniAndConcatenate(
                                requestId -> question(requestId).flatMap(question -> {
                                    LOG.infof(
                                            "lottery question %s of session %s unanswered for %s: counts as %s",
                                            requestId,
                                            question.sessionId(),
                                            config.childcareAnswerTimeout(),
                                            NO_ANSWER);
                                    // a reservation childcare-booking makes later (or made, unheard) is released
                                    return ChildcareRequests.withdraw(
                                                    outbox,
                                                    question.applicationId(),
                                                    question.sessionId(),
                                                    requestId,
                                                    NO_ANSWER)
                                            .flatMap(ignored -> record(question, false, NO_ANSWER))
                                            .flatMap(ignored -> resume(question.sessionId()));
                                }))
                        .collect()
                        .asList())
                .call(ignored -> LeftoverSeats.recordOpenings(now()))
                .replaceWithVoid();
    }

    /** The allocation's state for the lottery view; null before the draw. */
    public static Uni<AllocationState> state(SessionCopy session) {
        return Panache.getSession()
                .flatMap(s -> s.createNativeQuery(
                                "select status || ';' || next_rank || ';' "
                                        + "|| (waiting_request_id is not null) from lottery_allocation where session_id = :id",
                                String.class)
                        .setParameter("id", session.id)
                        .getResultList())
                .flatMap(rows -> {
                    if (rows.isEmpty()) {
                        return Uni.createFrom().nullItem();
                    }
                    String[] fields = rows.get(0).split(";");
                    return LeftoverSeats.openForFirstCome(session)
                            .map(open -> new AllocationState(
                                    AllocationStatus.valueOf(fields[0]),
                                    Integer.parseInt(fields[1]),
                                    fields[2].startsWith("t"),
                                    open));
                });
    }

    // --- the state machine ------------------------------------------------------------------------------------------

    /** Rebuilds the state machine from the draw's input and the answers so far, then moves it on. */
    private Uni<Progress> resume(UUID sessionId) {
        return SessionCopy.<SessionCopy>findById(sessionId).flatMap(session -> Panache.getSession()
                .flatMap(s -> s.createNativeQuery(
                                "select draw_input from lottery_allocation where session_id = :id", String.class)
                        .setParameter("id", sessionId)
                        .getSingleResult())
                .flatMap(input -> answers(sessionId).flatMap(answers -> {
                    PublishedDraw published = PublishedDraw.fromJson(input);
                    LotteryDraw draw = LotteryDraw.perform(
                            published.subject(),
                            published.policy(),
                            new SeedCommitment(published.commitment()),
                            LotterySeed.fromHex(published.seed()),
                            published.applications());
                    return advance(
                            session,
                            draw,
                            published.drawnAt(),
                            SeatAllocation.resume(draw.order(), draw.policy(), answers),
                            answers.size());
                })));
    }

    /** Seats the winners decided so far, then asks the next question or finishes. */
    private Uni<Progress> advance(
            SessionCopy session, LotteryDraw draw, java.time.Instant drawnAt, SeatAllocation allocation, int asked) {
        return seatWinners(session, draw.policy(), allocation.winnersSoFar()).flatMap(ignored -> {
            Optional<RankedApplicant> next = allocation.nextDecisionNeeded();
            if (next.isEmpty()) {
                return finish(session, draw, drawnAt, allocation);
            }
            UUID applicationId = next.get().applicationId();
            return Registration.<Registration>findById(applicationId, LockModeType.PESSIMISTIC_WRITE)
                    .flatMap(applicant -> {
                        if (applicant == null || applicant.status != Status.APPLIED) {
                            Question withdrawn =
                                    new Question(UUID.randomUUID(), session.id, applicationId, false, null);
                            return insertQuestion(withdrawn, asked + 1)
                                    .flatMap(x -> record(withdrawn, false, WITHDRAWN))
                                    .invoke(() -> allocation.recordChildcare(applicationId, false))
                                    .flatMap(x -> advance(session, draw, drawnAt, allocation, asked + 1));
                        }
                        return ask(
                                session,
                                applicant,
                                asked + 1,
                                allocation.winnersSoFar().size(),
                                allocation.cursor());
                    });
        });
    }

    private Uni<Progress> ask(
            SessionCopy session, Registration applicant, int askedOrder, int winnersSoFar, int cursor) {
        Question question = new Question(UUID.randomUUID(), session.id, applicant.id, false, null);
        OffsetDateTime now = now();
        return insertQuestion(question, askedOrder)
                .call(() -> outbox.append(
                        EventTypes.CHILDCARE_REQUESTED,
                        session.id,
                        RegistrationEvents.childcareRequested(
                                applicant, question.requestId(), ChildcarePurpose.LOTTERY)))
                .call(() -> Panache.getSession().flatMap(s -> s.createNativeQuery(
                                "update lottery_allocation set next_rank = :rank, "
                                        + "waiting_request_id = :request, asked_at = :now, updated_at = :now where session_id = :id")
                        .setParameter("rank", cursor)
                        .setParameter("request", question.requestId())
                        .setParameter("now", now)
                        .setParameter("id", session.id)
                        .executeUpdate()))
                .map(ignored -> new Progress(AllocationStatus.ALLOCATING, winnersSoFar, 0));
    }

    /** Winners still APPLIED take their seat: confirmed at once, or offered until the deadline when they must confirm. */
    private Uni<Void> seatWinners(SessionCopy session, LotteryPolicy policy, List<RankedApplicant> winners) {
        if (winners.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Map<UUID, Integer> rank = new HashMap<>();
        winners.forEach(w -> rank.put(w.applicationId(), w.drawPosition()));
        // locked: a winner withdrawing at this moment is either seated before or finds herself withdrawn, never both
        return Registration.<Registration>find(
                        "id in ?1 and status = ?2 order by id", new ArrayList<>(rank.keySet()), Status.APPLIED)
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .list()
                // the in-memory state decides: a winner seated earlier in this transaction may not be flushed yet
                .flatMap(waiting -> Multi.createFrom()
                        .iterable(waiting.stream()
                                .filter(r -> r.status == Status.APPLIED)
                                .sorted(Comparator.comparing(r -> rank.get(r.id)))
                                .toList())
                        .onItem()
                        .transformToUniAndConcatenate(winner -> seat(session, policy, winner))
                        .collect()
                        .asList())
                .replaceWithVoid();
    }

    private Uni<Void> seat(SessionCopy session, LotteryPolicy policy, Registration winner) {
        return BookingService.takeSeat(session.id).flatMap(taken -> {
            if (!taken) {
                // only when the capacity was lowered after the draw: never overbook; she heads the reserve list at the
                // end
                return Uni.createFrom().voidItem();
            }
            winner.updatedAt = now();
            if (policy.confirmationRequired()) {
                winner.status = Status.OFFERED;
                winner.offerExpiresAt =
                        confirmationDeadline(winner.updatedAt, policy.confirmationHours(), session.startsAt);
                return outbox.append(EventTypes.SEAT_OFFERED, session.id, LotteryEvents.winOffered(winner));
            }
            winner.status = Status.CONFIRMED;
            winner.bookingCode = DoorCodes.next();
            return outbox.append(EventTypes.REGISTRATION_CONFIRMED, session.id, RegistrationEvents.confirmed(winner));
        });
    }

    /** The policy's hours from now, but never after the session starts. */
    static OffsetDateTime confirmationDeadline(OffsetDateTime now, int hours, OffsetDateTime startsAt) {
        OffsetDateTime deadline = now.plus(Duration.ofHours(hours));
        return startsAt != null && startsAt.isBefore(deadline) ? startsAt : deadline;
    }

    private Uni<Progress> finish(
            SessionCopy session, LotteryDraw draw, java.time.Instant drawnAt, SeatAllocation allocation) {
        DrawOutcome outcome = allocation.outcome();
        return Registration.<Registration>find("sessionId = ?1 and status = ?2 order by id", session.id, Status.APPLIED)
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .list()
                .flatMap(stillApplied -> {
                    Map<UUID, Registration> byId = new HashMap<>();
                    stillApplied.stream()
                            .filter(r -> r.status == Status.APPLIED)
                            .forEach(r -> byId.put(r.id, r));
                    List<Map.Entry<Registration, String>> reserve = new ArrayList<>();
                    // winners who found no seat (capacity lowered meanwhile) outrank the drawn reserve list
                    outcome.winners().stream()
                            .filter(w -> byId.containsKey(w.applicationId()))
                            .forEach(w -> reserve.add(Map.entry(byId.get(w.applicationId()), "FULL")));
                    for (ReservePlace place : outcome.reserve()) {
                        if (byId.containsKey(place.applicationId())) {
                            reserve.add(Map.entry(
                                    byId.get(place.applicationId()),
                                    place.childcareUnavailableAtDraw() ? "CHILDCARE_UNAVAILABLE" : "LOTTERY_RESERVE"));
                        }
                    }
                    return Multi.createFrom()
                            .range(0, reserve.size())
                            .onItem()
                            .transformToUniAndConcatenate(i -> Panache.getSession()
                                    .flatMap(s -> s.createNativeQuery("select nextval('waitlist_order')", Long.class)
                                            .getSingleResult())
                                    .flatMap(number -> {
                                        Registration waiting = reserve.get(i).getKey();
                                        waiting.status = Status.WAITLISTED;
                                        waiting.waitlistReason = reserve.get(i).getValue();
                                        waiting.waitlistNumber = number;
                                        waiting.reserveNumber = i + 1;
                                        waiting.updatedAt = now();
                                        return outbox.append(
                                                EventTypes.WAITLISTED,
                                                session.id,
                                                RegistrationEvents.waitlisted(
                                                        waiting,
                                                        i + 1,
                                                        reserve.get(i).getValue()));
                                    }))
                            .collect()
                            .asList();
                })
                .flatMap(ignored -> Panache.getSession())
                // the month wins were fixed at the closing with the flags; they are kept in the draw's input
                .call(s -> s.createNativeQuery(
                                "select draw_input from lottery_allocation where session_id = :id", String.class)
                        .setParameter("id", session.id)
                        .getSingleResult()
                        .flatMap(input -> s.createNativeQuery(
                                        "update lottery_draw set published = :published where session_id = :id")
                                .setParameter(
                                        "published",
                                        PublishedDraw.of(draw, drawnAt, outcome)
                                                .withMonthWins(PublishedDraw.fromJson(input)
                                                        .monthWins())
                                                .toJson())
                                .setParameter("id", session.id)
                                .executeUpdate()))
                .call(s -> s.createNativeQuery(
                                "update lottery_allocation set status = 'DONE', next_rank = :rank, "
                                        + "waiting_request_id = null, asked_at = null, updated_at = :now where session_id = :id")
                        .setParameter("rank", allocation.cursor())
                        .setParameter("now", now())
                        .setParameter("id", session.id)
                        .executeUpdate())
                .flatMap(s -> s.createNativeQuery(
                                "select cast(id as text) || ';' "
                                        + "|| cast(floor(extract(epoch from drawn_at) * 1000) as bigint) from lottery_draw where session_id = :id",
                                String.class)
                        .setParameter("id", session.id)
                        .getSingleResult())
                .call(row -> outbox.append(
                        EventTypes.LOTTERY_DRAWN,
                        session.id,
                        Map.of(
                                "sessionId",
                                session.id.toString(),
                                "drawId",
                                row.substring(0, row.indexOf(';')),
                                "commitment",
                                draw.commitment().sha256Hex(),
                                "seed",
                                draw.seed().toHex(),
                                "inputDigest",
                                draw.inputDigest(),
                                "winners",
                                outcome.winners().size(),
                                "reserve",
                                outcome.reserve().size(),
                                "childcareAsked",
                                outcome.childcareAnswers().size(),
                                "drawnAt",
                                OffsetDateTime.ofInstant(
                                                java.time.Instant.ofEpochMilli(
                                                        Long.parseLong(row.substring(row.indexOf(';') + 1))),
                                                ZoneOffset.UTC)
                                        .toString())))
                // seats left free (winners who withdrew, nobody else to seat) pass down the reserve list as offers
                .call(() ->
                        Panache.getSession().flatMap(s -> s.flush()).flatMap(x -> bookings.offerFreedSeats(session)))
                .call(() -> LeftoverSeats.recordOpening(session.id, now()))
                .invoke(() -> LOG.infof(
                        "lottery allocation of session %s done: %d winners, %d on the reserve list, %d childcare questions",
                        session.id,
                        outcome.winners().size(),
                        outcome.reserve().size(),
                        outcome.childcareAnswers().size()))
                .map(ignored -> new Progress(
                        AllocationStatus.DONE,
                        outcome.winners().size(),
                        outcome.reserve().size()));
    }

    // --- persistence helpers ----------------------------------------------------------------------------------------

    /** One childcare question of an allocation. */
    record Question(UUID requestId, UUID sessionId, UUID applicationId, boolean answered, String reason) {}

    private record AllocationRow(UUID waitingRequestId) {}

    private Uni<Void> insertQuestion(Question question, int askedOrder) {
        return Panache.getSession()
                .flatMap(s -> s.createNativeQuery(
                                "insert into lottery_childcare_question "
                                        + "(request_id, session_id, application_id, asked_order, asked_at) values (:request, :session, :application, :order, :now)")
                        .setParameter("now", now())
                        .setParameter("request", question.requestId())
                        .setParameter("session", question.sessionId())
                        .setParameter("application", question.applicationId())
                        .setParameter("order", askedOrder)
                        .executeUpdate())
                .replaceWithVoid();
    }

    /** Records the answer on the question and on her registration (what she sees: childcare reserved or why not). */
    private Uni<Void> record(Question question, boolean reserved, String reason) {
        return Panache.getSession()
                .flatMap(s -> s.createNativeQuery("update lottery_childcare_question set answered_at = :now, "
                                + "reserved = :reserved, reason = :reason where request_id = :request")
                        .setParameter("now", now())
                        .setParameter("reserved", reserved)
                        .setParameter("reason", reserved ? "RESERVED" : reason)
                        .setParameter("request", question.requestId())
                        .executeUpdate())
                .call(() -> Panache.getSession()
                        .flatMap(s -> s.createNativeQuery("update lottery_allocation set waiting_request_id = null, "
                                        + "asked_at = null, updated_at = :now where session_id = :id")
                                .setParameter("now", now())
                                .setParameter("id", question.sessionId())
                                .executeUpdate()))
                .flatMap(ignored -> WITHDRAWN.equals(reason)
                        ? Uni.createFrom().voidItem()
                        : Registration.<Registration>findById(question.applicationId(), LockModeType.PESSIMISTIC_WRITE)
                                .invoke(registration -> {
                                    if (registration != null) {
                                        registration.childcareRequestId = question.requestId();
                                        registration.childcareStatus =
                                                reserved ? ChildcareStatus.RESERVED : ChildcareStatus.REJECTED;
                                        registration.childcareRejectReason = reserved ? null : reason;
                                        registration.updatedAt = now();
                                    }
                                })
                                .replaceWithVoid());
    }

    private static Uni<Question> question(UUID requestId) {
        return Panache.getSession()
                .flatMap(s -> s.createNativeQuery(
                                "select cast(session_id as text) || ';' || cast(application_id as text) "
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
                            fields[2].startsWith("t"),
                            fields[3].isEmpty() ? null : fields[3]);
                });
    }

    /** Locks the session's allocation row: one step at a time per session, whoever moves it on. */
    private static Uni<AllocationRow> lockAllocation(UUID sessionId) {
        return Panache.getSession()
                .flatMap(s -> s.createNativeQuery(
                                "select coalesce(cast(waiting_request_id as text), '') "
                                        + "from lottery_allocation where session_id = :id and status = 'ALLOCATING' for update",
                                String.class)
                        .setParameter("id", sessionId)
                        .getResultList())
                .map(rows -> rows.isEmpty()
                        ? null
                        : new AllocationRow(rows.get(0).isEmpty() ? null : UUID.fromString(rows.get(0))));
    }

    private static Uni<List<ChildcareAnswer>> answers(UUID sessionId) {
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

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock);
    }
}
