package io.ibasho.event.rest;

import java.time.OffsetDateTime;
import java.util.UUID;

/** The public face of a session: never a hidden address, a meeting link or anything about who booked. */
public record SessionView(UUID id, String kind, String titleJa, String titleEn, OffsetDateTime startsAt, OffsetDateTime endsAt,
        Integer capacity, String allocation, String status, int sequence) {
}
