package io.ibasho.event.schedule;

import java.util.List;

/**
 * What to do to the stored occurrences of a series inside a window, each list in day order.
 *
 * @param toCreate occurrences to store; a recurrence id may repeat one of a row cancelled by an earlier plan
 * @param toUpdate stored occurrences to change in place
 * @param toKeep stored occurrences that stay as they are (unchanged, or individually changed or cancelled)
 * @param toCancel stored occurrences the series no longer produces; cancel rather than delete, people may have booked
 */
public record SeriesPlan(
        List<Occurrence> toCreate,
        List<OccurrenceUpdate> toUpdate,
        List<Occurrence> toKeep,
        List<Occurrence> toCancel) {

    public SeriesPlan {
        toCreate = List.copyOf(toCreate);
        toUpdate = List.copyOf(toUpdate);
        toKeep = List.copyOf(toKeep);
        toCancel = List.copyOf(toCancel);
    }

    public boolean changesSomething() {
        return !toCreate.isEmpty() || !toUpdate.isEmpty() || !toCancel.isEmpty();
    }
}
