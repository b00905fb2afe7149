package io.ibasho.event.schedule;

import java.time.LocalDateTime;

/** Another session's hold on a room, {@code [start, end)} in Asia/Tokyo. */
public record RoomBooking(String sessionId, String roomId, LocalDateTime start, LocalDateTime end) {

    public boolean overlaps(LocalDateTime otherStart, LocalDateTime otherEnd) {
        // Half-open: one group leaving at 15:30 and the next arriving at 15:30 share the room fine.
        return start.isBefore(otherEnd) && otherStart.isBefore(end);
    }
}
