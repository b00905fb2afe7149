package io.ibasho.event.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ibasho.event.schedule.InvalidScheduleException.Reason;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SeriesPlannerTest {

    private static final ScheduleWindow FIRST_HALF_2026 =
            ScheduleWindow.days(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 7, 1));
    private static final OccurrenceDetails COMMUNITY_HALL = new OccurrenceDetails("venue-hall", "room-2", 12);

    private static final Series SECOND_TUESDAY_CAFE = new Series(
            "series-cafe",
            SeriesSchedule.of("FREQ=MONTHLY;BYDAY=2TU", LocalDateTime.of(2026, 1, 13, 13, 30), Duration.ofHours(2)),
            COMMUNITY_HALL);

    private static RecurrenceId id(int month, int day, int hour, int minute) {
        return RecurrenceId.of(LocalDateTime.of(2026, month, day, hour, minute));
    }

    /** What storage holds right after the first plan of a series was carried out. */
    private static List<Occurrence> stored(Series series, ScheduleWindow window) {
        SeriesPlan first = SeriesPlanner.plan(series, List.of(), List.of(), window);
        assertThat(first.toUpdate()).isEmpty();
        assertThat(first.toKeep()).isEmpty();
        assertThat(first.toCancel()).isEmpty();
        return new ArrayList<>(first.toCreate());
    }

    private static List<LocalDate> days(List<Occurrence> occurrences) {
        return occurrences.stream().map(o -> o.recurrenceId().day()).toList();
    }

    @Test
    void newSeriesCreatesEveryOccurrenceWithTheDefaults() {
        SeriesPlan plan = SeriesPlanner.plan(SECOND_TUESDAY_CAFE, List.of(), List.of(), FIRST_HALF_2026);

        assertThat(plan.toCreate()).hasSize(6);
        assertThat(plan.toCreate().get(1))
                .isEqualTo(new Occurrence(
                        id(2, 10, 13, 30),
                        LocalDateTime.of(2026, 2, 10, 13, 30),
                        LocalDateTime.of(2026, 2, 10, 15, 30),
                        COMMUNITY_HALL));
        assertThat(plan.changesSomething()).isTrue();
    }

    @Test
    void planningAgainWithoutEditsKeepsEverything() {
        List<Occurrence> stored = stored(SECOND_TUESDAY_CAFE, FIRST_HALF_2026);

        SeriesPlan plan = SeriesPlanner.plan(SECOND_TUESDAY_CAFE, List.of(), stored, FIRST_HALF_2026);

        assertThat(plan.toKeep()).containsExactlyElementsOf(stored);
        assertThat(plan.changesSomething()).isFalse();
    }

    @Test
    void individualChangeAndCancellationSurviveANewTimeOfDay() {
        List<Occurrence> stored = stored(SECOND_TUESDAY_CAFE, FIRST_HALF_2026);
        // February's café moves to the small room at 10:00; March's is cancelled (the hall is closed).
        OccurrenceOverride.Changed february = OccurrenceOverride.changed(
                id(2, 10, 13, 30),
                LocalDateTime.of(2026, 2, 10, 10, 0),
                LocalDateTime.of(2026, 2, 10, 12, 0),
                new OccurrenceDetails("venue-hall", "room-1", 6));
        OccurrenceOverride.Cancelled march = OccurrenceOverride.cancelled(id(3, 10, 13, 30));
        stored.set(1, february.toOccurrence());
        List<OccurrenceOverride> overrides = List.of(february, march);

        Series moved = SECOND_TUESDAY_CAFE.withSchedule(
                SECOND_TUESDAY_CAFE.schedule().withFirstStart(LocalDateTime.of(2026, 1, 13, 14, 0)));
        SeriesPlan plan = SeriesPlanner.plan(moved, overrides, stored, FIRST_HALF_2026);

        assertThat(plan.toKeep()).containsExactly(february.toOccurrence(), stored.get(2));
        assertThat(plan.toCreate()).isEmpty();
        assertThat(plan.toCancel()).isEmpty();
        assertThat(plan.toUpdate())
                .extracting(u -> u.current().recurrenceId())
                .containsExactly(id(1, 13, 13, 30), id(4, 14, 13, 30), id(5, 12, 13, 30), id(6, 9, 13, 30));
        OccurrenceUpdate april = plan.toUpdate().get(1);
        assertThat(april.planned())
                .isEqualTo(new Occurrence(
                        id(4, 14, 14, 0),
                        LocalDateTime.of(2026, 4, 14, 14, 0),
                        LocalDateTime.of(2026, 4, 14, 16, 0),
                        COMMUNITY_HALL));
    }

    @Test
    void individualChangeAndCancellationSurviveANewRule() {
        List<Occurrence> stored = stored(SECOND_TUESDAY_CAFE, FIRST_HALF_2026);
        OccurrenceOverride.Changed february = OccurrenceOverride.changed(
                id(2, 10, 13, 30),
                LocalDateTime.of(2026, 2, 10, 13, 30),
                LocalDateTime.of(2026, 2, 10, 15, 30),
                COMMUNITY_HALL.withCapacity(8));
        OccurrenceOverride.Cancelled march = OccurrenceOverride.cancelled(id(3, 10, 13, 30));
        stored.set(1, february.toOccurrence());

        // From now on the café meets on the third Thursday.
        Series thursdays =
                SECOND_TUESDAY_CAFE.withSchedule(SECOND_TUESDAY_CAFE.schedule().withRule("FREQ=MONTHLY;BYDAY=3TH"));
        SeriesPlan plan = SeriesPlanner.plan(thursdays, List.of(february, march), stored, FIRST_HALF_2026);

        assertThat(days(plan.toKeep())).containsExactly(LocalDate.of(2026, 2, 10), LocalDate.of(2026, 3, 10));
        assertThat(days(plan.toCancel()))
                .containsExactly(
                        LocalDate.of(2026, 1, 13),
                        LocalDate.of(2026, 4, 14),
                        LocalDate.of(2026, 5, 12),
                        LocalDate.of(2026, 6, 9));
        assertThat(days(plan.toCreate()))
                .containsExactly(
                        LocalDate.of(2026, 1, 15),
                        LocalDate.of(2026, 2, 19),
                        LocalDate.of(2026, 3, 19),
                        LocalDate.of(2026, 4, 16),
                        LocalDate.of(2026, 5, 21),
                        LocalDate.of(2026, 6, 18));
        assertThat(plan.toUpdate()).isEmpty();
    }

    @Test
    void cancelledOccurrenceIsNotBroughtBackEvenWithoutAStoredRow() {
        OccurrenceOverride.Cancelled march = OccurrenceOverride.cancelled(id(3, 10, 13, 30));

        SeriesPlan plan = SeriesPlanner.plan(SECOND_TUESDAY_CAFE, List.of(march), List.of(), FIRST_HALF_2026);

        assertThat(days(plan.toCreate())).hasSize(5).doesNotContain(LocalDate.of(2026, 3, 10));
    }

    @Test
    void individualChangeThatWasNeverStoredIsCreatedAsChanged() {
        OccurrenceOverride.Changed may = OccurrenceOverride.changed(
                id(5, 12, 13, 30),
                LocalDateTime.of(2026, 5, 13, 13, 30),
                LocalDateTime.of(2026, 5, 13, 15, 30),
                COMMUNITY_HALL);

        SeriesPlan plan = SeriesPlanner.plan(SECOND_TUESDAY_CAFE, List.of(may), List.of(), FIRST_HALF_2026);

        assertThat(plan.toCreate()).contains(may.toOccurrence()).hasSize(6);
    }

    @Test
    void newVenueOrCapacityOfTheSeriesUpdatesUnchangedOccurrences() {
        List<Occurrence> stored = stored(SECOND_TUESDAY_CAFE, FIRST_HALF_2026);
        OccurrenceOverride.Changed june = OccurrenceOverride.changed(
                id(6, 9, 13, 30),
                LocalDateTime.of(2026, 6, 9, 13, 30),
                LocalDateTime.of(2026, 6, 9, 15, 30),
                COMMUNITY_HALL.withCapacity(4));
        stored.set(5, june.toOccurrence());

        Series bigger = SECOND_TUESDAY_CAFE.withDefaults(new OccurrenceDetails("venue-library", "room-a", 20));
        SeriesPlan plan = SeriesPlanner.plan(bigger, List.of(june), stored, FIRST_HALF_2026);

        assertThat(plan.toUpdate()).hasSize(5).allSatisfy(update -> {
            assertThat(update.planned().details()).isEqualTo(new OccurrenceDetails("venue-library", "room-a", 20));
            assertThat(update.planned().recurrenceId())
                    .isEqualTo(update.current().recurrenceId());
        });
        assertThat(plan.toKeep()).containsExactly(june.toOccurrence());
    }

    @Test
    void shorterSeriesCancelsTheOccurrencesItNoLongerHas() {
        List<Occurrence> stored = stored(SECOND_TUESDAY_CAFE, FIRST_HALF_2026);

        Series shorter =
                SECOND_TUESDAY_CAFE.withSchedule(SECOND_TUESDAY_CAFE.schedule().withCount(4));
        SeriesPlan plan = SeriesPlanner.plan(shorter, List.of(), stored, FIRST_HALF_2026);

        assertThat(days(plan.toCancel())).containsExactly(LocalDate.of(2026, 5, 12), LocalDate.of(2026, 6, 9));
        assertThat(plan.toKeep()).hasSize(4);
    }

    @Test
    void leavesEverythingOutsideTheWindowAlone() {
        List<Occurrence> stored = stored(SECOND_TUESDAY_CAFE, FIRST_HALF_2026);
        ScheduleWindow fromApril = ScheduleWindow.days(LocalDate.of(2026, 4, 1), LocalDate.of(2026, 7, 1));

        Series moved = SECOND_TUESDAY_CAFE.withSchedule(
                SECOND_TUESDAY_CAFE.schedule().withFirstStart(LocalDateTime.of(2026, 1, 13, 18, 0)));
        SeriesPlan plan =
                SeriesPlanner.plan(moved, List.of(OccurrenceOverride.cancelled(id(1, 13, 13, 30))), stored, fromApril);

        assertThat(plan.toUpdate())
                .extracting(u -> u.current().recurrenceId().day())
                .containsExactly(LocalDate.of(2026, 4, 14), LocalDate.of(2026, 5, 12), LocalDate.of(2026, 6, 9));
        assertThat(plan.toKeep()).isEmpty();
        assertThat(plan.toCreate()).isEmpty();
        assertThat(plan.toCancel()).isEmpty();
    }

    @Test
    void refusesAWindowLargerThanTheCapRatherThanCancellingWhatItCouldNotSee() {
        Series daily = new Series(
                "series-space",
                SeriesSchedule.of("FREQ=DAILY", LocalDateTime.of(2026, 1, 1, 10, 0), Duration.ofHours(6)),
                OccurrenceDetails.none());

        assertThatThrownBy(() -> SeriesPlanner.plan(
                        daily,
                        List.of(),
                        List.of(),
                        ScheduleWindow.days(LocalDate.of(2026, 1, 1), LocalDate.of(2028, 1, 1))))
                .isInstanceOfSatisfying(
                        InvalidScheduleException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.WINDOW_TOO_LARGE))
                .hasMessageContaining("series-space")
                .hasMessageContaining("366");
    }

    @Test
    void refusesTwoStoredOccurrencesOnOneDay() {
        Occurrence one = new Occurrence(
                id(2, 10, 13, 30),
                LocalDateTime.of(2026, 2, 10, 13, 30),
                LocalDateTime.of(2026, 2, 10, 15, 30),
                COMMUNITY_HALL);
        Occurrence other = new Occurrence(
                id(2, 10, 18, 0),
                LocalDateTime.of(2026, 2, 10, 18, 0),
                LocalDateTime.of(2026, 2, 10, 20, 0),
                COMMUNITY_HALL);

        assertThatThrownBy(
                        () -> SeriesPlanner.plan(SECOND_TUESDAY_CAFE, List.of(), List.of(one, other), FIRST_HALF_2026))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2026-02-10");
    }
}
