package io.ibasho.registration.service;

import io.ibasho.contracts.EventTypes;
import io.ibasho.plumbing.code.DoorCodes;
import io.ibasho.registration.Registration;
import io.ibasho.registration.Registration.ChildcareStatus;
import io.ibasho.registration.Registration.Status;
import io.ibasho.registration.SessionCopy;
import io.ibasho.registration.config.LotteryAllocationConfig;
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
import io.ibasho.registration.repository.LotteryAllocationStore;
import io.ibasho.registration.repository.LotteryAllocationStore.Question;
import io.ibasho.registration.repository.LotteryDrawStore;
import io.ibasho.registration.repository.SeatLedger;
import io.ibasho.registration.repository.Waitlist;
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
 * {@code ChildcareLifecycleConsumer}) or the timeout job. After a restart the state machine is rebuilt from the draw's
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
        return LotteryAllocationStore.start(session.id, input, now())
                .flatMap(ignored ->
                        advance(session, draw, drawnAt, SeatAllocation.start(draw.order(), draw.policy()), 0));
    }

    /** Whether this request id is one of a lottery's childcare questions; replies to any other request are not ours. */
    public static Uni<Boolean> isLotteryQuestion(UUID requestId) {
        return LotteryAllocationStore.isQuestion(requestId);
    }

    /**
     * A childcare reply to one of the lottery's questions; runs in the caller's transaction (the consumer records the
     * message id in it). A reply to a question already answered (a redelivery, or one that came after the timeout) or
     * not the one open changes nothing.
     */
    public Uni<Void> answer(UUID requestId, boolean reserved, String reason) {
        return LotteryAllocationStore.question(requestId)
                .flatMap(question -> question == null
                        ? Uni.createFrom().voidItem()
                        : LotteryAllocationStore.lockAllocating(question.sessionId())
                                .flatMap(allocation -> {
                                    if (allocation == null
                                            || question.answered()
                                            || !requestId.equals(allocation.waitingRequestId())) {
                                        if (reserved && !question.answered()) {
                                            // a reservation for a question that is not the open one (the
                                            // allocation moved on or ended): released, never left taken. An
                                            // answer after NO_ANSWER needs nothing: the timeout already withdrew
                                            // the request; an answered RESERVED is a redelivery. Ids only: the
                                            // session and request are not personal data.
                                            // no ids: her application's question beside its session would join
                                            // her to the session in the log (docs/privacy.md)
                                            LOG.info(
                                                    "childcare reserved for a lottery question that no longer waits; withdrawn");
                                            return ChildcareRequests.withdraw(
                                                    outbox,
                                                    question.registrationId(),
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
        return LotteryAllocationStore.overdueQuestions(cutOff)
                .flatMap(overdue -> Multi.createFrom()
                        .iterable(overdue)
                        .onItem()
                        .transformToUniAndConcatenate(requestId -> LotteryAllocationStore.question(requestId)
                                .flatMap(question -> {
                                    LOG.infof(
                                            "a lottery question unanswered for %s: counts as %s",
                                            config.childcareAnswerTimeout(), NO_ANSWER);
                                    // a reservation childcare-booking makes later (or made, unheard) is released
                                    return ChildcareRequests.withdraw(
                                                    outbox,
                                                    question.registrationId(),
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
        return LotteryAllocationStore.state(session.id)
                .flatMap(row -> row == null
                        ? Uni.createFrom().nullItem()
                        : LeftoverSeats.openForFirstCome(session)
                                .map(open -> new AllocationState(
                                        AllocationStatus.valueOf(row.status()),
                                        row.nextRank(),
                                        row.waitingForChildcare(),
                                        open)));
    }

    // --- the state machine ------------------------------------------------------------------------------------------

    /** Rebuilds the state machine from the draw's input and the answers so far, then moves it on. */
    private Uni<Progress> resume(UUID sessionId) {
        return SessionCopy.<SessionCopy>findById(sessionId)
                .flatMap(session -> LotteryAllocationStore.drawInput(sessionId)
                        .flatMap(input -> LotteryAllocationStore.answers(sessionId)
                                .flatMap(answers -> {
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
            return DrawnApplications.of(session.id)
                    .flatMap(drawn -> drawn.find(session.id, List.of(applicationId))
                            .withLock(LockModeType.PESSIMISTIC_WRITE)
                            .<Registration>firstResult())
                    .flatMap(applicant -> {
                        if (applicant == null || applicant.status != Status.APPLIED) {
                            Question withdrawn = new Question(
                                    UUID.randomUUID(),
                                    session.id,
                                    applicationId,
                                    applicant == null ? null : applicant.id,
                                    false,
                                    null);
                            return insertQuestion(withdrawn, asked + 1)
                                    .flatMap(x -> record(withdrawn, false, WITHDRAWN))
                                    .invoke(() -> allocation.recordChildcare(applicationId, false))
                                    .flatMap(x -> advance(session, draw, drawnAt, allocation, asked + 1));
                        }
                        return ask(
                                session,
                                applicationId,
                                applicant,
                                asked + 1,
                                allocation.winnersSoFar().size(),
                                allocation.cursor());
                    });
        });
    }

    private Uni<Progress> ask(
            SessionCopy session,
            UUID applicationId,
            Registration applicant,
            int askedOrder,
            int winnersSoFar,
            int cursor) {
        Question question = new Question(UUID.randomUUID(), session.id, applicationId, applicant.id, false, null);
        OffsetDateTime now = now();
        return insertQuestion(question, askedOrder)
                // a winner who cancelled during the allocation let her places go: this question must not overtake it
                .call(() -> ChildcareRequests.releasesOnTheirWay(session.id, now)
                        .flatMap(awaited -> outbox.append(
                                EventTypes.CHILDCARE_REQUESTED,
                                session.id,
                                RegistrationEvents.childcareRequested(
                                        applicant, question.requestId(), ChildcarePurpose.LOTTERY, awaited))))
                .call(() -> LotteryAllocationStore.waitFor(session.id, cursor, question.requestId(), now))
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
        return DrawnApplications.of(session.id)
                .flatMap(drawn -> drawn.find(session.id, new ArrayList<>(rank.keySet()))
                        .withLock(LockModeType.PESSIMISTIC_WRITE)
                        .list()
                        // the in-memory state decides: a winner seated earlier in this transaction may not be flushed
                        .map(waiting -> waiting.stream()
                                .filter(r -> r.status == Status.APPLIED)
                                .sorted(Comparator.comparing(r -> rank.get(drawn.idOf(r))))
                                .toList()))
                .flatMap(waiting -> Multi.createFrom()
                        .iterable(waiting)
                        .onItem()
                        .transformToUniAndConcatenate(winner -> seat(session, policy, winner))
                        .collect()
                        .asList())
                .replaceWithVoid();
    }

    private Uni<Void> seat(SessionCopy session, LotteryPolicy policy, Registration winner) {
        return SeatLedger.take(session.id).flatMap(taken -> {
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
        return DrawnApplications.of(session.id)
                .flatMap(drawn -> Registration.<Registration>find(
                                "sessionId = ?1 and status = ?2 order by id", session.id, Status.APPLIED)
                        .withLock(LockModeType.PESSIMISTIC_WRITE)
                        .list()
                        .map(stillApplied -> {
                            // keyed by the draw's ids, as the outcome names them
                            Map<UUID, Registration> byId = new HashMap<>();
                            stillApplied.stream()
                                    .filter(r -> r.status == Status.APPLIED)
                                    .forEach(r -> byId.put(drawn.idOf(r), r));
                            return byId;
                        }))
                .flatMap(byId -> {
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
                            .transformToUniAndConcatenate(i -> Waitlist.nextNumber()
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
                // the month wins were fixed at the closing with the flags; they are kept in the draw's input
                .flatMap(ignored -> LotteryAllocationStore.drawInput(session.id))
                .call(input -> LotteryDrawStore.publish(
                        session.id,
                        PublishedDraw.of(draw, drawnAt, outcome)
                                .withMonthWins(PublishedDraw.fromJson(input).monthWins())
                                .toJson()))
                .call(() -> LotteryAllocationStore.done(session.id, allocation.cursor(), now()))
                .flatMap(ignored -> LotteryDrawStore.stamp(session.id))
                .call(stamp -> outbox.append(
                        EventTypes.LOTTERY_DRAWN,
                        session.id,
                        Map.of(
                                "sessionId",
                                session.id.toString(),
                                "drawId",
                                stamp.drawId(),
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
                                stamp.drawnAt().toString())))
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

    private Uni<Void> insertQuestion(Question question, int askedOrder) {
        return LotteryAllocationStore.ask(question, askedOrder, now());
    }

    /** Records the answer on the question and on her registration (what she sees: childcare reserved or why not). */
    private Uni<Void> record(Question question, boolean reserved, String reason) {
        return LotteryAllocationStore.answer(question.requestId(), reserved, reason, now())
                .call(() -> LotteryAllocationStore.stopWaiting(question.sessionId(), now()))
                .flatMap(ignored -> WITHDRAWN.equals(reason) || question.registrationId() == null
                        ? Uni.createFrom().voidItem()
                        : Registration.<Registration>findById(question.registrationId(), LockModeType.PESSIMISTIC_WRITE)
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

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock);
    }
}
