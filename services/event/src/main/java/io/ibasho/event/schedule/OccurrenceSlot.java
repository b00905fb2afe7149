package io.ibasho.event.schedule;

import java.time.Instant;
import java.time.LocalDateTime;

/** One occurrence as the series rule gives it, before any individual change; times are Asia/Tokyo. */
public record OccurrenceSlot(RecurrenceId recurrenceId, LocalDateTime start, LocalDateTime end) {

    public Instant startInstant() {
        return TokyoTime.at(start).toInstant();
    }

    public Instant endInstant() {
        return TokyoTime.at(end).toInstant();
    }
}
