package io.ibasho.notification.delivery;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Objects;
import java.util.Optional;

/**
 * The hours in which she does not want a notification to arrive, in her own time zone.
 *
 * <p>A phone lighting up at night can be seen by someone else in the room, so messages wait until the quiet
 * hours end. The exception is a message with a deadline before that (a seat offer that expires at 06:00, a
 * reminder for an early session): it goes out now, since arriving after its deadline would make it useless.
 *
 * <p>The window runs from {@code start} (inclusive) to {@code end} (exclusive) and may wrap midnight
 * (22:00-07:00).
 */
public final class QuietHours {
    public static final ZoneId DEFAULT_ZONE = ZoneId.of("Asia/Tokyo");
    private static final QuietHours NONE = new QuietHours(null, null, DEFAULT_ZONE);

    private final LocalTime start;
    private final LocalTime end;
    private final ZoneId zone;

    private QuietHours(LocalTime start, LocalTime end, ZoneId zone) {
        this.start = start;
        this.end = end;
        this.zone = zone;
    }

    public static QuietHours none() {
        return NONE;
    }

    public static QuietHours between(LocalTime start, LocalTime end) {
        return between(start, end, DEFAULT_ZONE);
    }

    /**
     * @throws IllegalArgumentException if start equals end: "quiet all day" and "never quiet" are both plausible
     *                                  readings, so the caller must say which ({@link #none()} for the latter)
     */
    public static QuietHours between(LocalTime start, LocalTime end, ZoneId zone) {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        Objects.requireNonNull(zone, "zone");
        if (start.equals(end)) {
            throw new IllegalArgumentException("quiet hours must not start and end at the same time");
        }
        return new QuietHours(start, end, zone);
    }

    public boolean isQuietAt(Instant instant) {
        return endOfQuietHours(instant).isPresent();
    }

    public SendDecision decide(Instant at) {
        return decide(at, Optional.empty());
    }

    public SendDecision decide(Instant at, Instant deadline) {
        return decide(at, Optional.of(deadline));
    }

    /**
     * Send now, unless {@code at} falls in her quiet hours: then defer to their end, except when the message's
     * deadline is at or before that end (a message that lands exactly as its deadline passes is too late).
     */
    public SendDecision decide(Instant at, Optional<Instant> deadline) {
        Optional<Instant> quietUntil = endOfQuietHours(at);
        if (quietUntil.isEmpty()) {
            return SendDecision.NOW;
        }
        if (deadline.isPresent() && !deadline.get().isAfter(quietUntil.get())) {
            return SendDecision.NOW;
        }
        return new SendDecision.DeferUntil(quietUntil.get());
    }

    /** When the quiet hours that {@code instant} falls in end, or empty if it does not fall in any. */
    private Optional<Instant> endOfQuietHours(Instant instant) {
        if (start == null) {
            return Optional.empty();
        }
        ZonedDateTime local = instant.atZone(zone);
        LocalTime time = local.toLocalTime();
        LocalDate date = local.toLocalDate();
        boolean wrapsMidnight = start.isAfter(end);
        if (wrapsMidnight) {
            if (!time.isBefore(start)) {
                return Optional.of(atZone(date.plusDays(1), end));
            }
            if (time.isBefore(end)) {
                return Optional.of(atZone(date, end));
            }
            return Optional.empty();
        }
        if (!time.isBefore(start) && time.isBefore(end)) {
            return Optional.of(atZone(date, end));
        }
        return Optional.empty();
    }

    /** In a daylight-saving gap the end moves forward to the first valid local time, still after the quiet hours. */
    private Instant atZone(LocalDate date, LocalTime time) {
        return ZonedDateTime.of(date, time, zone).toInstant();
    }

    public Optional<LocalTime> start() {
        return Optional.ofNullable(start);
    }

    public Optional<LocalTime> end() {
        return Optional.ofNullable(end);
    }

    public ZoneId zone() {
        return zone;
    }

    @Override
    public String toString() {
        return start == null ? "QuietHours[none]" : "QuietHours[" + start + "-" + end + " " + zone + "]";
    }
}
