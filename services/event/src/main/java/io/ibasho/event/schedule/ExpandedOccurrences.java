package io.ibasho.event.schedule;

import java.util.List;

/**
 * The slots of a series inside a window, in start order. When {@code truncated}, the window held more than
 * {@link RecurrenceExpansion#MAX_OCCURRENCES_PER_CALL}; continue from the day after the last slot.
 */
public record ExpandedOccurrences(List<OccurrenceSlot> slots, boolean truncated) {

    public ExpandedOccurrences {
        slots = List.copyOf(slots);
    }
}
