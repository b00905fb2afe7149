package io.ibasho.registration.door;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;

/**
 * Whether a session's door takes check-ins, attendance and drop-ins at a given moment: on the session's day in Tokyo
 * (each day it runs, when it ends on a later day), and from two hours before its start when that is still the day
 * before (a café from 00:30: its staff arrive before midnight), never for a cancelled session. A drop-in counted days
 * ahead, or an attendance marked on the wrong session's roster a week later, is a mistake, not a visit, and would stand
 * in the totals funders read. Pure: the moment is given, so the rule has known answers.
 */
public final class DoorDay {
    /** The sessions' calendar: Ibasho's programmes are held in Japan. */
    public static final ZoneId ZONE = ZoneId.of("Asia/Tokyo");

    /** How early before the start the door opens, when that is still the day before. */
    public static final Duration OPENS_BEFORE_START = Duration.ofHours(2);

    public enum State {
        OPEN,
        CANCELLED,
        /** Before or after the session's day(s). */
        NOT_THE_DAY
    }

    private DoorDay() {}

    /**
     * @param cancelled whether the session was cancelled
     * @param startsAt  its start (null: a session without a time has no door day)
     * @param endsAt    its end; null counts as the start's day
     * @param now       the moment asked about (the service's clock)
     */
    public static State at(boolean cancelled, OffsetDateTime startsAt, OffsetDateTime endsAt, Instant now) {
        if (cancelled) {
            return State.CANCELLED;
        }
        if (startsAt == null) {
            return State.NOT_THE_DAY;
        }
        LocalDate today = LocalDate.ofInstant(now, ZONE);
        LocalDate first = firstDay(startsAt);
        LocalDate last = endsAt == null ? first : LocalDate.ofInstant(endsAt.toInstant(), ZONE);
        boolean early = !now.isBefore(startsAt.toInstant().minus(OPENS_BEFORE_START));
        return (today.isBefore(first) && !early) || today.isAfter(last) ? State.NOT_THE_DAY : State.OPEN;
    }

    /** The session's (first) day in Tokyo, as its refusal names it. */
    public static LocalDate firstDay(OffsetDateTime startsAt) {
        return LocalDate.ofInstant(startsAt.toInstant(), ZONE);
    }
}
