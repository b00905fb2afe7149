package io.ibasho.event.schedule;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import net.fortuna.ical4j.model.Recur;

/** Expands a {@link SeriesSchedule} into occurrence slots with ical4j's RRULE maths. Pure and thread-safe. */
public final class RecurrenceExpansion {

    /** A daily series for a year; bounds the work and the response size of one call. */
    public static final int MAX_OCCURRENCES_PER_CALL = 366;

    private RecurrenceExpansion() {}

    /** The slots whose start falls on a day of the window, at most {@link #MAX_OCCURRENCES_PER_CALL}. */
    public static ExpandedOccurrences expand(SeriesSchedule schedule, ScheduleWindow window) {
        LocalDate endDay = window.endDay();
        if (schedule.lastDay() != null && schedule.lastDay().isBefore(endDay.minusDays(1))) {
            endDay = schedule.lastDay().plusDays(1);
        }
        if (!endDay.isAfter(window.firstDay())) {
            return new ExpandedOccurrences(List.of(), false);
        }

        Recur<ZonedDateTime> recur = schedule.recurrence();
        ZonedDateTime seed = TokyoTime.at(schedule.firstStart());
        ZonedDateTime periodStart = window.firstDay().atStartOfDay(TokyoTime.ZONE);
        ZonedDateTime periodEnd = endDay.atStartOfDay(TokyoTime.ZONE);
        // ical4j's period end is inclusive, so ask for two more than the cap: one may sit exactly on the end,
        // and one more tells whether the cap cut the list.
        List<ZonedDateTime> starts = recur.getDates(seed, periodStart, periodEnd, MAX_OCCURRENCES_PER_CALL + 2);

        List<OccurrenceSlot> slots = new ArrayList<>();
        for (ZonedDateTime start : starts) {
            LocalDateTime localStart = start.withZoneSameInstant(TokyoTime.ZONE).toLocalDateTime();
            if (!localStart.toLocalDate().isBefore(endDay)
                    || localStart.toLocalDate().isBefore(window.firstDay())) {
                continue;
            }
            if (slots.size() == MAX_OCCURRENCES_PER_CALL) {
                return new ExpandedOccurrences(slots, true);
            }
            slots.add(
                    new OccurrenceSlot(RecurrenceId.of(localStart), localStart, localStart.plus(schedule.duration())));
        }
        return new ExpandedOccurrences(slots, false);
    }

    /**
     * The day of the schedule's first occurrence on or after {@code day}, or null when it has none (it ended, by its
     * last day or its count). Looks as far ahead as a new rule must produce a date (five years), so a yearly rule is
     * found too.
     */
    public static LocalDate firstOnOrAfter(SeriesSchedule schedule, LocalDate day) {
        List<OccurrenceSlot> slots = expand(
                        schedule,
                        ScheduleWindow.days(day, day.plusYears(SeriesSchedule.FIRST_OCCURRENCE_HORIZON_YEARS)))
                .slots();
        return slots.isEmpty() ? null : slots.getFirst().start().toLocalDate();
    }
}
