package io.ibasho.registration.mapping;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.UUID;

/**
 * The organiser's list at the door and of who waits: nickname, status, code, a waiting place and an offer's deadline
 * only; nothing else about anybody is recorded.
 *
 * @param doorOpen          whether attendance and drop-ins are taken now (the session's day, and not cancelled)
 * @param doorClosedBecause while the door is closed, the problem type such a write would be refused with
 *                          ({@code not-door-day}, {@code session-cancelled}); null while it is open
 */
public record RosterView(
        UUID sessionId,
        Integer capacity,
        int seatsTaken,
        long confirmed,
        boolean overCapacity,
        int dropIns,
        boolean doorOpen,
        String doorClosedBecause,
        List<Entry> entries) {
    @JsonInclude(JsonInclude.Include.NON_NULL)
    /**
     * @param position       waiting only: her place (1 = next), or on a lottery's reserve list her published number
     * @param offerExpiresAt offered only: until when the seat is kept for her
     * @param attendedAt     checked in only: when she was first recorded as attended
     */
    public record Entry(
            UUID registrationId,
            String nickname,
            String status,
            String bookingCode,
            String attendance,
            Integer position,
            java.time.OffsetDateTime offerExpiresAt,
            java.time.OffsetDateTime attendedAt) {
        public Entry(
                UUID registrationId,
                String nickname,
                String status,
                String bookingCode,
                String attendance,
                java.time.OffsetDateTime attendedAt) {
            this(registrationId, nickname, status, bookingCode, attendance, null, null, attendedAt);
        }
    }
}
