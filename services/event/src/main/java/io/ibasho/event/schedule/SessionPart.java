package io.ibasho.event.schedule;

import java.time.LocalDateTime;
import java.util.Objects;

/** A part of one session, e.g. 1部 13:30–14:30 and 2部 14:40–15:30; times are Asia/Tokyo. */
public record SessionPart(String label, LocalDateTime start, LocalDateTime end) {

    public SessionPart {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
    }
}
