package io.ibasho.registration.service;

import io.ibasho.registration.availability.SeatBand;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * What anybody may know of a session's seats: a band, never a count (docs/adr/0086), and never who booked or applied.
 * The organiser of the session's organisation reads the counts themselves in {@link SeatCounts}.
 *
 * @param allocation FIRST_COME or LOTTERY
 * @param capacity null when the session has no limit (the capacity is published with the session anyway)
 * @param seats AVAILABLE, FEW or FULL; null when there is no limit or while a lottery is not yet drawn
 * @param applicationClosesAt lottery sessions: when applications close
 */
public record SessionAvailability(
        UUID sessionId, String allocation, Integer capacity, SeatBand seats, OffsetDateTime applicationClosesAt) {

    /** The public face of the exact figures. */
    static SessionAvailability of(SeatCounts counts) {
        SeatBand seats = counts.seatsLeft() == null
                ? null
                : counts.capacity() < 1 ? SeatBand.FULL : SeatBand.of(counts.capacity(), counts.seatsLeft());
        return new SessionAvailability(
                counts.sessionId(), counts.allocation(), counts.capacity(), seats, counts.applicationClosesAt());
    }
}
