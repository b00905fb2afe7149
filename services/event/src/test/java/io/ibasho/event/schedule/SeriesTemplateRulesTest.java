package io.ibasho.event.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.ibasho.event.schedule.SeriesTemplateRules.Template;
import org.junit.jupiter.api.Test;

class SeriesTemplateRulesTest {

    @Test
    void aWorkshopSeriesWithCapacityAllocationAndWindowIsFine() {
        assertThat(SeriesTemplateRules.validate(
                        new Template(SessionKind.WORKSHOP, 10, Allocation.LOTTERY, 14, 72, false, null)))
                .isEmpty();
        assertThat(SeriesTemplateRules.validate(new Template(SessionKind.CAFE, null, null, null, null, false, null)))
                .isEmpty();
        assertThat(SeriesTemplateRules.validate(
                        new Template(SessionKind.ONLINE, 8, Allocation.FIRST_COME, 7, 1, false, null)))
                .isEmpty();
    }

    @Test
    void aWorkshopSeriesNeedsCapacityAllocationAndBothEndsOfTheWindow() {
        assertThat(SeriesTemplateRules.validate(
                        new Template(SessionKind.WORKSHOP, null, null, null, null, false, null)))
                .extracting(Violation::code)
                .containsExactlyInAnyOrder(
                        SessionRuleCode.CAPACITY_REQUIRED,
                        SessionRuleCode.ALLOCATION_REQUIRED,
                        SessionRuleCode.APPLICATION_OPENS_REQUIRED,
                        SessionRuleCode.DEADLINE_REQUIRED);
    }

    @Test
    void theDeadlineMustBeBeforeTheStartAndAfterTheOpening() {
        assertThat(SeriesTemplateRules.validate(
                        new Template(SessionKind.WORKSHOP, 10, Allocation.FIRST_COME, 7, 0, false, null)))
                .extracting(Violation::code, Violation::field)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(
                        SessionRuleCode.DEADLINE_NOT_BEFORE_START, "applicationClosesHoursBefore"));
        assertThat(SeriesTemplateRules.validate(
                        new Template(SessionKind.WORKSHOP, 10, Allocation.FIRST_COME, 2, 48, false, null)))
                .extracting(Violation::code)
                .containsExactly(SessionRuleCode.APPLICATION_OPENS_NOT_BEFORE_DEADLINE);
        assertThat(SeriesTemplateRules.validate(
                        new Template(SessionKind.CAFE, null, Allocation.FIRST_COME, 3, null, false, null)))
                .extracting(Violation::code)
                .containsExactly(SessionRuleCode.DEADLINE_REQUIRED);
    }

    @Test
    void aFreeSpaceSeriesTakesNoApplications() {
        assertThat(SeriesTemplateRules.validate(
                        new Template(SessionKind.FREE_SPACE, null, Allocation.LOTTERY, 3, 24, false, null)))
                .extracting(Violation::code)
                .containsOnly(SessionRuleCode.FREE_SPACE_HAS_NO_BOOKING)
                .hasSize(2);
    }

    @Test
    void lotteryRulesNeedALottery() {
        assertThat(SeriesTemplateRules.validate(
                        new Template(SessionKind.WORKSHOP, 10, Allocation.LOTTERY, 14, 72, true, null)))
                .isEmpty();
        assertThat(SeriesTemplateRules.validate(
                        new Template(SessionKind.WORKSHOP, 10, Allocation.FIRST_COME, 14, 72, true, null)))
                .extracting(Violation::code, Violation::field)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(
                        SessionRuleCode.LOTTERY_SETTINGS_WITHOUT_LOTTERY, "lottery"));
    }

    @Test
    void childcareRequestsCloseNoLaterThanTheStart() {
        assertThat(SeriesTemplateRules.validate(new Template(SessionKind.CAFE, null, null, null, null, false, 0)))
                .isEmpty();
        assertThat(SeriesTemplateRules.validate(new Template(SessionKind.CAFE, null, null, null, null, false, -1)))
                .extracting(Violation::code, Violation::field)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(
                        SessionRuleCode.CHILDCARE_DEADLINE_AFTER_START, "childcare.deadlineHoursBefore"));
    }
}
