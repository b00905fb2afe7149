package io.ibasho.event.schedule;

import io.ibasho.event.schedule.InvalidScheduleException.Reason;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import net.fortuna.ical4j.model.Recur;

/**
 * When a series meets: an RFC 5545 RRULE (e.g. {@code FREQ=MONTHLY;BYDAY=2TU}) anchored at the first start, in
 * Asia/Tokyo. Every occurrence starts at the first start's time of day and lasts {@code duration}.
 * The series may end through COUNT or UNTIL in the rule, or through {@code count} or {@code lastDay} (inclusive);
 * only one of these.
 * <p>
 * The first start anchors the rule; it is itself an occurrence only when it matches the rule. This lets staff say
 * "second Tuesdays from April, 13:30" without working out which Tuesday that is.
 * <p>
 * Construction validates everything, so a schedule that exists can always be expanded.
 */
public record SeriesSchedule(
        String rrule, LocalDateTime firstStart, Duration duration, LocalDate lastDay, Integer count) {

    static final Duration LONGEST_SESSION = Duration.ofHours(24);

    /** How far ahead a new rule must produce a session; enough for leap days and yearly rules. */
    static final int FIRST_OCCURRENCE_HORIZON_YEARS = 5;

    public SeriesSchedule {
        if (firstStart == null) {
            throw new InvalidScheduleException(Reason.MISSING_VALUE, "The series needs a first start");
        }
        if (duration == null) {
            throw new InvalidScheduleException(Reason.MISSING_VALUE, "The series needs a duration");
        }
        firstStart = firstStart.truncatedTo(ChronoUnit.SECONDS);
        if (duration.isNegative() || duration.isZero() || duration.compareTo(LONGEST_SESSION) > 0) {
            throw new InvalidScheduleException(
                    Reason.DURATION_OUT_OF_RANGE, "A session lasts more than 0 and at most 24 hours, was " + duration);
        }
        if (lastDay != null && lastDay.isBefore(firstStart.toLocalDate())) {
            throw new InvalidScheduleException(
                    Reason.LAST_DAY_BEFORE_FIRST_START,
                    "The last day " + lastDay + " is before the first start " + firstStart);
        }
        Recur<ZonedDateTime> recur = RecurrenceRules.parse(rrule, count, lastDay);
        rrule = rrule.trim();

        ZonedDateTime seed = TokyoTime.at(firstStart);
        ZonedDateTime horizon = seed.plusYears(FIRST_OCCURRENCE_HORIZON_YEARS);
        if (lastDay != null && lastDay.plusDays(1).atStartOfDay(TokyoTime.ZONE).isBefore(horizon)) {
            horizon = lastDay.plusDays(1).atStartOfDay(TokyoTime.ZONE);
        }
        if (recur.getDates(seed, seed, horizon, 1).stream().noneMatch(horizon::isAfter)) {
            throw new InvalidScheduleException(
                    Reason.RRULE_NO_OCCURRENCES,
                    "'" + rrule + "' from " + firstStart
                            + (lastDay != null ? " until " + lastDay : "") + " gives no session within "
                            + FIRST_OCCURRENCE_HORIZON_YEARS + " years");
        }
    }

    public static SeriesSchedule of(String rrule, LocalDateTime firstStart, Duration duration) {
        return new SeriesSchedule(rrule, firstStart, duration, null, null);
    }

    public SeriesSchedule withRule(String newRrule) {
        return new SeriesSchedule(newRrule, firstStart, duration, lastDay, count);
    }

    public SeriesSchedule withFirstStart(LocalDateTime newFirstStart) {
        return new SeriesSchedule(rrule, newFirstStart, duration, lastDay, count);
    }

    public SeriesSchedule withDuration(Duration newDuration) {
        return new SeriesSchedule(rrule, firstStart, newDuration, lastDay, count);
    }

    /** Ends the series on this day (inclusive); replaces a count. */
    public SeriesSchedule withLastDay(LocalDate newLastDay) {
        return new SeriesSchedule(rrule, firstStart, duration, newLastDay, null);
    }

    /** Ends the series after this many occurrences counted from the first start; replaces a last day. */
    public SeriesSchedule withCount(Integer newCount) {
        return new SeriesSchedule(rrule, firstStart, duration, null, newCount);
    }

    /** A fresh ical4j rule each time: {@link Recur} is mutable and not ours to share. */
    Recur<ZonedDateTime> recurrence() {
        return RecurrenceRules.parse(rrule, count, lastDay);
    }
}
