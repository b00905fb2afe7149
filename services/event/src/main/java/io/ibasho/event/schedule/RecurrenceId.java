package io.ibasho.event.schedule;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * Identifies one occurrence of a series by the start the series rule gave it (RFC 5545 RECURRENCE-ID), in Asia/Tokyo.
 * It stays the same when that occurrence is moved individually, so a change or cancellation can always find its slot.
 */
public record RecurrenceId(LocalDateTime originalStart) implements Comparable<RecurrenceId> {

    private static final DateTimeFormatter BASIC = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss");

    public RecurrenceId {
        Objects.requireNonNull(originalStart, "originalStart");
        // Seconds and below never come from a rule; dropping them keeps ids comparable after a database round trip.
        originalStart = originalStart.truncatedTo(ChronoUnit.SECONDS);
    }

    public static RecurrenceId of(LocalDateTime originalStart) {
        return new RecurrenceId(originalStart);
    }

    /** Parses the RFC 5545 basic form written by {@link #toString()}, e.g. {@code 20260210T133000}. */
    public static RecurrenceId parse(String text) {
        try {
            return new RecurrenceId(LocalDateTime.parse(text, BASIC));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("Not a recurrence id (expected e.g. 20260210T133000): " + text, e);
        }
    }

    /** The Tokyo day this occurrence belongs to; a series has at most one occurrence a day. */
    public LocalDate day() {
        return originalStart.toLocalDate();
    }

    @Override
    public int compareTo(RecurrenceId other) {
        return originalStart.compareTo(other.originalStart);
    }

    @Override
    public String toString() {
        return BASIC.format(originalStart);
    }
}
