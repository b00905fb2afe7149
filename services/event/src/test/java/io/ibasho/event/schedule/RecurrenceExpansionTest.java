package io.ibasho.event.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecurrenceExpansionTest {

    private static final Duration TWO_HOURS = Duration.ofHours(2);

    private static List<LocalDateTime> starts(ExpandedOccurrences expansion) {
        return expansion.slots().stream().map(OccurrenceSlot::start).toList();
    }

    @Test
    void monthlyCafeOnTheSecondTuesday() {
        SeriesSchedule cafe =
                SeriesSchedule.of("FREQ=MONTHLY;BYDAY=2TU", LocalDateTime.of(2026, 1, 13, 13, 30), TWO_HOURS);

        ExpandedOccurrences expansion = RecurrenceExpansion.expand(
                cafe, ScheduleWindow.days(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 7, 1)));

        assertThat(starts(expansion))
                .containsExactly(
                        LocalDateTime.of(2026, 1, 13, 13, 30),
                        LocalDateTime.of(2026, 2, 10, 13, 30),
                        LocalDateTime.of(2026, 3, 10, 13, 30),
                        LocalDateTime.of(2026, 4, 14, 13, 30),
                        LocalDateTime.of(2026, 5, 12, 13, 30),
                        LocalDateTime.of(2026, 6, 9, 13, 30));
        assertThat(expansion.truncated()).isFalse();
        OccurrenceSlot february = expansion.slots().get(1);
        assertThat(february.end()).isEqualTo(LocalDateTime.of(2026, 2, 10, 15, 30));
        assertThat(february.recurrenceId()).isEqualTo(RecurrenceId.of(LocalDateTime.of(2026, 2, 10, 13, 30)));
        assertThat(february.recurrenceId()).hasToString("20260210T133000");
        // Tokyo is UTC+9 all year.
        assertThat(february.startInstant()).isEqualTo(Instant.parse("2026-02-10T04:30:00Z"));
    }

    @Test
    void monthlyOnTheFifteenth() {
        SeriesSchedule dialogue = SeriesSchedule.of(
                "FREQ=MONTHLY;BYMONTHDAY=15", LocalDateTime.of(2026, 4, 15, 19, 0), Duration.ofMinutes(90));

        ExpandedOccurrences expansion = RecurrenceExpansion.expand(
                dialogue, ScheduleWindow.days(LocalDate.of(2026, 4, 1), LocalDate.of(2026, 7, 1)));

        assertThat(starts(expansion))
                .containsExactly(
                        LocalDateTime.of(2026, 4, 15, 19, 0),
                        LocalDateTime.of(2026, 5, 15, 19, 0),
                        LocalDateTime.of(2026, 6, 15, 19, 0));
        assertThat(expansion.slots().getFirst().end()).isEqualTo(LocalDateTime.of(2026, 4, 15, 20, 30));
    }

    @Test
    void windowIncludesItsFirstDayAndExcludesItsEndDay() {
        SeriesSchedule cafe =
                SeriesSchedule.of("FREQ=MONTHLY;BYDAY=2TU", LocalDateTime.of(2026, 1, 13, 13, 30), TWO_HOURS);

        ExpandedOccurrences expansion = RecurrenceExpansion.expand(
                cafe, ScheduleWindow.days(LocalDate.of(2026, 2, 10), LocalDate.of(2026, 3, 10)));

        assertThat(starts(expansion)).containsExactly(LocalDateTime.of(2026, 2, 10, 13, 30));
    }

    @Test
    void monthWindow() {
        SeriesSchedule cafe =
                SeriesSchedule.of("FREQ=MONTHLY;BYDAY=2TU", LocalDateTime.of(2026, 1, 13, 13, 30), TWO_HOURS);

        assertThat(starts(RecurrenceExpansion.expand(cafe, ScheduleWindow.month(YearMonth.of(2026, 9)))))
                .containsExactly(LocalDateTime.of(2026, 9, 8, 13, 30));
    }

    @Test
    void firstStartThatDoesNotMatchTheRuleOnlyAnchorsIt() {
        // "Second Tuesdays from April": 1 April 2026 is a Wednesday.
        SeriesSchedule cafe =
                SeriesSchedule.of("FREQ=MONTHLY;BYDAY=2TU", LocalDateTime.of(2026, 4, 1, 13, 30), TWO_HOURS);

        ExpandedOccurrences expansion = RecurrenceExpansion.expand(
                cafe, ScheduleWindow.days(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 6, 1)));

        assertThat(starts(expansion))
                .containsExactly(LocalDateTime.of(2026, 4, 14, 13, 30), LocalDateTime.of(2026, 5, 12, 13, 30));
    }

    @Test
    void nothingBeforeTheFirstStart() {
        SeriesSchedule cafe =
                SeriesSchedule.of("FREQ=MONTHLY;BYDAY=2TU", LocalDateTime.of(2026, 4, 1, 13, 30), TWO_HOURS);

        assertThat(RecurrenceExpansion.expand(cafe, ScheduleWindow.month(YearMonth.of(2026, 3)))
                        .slots())
                .isEmpty();
    }

    @Test
    void countInTheRuleCountsFromTheFirstStartNotFromTheWindow() {
        SeriesSchedule workshop =
                SeriesSchedule.of("FREQ=WEEKLY;BYDAY=SA;COUNT=4", LocalDateTime.of(2026, 5, 2, 10, 0), TWO_HOURS);

        ExpandedOccurrences expansion = RecurrenceExpansion.expand(
                workshop, ScheduleWindow.days(LocalDate.of(2026, 5, 10), LocalDate.of(2026, 12, 1)));

        assertThat(starts(expansion))
                .containsExactly(LocalDateTime.of(2026, 5, 16, 10, 0), LocalDateTime.of(2026, 5, 23, 10, 0));
    }

    @Test
    void countOfTheSeries() {
        SeriesSchedule workshop = SeriesSchedule.of(
                        "FREQ=WEEKLY;BYDAY=SA", LocalDateTime.of(2026, 5, 2, 10, 0), TWO_HOURS)
                .withCount(3);

        assertThat(starts(RecurrenceExpansion.expand(
                        workshop, ScheduleWindow.days(LocalDate.of(2026, 5, 1), LocalDate.of(2026, 12, 1)))))
                .containsExactly(
                        LocalDateTime.of(2026, 5, 2, 10, 0),
                        LocalDateTime.of(2026, 5, 9, 10, 0),
                        LocalDateTime.of(2026, 5, 16, 10, 0));
    }

    @Test
    void lastDayIsInclusive() {
        SeriesSchedule cafe = SeriesSchedule.of(
                        "FREQ=MONTHLY;BYDAY=2TU", LocalDateTime.of(2026, 1, 13, 13, 30), TWO_HOURS)
                .withLastDay(LocalDate.of(2026, 3, 10));

        assertThat(starts(RecurrenceExpansion.expand(
                        cafe, ScheduleWindow.days(LocalDate.of(2026, 1, 1), LocalDate.of(2027, 1, 1)))))
                .containsExactly(
                        LocalDateTime.of(2026, 1, 13, 13, 30),
                        LocalDateTime.of(2026, 2, 10, 13, 30),
                        LocalDateTime.of(2026, 3, 10, 13, 30));
    }

    @Test
    void untilInUtcIsTheLastPossibleStart() {
        // 2026-03-10 13:30 in Tokyo is 04:30 UTC.
        SeriesSchedule inclusive = SeriesSchedule.of(
                "FREQ=MONTHLY;BYDAY=2TU;UNTIL=20260310T043000Z", LocalDateTime.of(2026, 1, 13, 13, 30), TWO_HOURS);
        SeriesSchedule exclusive = SeriesSchedule.of(
                "FREQ=MONTHLY;BYDAY=2TU;UNTIL=20260310T042959Z", LocalDateTime.of(2026, 1, 13, 13, 30), TWO_HOURS);
        ScheduleWindow year = ScheduleWindow.days(LocalDate.of(2026, 1, 1), LocalDate.of(2027, 1, 1));

        assertThat(RecurrenceExpansion.expand(inclusive, year).slots()).hasSize(3);
        assertThat(RecurrenceExpansion.expand(exclusive, year).slots()).hasSize(2);
    }

    @Test
    void expansionStopsAtTheCapAndSaysSo() {
        SeriesSchedule daily =
                SeriesSchedule.of("FREQ=DAILY", LocalDateTime.of(2026, 1, 1, 10, 0), Duration.ofHours(3));

        ExpandedOccurrences expansion = RecurrenceExpansion.expand(
                daily, ScheduleWindow.days(LocalDate.of(2026, 1, 1), LocalDate.of(2036, 1, 1)));

        assertThat(expansion.slots()).hasSize(RecurrenceExpansion.MAX_OCCURRENCES_PER_CALL);
        assertThat(expansion.truncated()).isTrue();
        assertThat(expansion.slots().getLast().start()).isEqualTo(LocalDateTime.of(2027, 1, 1, 10, 0));
    }

    @Test
    void exactlyTheCapIsNotTruncated() {
        SeriesSchedule daily =
                SeriesSchedule.of("FREQ=DAILY", LocalDateTime.of(2028, 1, 1, 10, 0), Duration.ofHours(3));

        // 2028 is a leap year: 366 days.
        ExpandedOccurrences expansion = RecurrenceExpansion.expand(
                daily, ScheduleWindow.days(LocalDate.of(2028, 1, 1), LocalDate.of(2029, 1, 1)));

        assertThat(expansion.slots()).hasSize(366);
        assertThat(expansion.truncated()).isFalse();
    }

    @Test
    void farWindowOfAnOldSeriesIsStillBounded() {
        SeriesSchedule daily =
                SeriesSchedule.of("FREQ=DAILY", LocalDateTime.of(2026, 1, 1, 10, 0), Duration.ofHours(3));

        ExpandedOccurrences expansion = RecurrenceExpansion.expand(
                daily, ScheduleWindow.days(LocalDate.of(2060, 1, 1), LocalDate.of(2160, 1, 1)));

        assertThat(expansion.slots()).hasSize(RecurrenceExpansion.MAX_OCCURRENCES_PER_CALL);
        assertThat(expansion.slots().getFirst().start()).isEqualTo(LocalDateTime.of(2060, 1, 1, 10, 0));
    }
}
