package io.ibasho.registration.service;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * The exact seat figures of a session, for the organiser of its organisation only (her dashboard and lottery page):
 * counts, never who. Anybody else sees {@link SessionAvailability}'s band (docs/adr/0086).
 *
 * @param allocation FIRST_COME or LOTTERY
 * @param capacity null when the session has no limit
 * @param seatsLeft free seats (never below 0); null when there is no limit or while a lottery is not yet drawn
 * @param applications lottery applications so far, only before the draw; null otherwise
 * @param applicationClosesAt lottery sessions: when applications close
 */
public record SeatCounts(
        UUID sessionId,
        String allocation,
        Integer capacity,
        Integer seatsLeft,
        Long applications,
        OffsetDateTime applicationClosesAt) {}
