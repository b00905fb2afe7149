package io.ibasho.registration.lottery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SeatAllocationTest {

    // --- edge cases ----------------------------------------------------------------------------

    @Test
    void noApplicantsMeansNothingToAskAndNobodyWins() {
        SeatAllocation allocation = SeatAllocation.start(List.of(), LotteryPolicy.withSeats(10));

        assertThat(allocation.nextDecisionNeeded()).isEmpty();
        assertThat(allocation.isComplete()).isTrue();
        assertThat(allocation.outcome().winners()).isEmpty();
        assertThat(allocation.outcome().reserve()).isEmpty();
    }

    @Test
    void fewerApplicantsThanSeatsAllWin() {
        List<RankedApplicant> order = order(plain("a"), plain("b"), plain("c"));

        DrawOutcome outcome = SeatAllocation.allocate(order, 10, id -> true);

        assertThat(outcome.winners()).isEqualTo(order);
        assertThat(outcome.reserve()).isEmpty();
        assertThat(outcome.childcareAnswers()).isEmpty();
    }

    @Test
    void fewerApplicantsThanSeatsButNoChildcareLeavesHerOnTheReserveAndTheSeatEmpty() {
        List<RankedApplicant> order = order(plain("a"), needsChildcare("b"), plain("c"));

        DrawOutcome outcome = SeatAllocation.allocate(order, 10, id -> false);

        assertThat(outcome.winnerIds()).containsExactly(id("a"), id("c"));
        assertThat(outcome.reserve()).singleElement().satisfies(place -> {
            assertThat(place.position()).isEqualTo(1);
            assertThat(place.applicationId()).isEqualTo(id("b"));
            assertThat(place.childcareUnavailableAtDraw()).isTrue();
        });
    }

    @Test
    void everyoneNeedsChildcareAndNoneIsAvailable() {
        List<RankedApplicant> order =
                order(needsChildcare("a"), needsChildcare("b"), needsChildcare("c"), needsChildcare("d"));

        DrawOutcome outcome = SeatAllocation.allocate(order, 2, id -> false);

        assertThat(outcome.winners()).isEmpty();
        assertThat(outcome.reserveIds()).containsExactly(id("a"), id("b"), id("c"), id("d"));
        assertThat(outcome.reserve()).extracting(ReservePlace::position).containsExactly(1, 2, 3, 4);
        assertThat(outcome.reserve()).allMatch(ReservePlace::childcareUnavailableAtDraw);
        // with seats still free, everyone had to be asked, in drawn order
        assertThat(outcome.childcareAnswers())
                .extracting(ChildcareAnswer::applicationId)
                .containsExactly(id("a"), id("b"), id("c"), id("d"));
    }

    @Test
    void everyoneNeedsChildcareAndAllIsAvailable() {
        List<RankedApplicant> order =
                order(needsChildcare("a"), needsChildcare("b"), needsChildcare("c"), needsChildcare("d"));

        DrawOutcome outcome = SeatAllocation.allocate(order, 2, id -> true);

        assertThat(outcome.winnerIds()).containsExactly(id("a"), id("b"));
        assertThat(outcome.reserveIds()).containsExactly(id("c"), id("d"));
        assertThat(outcome.reserve()).noneMatch(ReservePlace::childcareUnavailableAtDraw);
        // once the seats are full nobody else is asked: their childcare is asked when a seat is offered
        assertThat(outcome.childcareAnswers())
                .extracting(ChildcareAnswer::applicationId)
                .containsExactly(id("a"), id("b"));
    }

    // --- childcare coupling --------------------------------------------------------------------

    @Test
    void skippedApplicantKeepsHerDrawnRankAmongTheReserve() {
        List<RankedApplicant> order =
                order(needsChildcare("a"), plain("b"), plain("c"), needsChildcare("d"), plain("e"));

        DrawOutcome outcome = SeatAllocation.allocate(order, 2, id -> !id.equals(id("a")));

        assertThat(outcome.winnerIds()).containsExactly(id("b"), id("c"));
        assertThat(outcome.reserve()).extracting(ReservePlace::position).containsExactly(1, 2, 3);
        assertThat(outcome.reserveIds()).containsExactly(id("a"), id("d"), id("e"));
        assertThat(outcome.reserve())
                .extracting(ReservePlace::childcareUnavailableAtDraw)
                .containsExactly(true, false, false);
        assertThat(outcome.reserve())
                .extracting(p -> p.applicant().drawPosition())
                .containsExactly(1, 4, 5);
    }

    @Test
    void withoutTheChildcareConditionEveryoneIsPlacedAtOnce() {
        List<RankedApplicant> order = order(needsChildcare("a"), plain("b"), needsChildcare("c"), plain("d"));
        SeatAllocation allocation =
                SeatAllocation.start(order, LotteryPolicy.withSeats(3).withChildcareRequiredToWin(false));

        assertThat(allocation.nextDecisionNeeded()).isEmpty();
        assertThat(allocation.outcome().winnerIds()).containsExactly(id("a"), id("b"), id("c"));
        assertThat(allocation.outcome().reserveIds()).containsExactly(id("d"));
        assertThat(allocation.outcome().childcareAnswers()).isEmpty();
    }

    @Test
    void theStateMachineAsksOneQuestionAtATimeInDrawnOrder() {
        List<RankedApplicant> order =
                order(plain("a"), needsChildcare("b"), plain("c"), needsChildcare("d"), plain("e"), plain("f"));
        SeatAllocation allocation = SeatAllocation.start(order, LotteryPolicy.withSeats(3));

        assertThat(allocation.isComplete()).isFalse();
        assertThat(allocation.nextDecisionNeeded())
                .map(RankedApplicant::applicationId)
                .contains(id("b"));
        assertThat(allocation.nextDecisionNeeded())
                .as("asking again repeats the question")
                .map(RankedApplicant::applicationId)
                .contains(id("b"));
        assertThatThrownBy(() -> allocation.recordChildcare(id("d"), true))
                .as("d is not being asked about yet: answering out of order would let her jump the queue")
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(allocation::outcome).isInstanceOf(IllegalStateException.class);

        allocation.recordChildcare(id("b"), false);
        assertThat(allocation.nextDecisionNeeded())
                .map(RankedApplicant::applicationId)
                .contains(id("d"));

        allocation.recordChildcare(id("d"), true);
        assertThat(allocation.nextDecisionNeeded()).isEmpty();
        assertThat(allocation.outcome().winnerIds()).containsExactly(id("a"), id("c"), id("d"));
        assertThat(allocation.outcome().reserveIds()).containsExactly(id("b"), id("e"), id("f"));
        assertThat(allocation.outcome().childcareAnswers())
                .containsExactly(new ChildcareAnswer(id("b"), false), new ChildcareAnswer(id("d"), true));
    }

    @Test
    void aRedeliveredAnswerIsIgnoredAndAContradictingOneRefused() {
        List<RankedApplicant> order = order(needsChildcare("a"), needsChildcare("b"));
        SeatAllocation allocation = SeatAllocation.start(order, LotteryPolicy.withSeats(1));
        allocation.recordChildcare(id("a"), true);

        allocation.recordChildcare(id("a"), true);

        assertThat(allocation.outcome().winnerIds()).containsExactly(id("a"));
        assertThat(allocation.outcome().childcareAnswers()).hasSize(1);
        assertThatThrownBy(() -> allocation.recordChildcare(id("a"), false)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void answersForApplicantsOutsideTheDrawOrNeverAskedAreRefused() {
        List<RankedApplicant> order = order(plain("a"), needsChildcare("b"));
        SeatAllocation allocation = SeatAllocation.start(order, LotteryPolicy.withSeats(1));

        assertThat(allocation.isComplete()).isTrue();
        assertThatThrownBy(() -> allocation.recordChildcare(id("z"), true))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> allocation.recordChildcare(id("b"), true)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void resumingFromStoredAnswersGivesTheSameState() {
        List<RankedApplicant> order =
                order(needsChildcare("a"), plain("b"), needsChildcare("c"), needsChildcare("d"), plain("e"));
        SeatAllocation live = SeatAllocation.start(order, LotteryPolicy.withSeats(3));
        live.recordChildcare(id("a"), false);
        live.recordChildcare(id("c"), true);

        SeatAllocation resumed = SeatAllocation.resume(
                order,
                LotteryPolicy.withSeats(3),
                List.of(new ChildcareAnswer(id("a"), false), new ChildcareAnswer(id("c"), true)));

        assertThat(resumed.nextDecisionNeeded())
                .isEqualTo(live.nextDecisionNeeded())
                .map(RankedApplicant::applicationId)
                .contains(id("d"));
        live.recordChildcare(id("d"), true);
        resumed.recordChildcare(id("d"), true);
        assertThat(resumed.outcome()).isEqualTo(live.outcome());
    }

    @Test
    void anApplicantRankedTwiceIsRefused() {
        RankedApplicant a = new RankedApplicant(1, plain("a"), 0, "00");
        RankedApplicant again = new RankedApplicant(2, plain("a"), 0, "01");

        assertThatThrownBy(() -> SeatAllocation.start(List.of(a, again), LotteryPolicy.withSeats(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    // --- invariants over many random draws -----------------------------------------------------

    @Test
    void invariantsHoldForManyRandomDraws() {
        Random random = new Random(42);
        for (int round = 0; round < 500; round++) {
            int seats = 1 + random.nextInt(6);
            List<LotteryApplicant> applicants = LotteryDrawTest.applicants(random.nextInt(15), random);
            LotteryPolicy policy = LotteryPolicy.withSeats(seats)
                    .withPriorityTiers("first", "others")
                    .withOneWinPerMonth(random.nextBoolean())
                    .withChildcareRequiredToWin(random.nextBoolean());
            byte[] seedBytes = new byte[32];
            random.nextBytes(seedBytes);
            List<RankedApplicant> order =
                    LotteryDraw.rank(KnownAnswer.SUBJECT, policy, LotterySeed.fromHex(Hex.of(seedBytes)), applicants);
            Set<UUID> available = new HashSet<>();
            applicants.stream().filter(a -> random.nextBoolean()).forEach(a -> available.add(a.applicationId()));

            DrawOutcome outcome = SeatAllocation.allocate(order, policy, available::contains);

            assertInvariants(policy, order, outcome);
        }
    }

    private static void assertInvariants(LotteryPolicy policy, List<RankedApplicant> order, DrawOutcome outcome) {
        Map<UUID, Boolean> answers = new HashMap<>();
        outcome.childcareAnswers().forEach(a -> answers.put(a.applicationId(), a.reserved()));

        assertThat(outcome.winners()).hasSizeLessThanOrEqualTo(policy.seats());
        assertThat(outcome.winners()).extracting(RankedApplicant::drawPosition).isSorted();
        if (policy.childcareRequiredToWin()) {
            assertThat(outcome.winners())
                    .as("no winner needing childcare without childcare reserved")
                    .allMatch(w ->
                            !w.applicant().needsChildcare() || Boolean.TRUE.equals(answers.get(w.applicationId())));
        }
        List<RankedApplicant> rest = new ArrayList<>(order);
        rest.removeAll(outcome.winners());
        assertThat(outcome.reserve()).extracting(ReservePlace::applicant).isEqualTo(rest);
        for (int i = 0; i < outcome.reserve().size(); i++) {
            ReservePlace place = outcome.reserve().get(i);
            assertThat(place.position()).isEqualTo(i + 1);
            assertThat(place.childcareUnavailableAtDraw())
                    .isEqualTo(Boolean.FALSE.equals(answers.get(place.applicationId())));
            if (!place.childcareUnavailableAtDraw()) {
                // nobody on the reserve for any other reason was passed over by someone drawn after her
                assertThat(outcome.winners())
                        .allMatch(w -> w.drawPosition() < place.applicant().drawPosition());
                // and she is only on the reserve because the seats ran out
                assertThat(outcome.winners()).hasSize(policy.seats());
            }
        }
    }

    // --- helpers -------------------------------------------------------------------------------

    /** Test ids are readable names turned into stable UUIDs. */
    // --- the service's view while a question is open --------------------------------------------------------------

    @Test
    void whileAQuestionIsOpenOnlyThoseAboveHerAreSeatedAndTheCursorPointsAtHer() {
        List<RankedApplicant> order =
                order(plain("a"), plain("b"), needsChildcare("c"), plain("d"), needsChildcare("e"));
        SeatAllocation allocation = SeatAllocation.start(order, LotteryPolicy.withSeats(3));

        assertThat(allocation.winnersSoFar())
                .extracting(RankedApplicant::applicationId)
                .containsExactly(id("a"), id("b"));
        assertThat(allocation.nextDecisionNeeded())
                .map(RankedApplicant::applicationId)
                .contains(id("c"));
        assertThat(allocation.cursor()).isEqualTo(3);

        allocation.recordChildcare(id("c"), false);
        // she keeps her rank; d takes the last seat and e, below the seats, is never asked
        assertThat(allocation.isComplete()).isTrue();
        assertThat(allocation.outcome().winnerIds()).containsExactly(id("a"), id("b"), id("d"));
        assertThat(allocation.outcome().reserveIds()).containsExactly(id("c"), id("e"));
        assertThat(allocation.outcome().reserve().get(1).childcareUnavailableAtDraw())
                .isFalse();
        assertThat(allocation.outcome().childcareAnswers()).containsExactly(new ChildcareAnswer(id("c"), false));
    }

    @Test
    void resumingFromTheStoredAnswersGivesTheSameStateAsRunningThrough() {
        List<RankedApplicant> order =
                order(needsChildcare("a"), plain("b"), needsChildcare("c"), needsChildcare("d"), plain("e"));
        LotteryPolicy policy = LotteryPolicy.withSeats(3);
        SeatAllocation live = SeatAllocation.start(order, policy);
        live.recordChildcare(id("a"), true);
        live.recordChildcare(id("c"), false);

        SeatAllocation resumed = SeatAllocation.resume(
                order, policy, List.of(new ChildcareAnswer(id("a"), true), new ChildcareAnswer(id("c"), false)));

        assertThat(resumed.winnersSoFar()).isEqualTo(live.winnersSoFar());
        assertThat(resumed.nextDecisionNeeded()).isEqualTo(live.nextDecisionNeeded());
        assertThat(resumed.nextDecisionNeeded())
                .map(RankedApplicant::applicationId)
                .contains(id("d"));
        assertThat(resumed.cursor()).isEqualTo(live.cursor()).isEqualTo(4);
    }

    @Test
    void withChildcareNotRequiredToWinNobodyIsAsked() {
        List<RankedApplicant> order = order(needsChildcare("a"), plain("b"), needsChildcare("c"));
        SeatAllocation allocation =
                SeatAllocation.start(order, LotteryPolicy.withSeats(2).withChildcareRequiredToWin(false));

        assertThat(allocation.isComplete()).isTrue();
        assertThat(allocation.outcome().winnerIds()).containsExactly(id("a"), id("b"));
        assertThat(allocation.outcome().childcareAnswers()).isEmpty();
    }

    private static UUID id(String name) {
        return UUID.nameUUIDFromBytes(name.getBytes());
    }

    private static LotteryApplicant plain(String name) {
        return LotteryApplicant.of(id(name));
    }

    private static LotteryApplicant needsChildcare(String name) {
        return new LotteryApplicant(id(name), 0, false, true);
    }

    /** Applicants in the given order, as if the seed had drawn them so. */
    private static List<RankedApplicant> order(LotteryApplicant... applicants) {
        List<RankedApplicant> order = new ArrayList<>();
        for (LotteryApplicant a : applicants) {
            order.add(new RankedApplicant(order.size() + 1, a, 0, "%064x".formatted(order.size())));
        }
        return order;
    }
}
