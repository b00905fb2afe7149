package io.ibasho.childcarebooking.service;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Her drop-in childcare reservation as she sees it: the code she shows the carers, the children and their notes.
 * {@code status} is RESERVED or RELEASED (she cancelled, or the session was cancelled).
 */
public record DropInChildcareView(
        UUID id,
        UUID sessionId,
        String handoverCode,
        String status,
        Instant sessionStartsAt,
        Instant reservedAt,
        List<Child> children) {

    public record Child(int position, int ageYears, String childNickname, String careNotes) {}
}
