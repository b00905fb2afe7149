package io.ibasho.event.schedule;

import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/** One stored (or to be stored) occurrence of a series; times are Asia/Tokyo. */
public record Occurrence(RecurrenceId recurrenceId, LocalDateTime start, LocalDateTime end, OccurrenceDetails details) {

    public Occurrence {
        Objects.requireNonNull(recurrenceId, "recurrenceId");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        details = details == null ? OccurrenceDetails.none() : details;
        // Same precision as the recurrence id, so an unchanged occurrence read back from storage still equals its slot.
        start = start.truncatedTo(ChronoUnit.SECONDS);
        end = end.truncatedTo(ChronoUnit.SECONDS);
    }
}
