package io.ibasho.registration.mapping;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.UUID;

/** The organiser's list at the door: nickname, status and code only; nothing else about anybody is recorded. */
public record RosterView(
        UUID sessionId,
        Integer capacity,
        int seatsTaken,
        long confirmed,
        boolean overCapacity,
        int dropIns,
        List<Entry> entries) {
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Entry(UUID registrationId, String nickname, String status, String bookingCode, String attendance) {}
}
