package io.ibasho.registration.lottery;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * Hands out seats in drawn order, pausing whenever the next applicant in line needs childcare and the
 * policy makes childcare a condition of winning.
 *
 * <p>In the service the childcare answer arrives later, over Kafka, so this is a small state machine:
 * ask {@link #nextDecisionNeeded()}, send that one question, feed the answer to
 * {@link #recordChildcare}, repeat until it is empty. Exactly one question is open at a time, in drawn
 * order, because each reservation uses up childcare places that the next applicant might have needed:
 * asking several at once would let a lower-ranked applicant take the places of a higher-ranked one.
 *
 * <p>Not thread-safe; the service serialises the answers for one session. After a restart, rebuild it
 * with {@link #resume} from the answers stored so far.
 */
public final class SeatAllocation {

    private final List<RankedApplicant> order;
    private final int seats;
    private final boolean childcareRequiredToWin;

    private final List<RankedApplicant> winners = new ArrayList<>();
    private final Set<UUID> skippedForChildcare = new HashSet<>();
    private final List<ChildcareAnswer> answers = new ArrayList<>();
    private final Map<UUID, Boolean> answerById = new HashMap<>();
    private final Set<UUID> known = new HashSet<>();
    private int next;
    private RankedApplicant waitingFor;

    private SeatAllocation(List<RankedApplicant> order, int seats, boolean childcareRequiredToWin) {
        if (seats < 1) {
            throw new IllegalArgumentException("at least one seat, was " + seats);
        }
        this.order = List.copyOf(order);
        this.seats = seats;
        this.childcareRequiredToWin = childcareRequiredToWin;
        for (RankedApplicant r : this.order) {
            if (!known.add(r.applicationId())) {
                throw new IllegalArgumentException("application " + r.applicationId() + " is ranked twice");
            }
        }
        advance();
    }

    public static SeatAllocation start(List<RankedApplicant> order, LotteryPolicy policy) {
        return new SeatAllocation(order, policy.seats(), policy.childcareRequiredToWin());
    }

    public static SeatAllocation start(List<RankedApplicant> order, int seats, boolean childcareRequiredToWin) {
        return new SeatAllocation(order, seats, childcareRequiredToWin);
    }

    /** Rebuilds an allocation after a restart by replaying the answers already received, in order. */
    public static SeatAllocation resume(
            List<RankedApplicant> order, LotteryPolicy policy, List<ChildcareAnswer> answers) {
        SeatAllocation allocation = start(order, policy);
        for (ChildcareAnswer answer : answers) {
            allocation.recordChildcare(answer.applicationId(), answer.reserved());
        }
        return allocation;
    }

    /**
     * The whole allocation at once, for when every answer is known up front (tests, dry runs), under the
     * default rule that childcare is required to win.
     */
    public static DrawOutcome allocate(List<RankedApplicant> order, int seats, Predicate<UUID> childcareReserved) {
        return run(new SeatAllocation(order, seats, true), childcareReserved);
    }

    public static DrawOutcome allocate(
            List<RankedApplicant> order, LotteryPolicy policy, Predicate<UUID> childcareReserved) {
        return run(start(order, policy), childcareReserved);
    }

    private static DrawOutcome run(SeatAllocation allocation, Predicate<UUID> childcareReserved) {
        Objects.requireNonNull(childcareReserved, "childcareReserved");
        for (Optional<RankedApplicant> asked = allocation.nextDecisionNeeded();
                asked.isPresent();
                asked = allocation.nextDecisionNeeded()) {
            UUID id = asked.get().applicationId();
            allocation.recordChildcare(id, childcareReserved.test(id));
        }
        return allocation.outcome();
    }

    /**
     * The applicant whose childcare must be asked about next, or empty when the allocation is complete.
     * Asking again before an answer returns the same applicant, so a retry sends the same question.
     */
    public Optional<RankedApplicant> nextDecisionNeeded() {
        return Optional.ofNullable(waitingFor);
    }

    /**
     * Records the childcare service's answer for the applicant returned by {@link #nextDecisionNeeded()}.
     * A repeated delivery of an answer already recorded is ignored, because Kafka may deliver a message
     * twice; a contradicting one is refused, because the first answer may already have been acted on.
     */
    public void recordChildcare(UUID applicationId, boolean reserved) {
        Objects.requireNonNull(applicationId, "applicationId");
        Boolean earlier = answerById.get(applicationId);
        if (earlier != null) {
            if (earlier != reserved) {
                throw new IllegalStateException("childcare for application " + applicationId + " was already answered "
                        + earlier + ", now " + reserved);
            }
            return;
        }
        if (!known.contains(applicationId)) {
            throw new IllegalArgumentException("application " + applicationId + " is not in this draw");
        }
        if (waitingFor == null || !waitingFor.applicationId().equals(applicationId)) {
            throw new IllegalStateException("no childcare question is open for application " + applicationId
                    + (waitingFor == null
                            ? "; the allocation is complete"
                            : "; waiting for " + waitingFor.applicationId()));
        }
        answers.add(new ChildcareAnswer(applicationId, reserved));
        answerById.put(applicationId, reserved);
        if (reserved) {
            winners.add(waitingFor);
        } else {
            skippedForChildcare.add(applicationId);
        }
        waitingFor = null;
        next++;
        advance();
    }

    /**
     * The winners decided so far, in drawn order. While a question is open these are final (nobody below the open
     * question is seated before it is answered), so the service may confirm them at once.
     */
    public List<RankedApplicant> winnersSoFar() {
        return List.copyOf(winners);
    }

    /** Drawn position of the next applicant to be decided (1-based); one past the last when nobody is left to decide. */
    public int cursor() {
        return next + 1;
    }

    public boolean isComplete() {
        return waitingFor == null;
    }

    /** The final result; only once {@link #isComplete()}, since an open question could still change it. */
    public DrawOutcome outcome() {
        if (!isComplete()) {
            throw new IllegalStateException(
                    "still waiting for childcare for application " + waitingFor.applicationId());
        }
        Set<UUID> won = new HashSet<>();
        winners.forEach(w -> won.add(w.applicationId()));
        List<ReservePlace> reserve = new ArrayList<>();
        for (RankedApplicant r : order) {
            if (!won.contains(r.applicationId())) {
                reserve.add(new ReservePlace(reserve.size() + 1, r, skippedForChildcare.contains(r.applicationId())));
            }
        }
        return new DrawOutcome(winners, reserve, answers);
    }

    /** Seats everyone it can until the seats are full, the order runs out, or a childcare answer is needed. */
    private void advance() {
        while (winners.size() < seats && next < order.size()) {
            RankedApplicant candidate = order.get(next);
            if (childcareRequiredToWin && candidate.applicant().needsChildcare()) {
                waitingFor = candidate;
                return;
            }
            winners.add(candidate);
            next++;
        }
    }
}
