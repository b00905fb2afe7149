package io.ibasho.registration.lottery;

import java.util.List;
import java.util.UUID;

/**
 * Who won and who is on the reserve list, once every childcare question has been answered.
 *
 * @param winners          in drawn order
 * @param reserve          everyone else, in drawn order, positions 1..n
 * @param childcareAnswers the childcare answers that were needed, in the order they were asked
 */
public record DrawOutcome(
        List<RankedApplicant> winners, List<ReservePlace> reserve, List<ChildcareAnswer> childcareAnswers) {

    public DrawOutcome {
        winners = List.copyOf(winners);
        reserve = List.copyOf(reserve);
        childcareAnswers = List.copyOf(childcareAnswers);
    }

    public List<UUID> winnerIds() {
        return winners.stream().map(RankedApplicant::applicationId).toList();
    }

    public List<UUID> reserveIds() {
        return reserve.stream().map(ReservePlace::applicationId).toList();
    }
}
