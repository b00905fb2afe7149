package io.ibasho.event.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ibasho.event.schedule.InvalidScheduleException.Reason;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SeriesScheduleTest {

    private static final LocalDateTime FIRST = LocalDateTime.of(2026, 1, 13, 13, 30);
    private static final Duration TWO_HOURS = Duration.ofHours(2);

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '"',
            value = {
                "FREQ=SOMETIMES                                | RRULE_SYNTAX                | Invalid RRULE 'FREQ=SOMETIMES'",
                "BYDAY=2TU                                     | RRULE_SYNTAX                | MUST contain a FREQ",
                "FREQ=MONTHLY;BYDAY=XX                         | RRULE_SYNTAX                | Invalid value XX for BYDAY",
                "FREQ=MONTHLY;FOO=1                            | RRULE_SYNTAX                | FOO=1",
                "second tuesday                                | RRULE_SYNTAX                | 'second tuesday' is not NAME=VALUE",
                "FREQ=DAILY;BYMONTHDAY=40                      | RRULE_SYNTAX                | Invalid RRULE",
                "FREQ=MONTHLY;BYMONTHDAY=15;BYMONTHDAY=16      | RRULE_DUPLICATE_PART        | BYMONTHDAY appears more than once",
                "FREQ=HOURLY                                   | RRULE_UNSUPPORTED_FREQUENCY | FREQ=HOURLY is not supported",
                "FREQ=MINUTELY;INTERVAL=30                     | RRULE_UNSUPPORTED_FREQUENCY | use DAILY, WEEKLY, MONTHLY or YEARLY",
                "FREQ=MONTHLY;BYDAY=2TU;BYHOUR=10,14           | RRULE_TIME_OF_DAY_PART      | BYHOUR is not supported",
                "FREQ=WEEKLY;BYMINUTE=0                        | RRULE_TIME_OF_DAY_PART      | session parts",
                "FREQ=MONTHLY;INTERVAL=0                       | RRULE_INTERVAL_OUT_OF_RANGE | INTERVAL must be at least 1, was 0",
                "FREQ=MONTHLY;INTERVAL=-1                      | RRULE_INTERVAL_OUT_OF_RANGE | INTERVAL must be at least 1",
                "FREQ=MONTHLY;INTERVAL=two                     | RRULE_INTERVAL_OUT_OF_RANGE | INTERVAL must be a whole number",
                "FREQ=MONTHLY;COUNT=0                          | COUNT_OUT_OF_RANGE          | COUNT must be at least 1",
                "FREQ=MONTHLY;COUNT=3;UNTIL=20261231T145959Z   | RRULE_COUNT_AND_UNTIL       | both COUNT and UNTIL",
                "FREQ=MONTHLY;BYDAY=2TU;UNTIL=20260310         | RRULE_UNTIL_WITHOUT_TIME    | UNTIL in 'FREQ=MONTHLY;BYDAY=2TU;UNTIL=20260310' has no time",
                "FREQ=MONTHLY;BYDAY=9TU                        | RRULE_NO_OCCURRENCES        | gives no session within 5 years",
                "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30           | RRULE_NO_OCCURRENCES        | gives no session",
            })
    void rejectsRulesWithAClearMessage(String rrule, Reason reason, String messagePart) {
        assertThatThrownBy(() -> SeriesSchedule.of(rrule, FIRST, TWO_HOURS))
                .isInstanceOfSatisfying(
                        InvalidScheduleException.class,
                        e -> assertThat(e.reason()).isEqualTo(reason))
                .hasMessageContaining(messagePart);
    }

    @Test
    void rejectsAnEmptyRule() {
        assertThatThrownBy(() -> SeriesSchedule.of("  ", FIRST, TWO_HOURS))
                .isInstanceOfSatisfying(
                        InvalidScheduleException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.RRULE_EMPTY))
                .hasMessageContaining("FREQ=MONTHLY;BYDAY=2TU");
        assertThatThrownBy(() -> SeriesSchedule.of(null, FIRST, TWO_HOURS))
                .isInstanceOf(InvalidScheduleException.class);
    }

    @Test
    void acceptsAPastedContentLineAndLowerCase() {
        assertThat(SeriesSchedule.of("RRULE:FREQ=MONTHLY;BYDAY=2TU", FIRST, TWO_HOURS)
                        .rrule())
                .isEqualTo("RRULE:FREQ=MONTHLY;BYDAY=2TU");
        SeriesSchedule lower = SeriesSchedule.of("freq=monthly;byday=2tu", FIRST, TWO_HOURS);
        assertThat(RecurrenceExpansion.expand(
                                lower, ScheduleWindow.days(LocalDate.of(2026, 2, 1), LocalDate.of(2026, 3, 1)))
                        .slots())
                .extracting(OccurrenceSlot::start)
                .containsExactly(LocalDateTime.of(2026, 2, 10, 13, 30));
    }

    @Test
    void aLeapDayRuleFindsItsFirstSessionWithinTheHorizon() {
        SeriesSchedule leap = SeriesSchedule.of("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29", FIRST, TWO_HOURS);

        assertThat(RecurrenceExpansion.expand(
                                leap, ScheduleWindow.days(LocalDate.of(2026, 1, 1), LocalDate.of(2033, 1, 1)))
                        .slots())
                .extracting(OccurrenceSlot::start)
                .containsExactly(LocalDateTime.of(2028, 2, 29, 13, 30), LocalDateTime.of(2032, 2, 29, 13, 30));
    }

    @Test
    void rejectsImpossibleDurations() {
        for (Duration duration : new Duration[] {Duration.ZERO, Duration.ofMinutes(-30), Duration.ofHours(25)}) {
            assertThatThrownBy(() -> SeriesSchedule.of("FREQ=WEEKLY", FIRST, duration))
                    .isInstanceOfSatisfying(
                            InvalidScheduleException.class,
                            e -> assertThat(e.reason()).isEqualTo(Reason.DURATION_OUT_OF_RANGE));
        }
    }

    @Test
    void rejectsMissingValues() {
        assertThatThrownBy(() -> SeriesSchedule.of("FREQ=WEEKLY", null, TWO_HOURS))
                .isInstanceOfSatisfying(
                        InvalidScheduleException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.MISSING_VALUE));
        assertThatThrownBy(() -> SeriesSchedule.of("FREQ=WEEKLY", FIRST, null))
                .isInstanceOfSatisfying(
                        InvalidScheduleException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.MISSING_VALUE));
    }

    @Test
    void endsOnlyOneWay() {
        SeriesSchedule monthly = SeriesSchedule.of("FREQ=MONTHLY;BYDAY=2TU", FIRST, TWO_HOURS);

        assertThatThrownBy(() ->
                        new SeriesSchedule("FREQ=MONTHLY;BYDAY=2TU", FIRST, TWO_HOURS, LocalDate.of(2026, 12, 31), 5))
                .isInstanceOfSatisfying(
                        InvalidScheduleException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.RRULE_COUNT_AND_UNTIL));
        assertThatThrownBy(() -> SeriesSchedule.of("FREQ=MONTHLY;BYDAY=2TU;COUNT=5", FIRST, TWO_HOURS)
                        .withLastDay(LocalDate.of(2026, 12, 31)))
                .isInstanceOfSatisfying(
                        InvalidScheduleException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.RRULE_COUNT_AND_UNTIL))
                .hasMessageContaining("already ends the series");
        assertThatThrownBy(() -> monthly.withCount(0))
                .isInstanceOfSatisfying(
                        InvalidScheduleException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.COUNT_OUT_OF_RANGE));
        // Switching from a count to a last day replaces it.
        assertThat(monthly.withCount(5).withLastDay(LocalDate.of(2026, 12, 31)).count())
                .isNull();
    }

    @Test
    void rejectsALastDayBeforeTheFirstStart() {
        assertThatThrownBy(
                        () -> SeriesSchedule.of("FREQ=WEEKLY", FIRST, TWO_HOURS).withLastDay(LocalDate.of(2026, 1, 12)))
                .isInstanceOfSatisfying(
                        InvalidScheduleException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.LAST_DAY_BEFORE_FIRST_START));
    }

    @Test
    void rejectsALastDayThatLeavesNoSession() {
        // The first second Tuesday after 1 April is 14 April.
        assertThatThrownBy(() -> SeriesSchedule.of(
                                "FREQ=MONTHLY;BYDAY=2TU", LocalDateTime.of(2026, 4, 1, 13, 30), TWO_HOURS)
                        .withLastDay(LocalDate.of(2026, 4, 13)))
                .isInstanceOfSatisfying(
                        InvalidScheduleException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.RRULE_NO_OCCURRENCES))
                .hasMessageContaining("until 2026-04-13");
    }

    @Test
    void recurrenceIdRoundTripsThroughItsText() {
        RecurrenceId id = RecurrenceId.of(LocalDateTime.of(2026, 2, 10, 13, 30, 0, 123));

        assertThat(id).hasToString("20260210T133000");
        assertThat(RecurrenceId.parse("20260210T133000")).isEqualTo(id);
        assertThat(id.day()).isEqualTo(LocalDate.of(2026, 2, 10));
        assertThatThrownBy(() -> RecurrenceId.parse("2026-02-10"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("20260210T133000");
    }
}
