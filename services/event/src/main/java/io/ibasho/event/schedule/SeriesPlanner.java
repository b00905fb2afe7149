package io.ibasho.event.schedule;

import io.ibasho.event.schedule.InvalidScheduleException.Reason;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Works out how the stored occurrences of a series must change so that, inside a window, they follow the series
 * again: after the series was created, or after its rule, time, duration, venue or capacity was edited.
 * <p>
 * Occurrences are matched by their Tokyo day (the day of their recurrence id), not by the exact start: changing the
 * series' time of day changes every recurrence id, yet the 2nd-Tuesday café on 10 February is still the same café and
 * keeps its bookings. This is sound because a series meets at most once a day (sub-daily rules are rejected).
 * <p>
 * For each day of the window:
 * <ul>
 *   <li>an override (individual change or cancellation) wins: the stored occurrence is kept as it is; a change that
 *       was never stored is created as changed; a cancelled day gets nothing;</li>
 *   <li>otherwise a slot of the series and a stored occurrence that match exactly are kept, differing ones are
 *       updated, a slot with nothing stored is created, and a stored occurrence without a slot is cancelled.</li>
 * </ul>
 * Anything whose day is outside the window is left alone, so pass a window that starts after sessions that already
 * took place.
 */
public final class SeriesPlanner {

    private SeriesPlanner() {}

    /**
     * @param overrides the series' individual changes and cancellations (any window; outside ones are ignored)
     * @param existingOccurrences the series' stored occurrences that are not cancelled by an earlier plan, including
     *                            individually cancelled ones (they are kept)
     * @throws InvalidScheduleException with {@link Reason#WINDOW_TOO_LARGE} when the window holds more than
     *                                  {@link RecurrenceExpansion#MAX_OCCURRENCES_PER_CALL} slots; plan in parts
     * @throws IllegalArgumentException when two stored occurrences or two overrides share a day
     */
    public static SeriesPlan plan(
            Series series,
            Collection<? extends OccurrenceOverride> overrides,
            Collection<Occurrence> existingOccurrences,
            ScheduleWindow window) {
        ExpandedOccurrences expansion = RecurrenceExpansion.expand(series.schedule(), window);
        if (expansion.truncated()) {
            // A partial expansion would look like "the series stopped" and cancel everything after the cut.
            throw new InvalidScheduleException(
                    Reason.WINDOW_TOO_LARGE,
                    "Series " + series.seriesId() + " has more than " + RecurrenceExpansion.MAX_OCCURRENCES_PER_CALL
                            + " occurrences in " + window + "; plan a shorter window");
        }
        Map<LocalDate, OccurrenceSlot> slotsByDay =
                byDay(expansion.slots(), OccurrenceSlot::recurrenceId, window, "slots");
        Map<LocalDate, OccurrenceOverride> overridesByDay =
                byDay(overrides, OccurrenceOverride::recurrenceId, window, "overrides");
        Map<LocalDate, Occurrence> storedByDay =
                byDay(existingOccurrences, Occurrence::recurrenceId, window, "stored occurrences");

        TreeSet<LocalDate> days = new TreeSet<>(slotsByDay.keySet());
        days.addAll(overridesByDay.keySet());
        days.addAll(storedByDay.keySet());

        List<Occurrence> toCreate = new ArrayList<>();
        List<OccurrenceUpdate> toUpdate = new ArrayList<>();
        List<Occurrence> toKeep = new ArrayList<>();
        List<Occurrence> toCancel = new ArrayList<>();

        for (LocalDate day : days) {
            OccurrenceSlot slot = slotsByDay.get(day);
            OccurrenceOverride override = overridesByDay.get(day);
            Occurrence stored = storedByDay.get(day);

            if (override != null) {
                if (stored != null) {
                    toKeep.add(stored);
                } else if (override instanceof OccurrenceOverride.Changed changed) {
                    toCreate.add(changed.toOccurrence());
                }
                continue;
            }
            if (slot == null) {
                toCancel.add(stored);
                continue;
            }
            Occurrence planned = new Occurrence(slot.recurrenceId(), slot.start(), slot.end(), series.defaults());
            if (stored == null) {
                toCreate.add(planned);
            } else if (stored.equals(planned)) {
                toKeep.add(stored);
            } else {
                toUpdate.add(new OccurrenceUpdate(stored, planned));
            }
        }
        return new SeriesPlan(toCreate, toUpdate, toKeep, toCancel);
    }

    private static <T> Map<LocalDate, T> byDay(
            Collection<? extends T> items, Function<T, RecurrenceId> recurrenceId, ScheduleWindow window, String what) {
        Map<LocalDate, T> byDay = new TreeMap<>();
        for (T item : items) {
            LocalDate day = recurrenceId.apply(item).day();
            if (!window.contains(day)) {
                continue;
            }
            T previous = byDay.put(day, item);
            if (previous != null) {
                throw new IllegalArgumentException(
                        "Two " + what + " of one series fall on " + day + ": " + previous + " and " + item);
            }
        }
        return byDay;
    }
}
