package io.ibasho.event.schedule;

import io.ibasho.event.schedule.InvalidScheduleException.Reason;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import net.fortuna.ical4j.model.Recur;
import net.fortuna.ical4j.transform.recurrence.Frequency;

/**
 * Turns an RRULE text into ical4j's {@link Recur}, with the checks ical4j's lenient parser leaves out. The date maths
 * itself stays in ical4j; this class only decides which rules a series may use.
 */
final class RecurrenceRules {

    /** Sub-daily frequencies would give several sessions a day; 1部/2部 are parts of one session instead. */
    private static final Set<Frequency> SUPPORTED_FREQUENCIES =
            EnumSet.of(Frequency.DAILY, Frequency.WEEKLY, Frequency.MONTHLY, Frequency.YEARLY);

    /** The time of day comes from the series' first start; these parts would add other times. */
    private static final Set<String> TIME_OF_DAY_PARTS = Set.of("BYHOUR", "BYMINUTE", "BYSECOND");

    private RecurrenceRules() {}

    /**
     * @param count the series' own COUNT, or null; it may not be combined with COUNT or UNTIL inside the rule
     * @param lastDay the series' own last day, or null; it may not be combined with COUNT or UNTIL inside the rule
     */
    static Recur<ZonedDateTime> parse(String rrule, Integer count, LocalDate lastDay) {
        if (rrule == null || rrule.isBlank()) {
            throw new InvalidScheduleException(
                    Reason.RRULE_EMPTY, "The series needs an RRULE, e.g. FREQ=MONTHLY;BYDAY=2TU");
        }
        String text = stripPropertyName(rrule.trim());
        Map<String, String> parts = parts(text);

        for (String name : parts.keySet()) {
            if (TIME_OF_DAY_PARTS.contains(name)) {
                throw new InvalidScheduleException(
                        Reason.RRULE_TIME_OF_DAY_PART,
                        name + " is not supported in '" + text
                                + "': a series meets once a day at the time of its first start; split a day into session parts instead");
            }
        }
        if (parts.containsKey("COUNT") && parts.containsKey("UNTIL")) {
            throw new InvalidScheduleException(
                    Reason.RRULE_COUNT_AND_UNTIL,
                    "'" + text + "' has both COUNT and UNTIL; RFC 5545 allows only one of them");
        }
        if ((count != null || lastDay != null) && (parts.containsKey("COUNT") || parts.containsKey("UNTIL"))) {
            throw new InvalidScheduleException(
                    Reason.RRULE_COUNT_AND_UNTIL,
                    "'" + text
                            + "' already ends the series with COUNT or UNTIL; do not also give the series a count or a last day");
        }
        if (count != null && lastDay != null) {
            throw new InvalidScheduleException(
                    Reason.RRULE_COUNT_AND_UNTIL, "A series ends either after a count or on a last day, not both");
        }
        requirePositiveInteger(parts, "INTERVAL", Reason.RRULE_INTERVAL_OUT_OF_RANGE, text);
        requirePositiveInteger(parts, "COUNT", Reason.COUNT_OUT_OF_RANGE, text);

        Recur<ZonedDateTime> recur;
        try {
            recur = new Recur<>(text);
        } catch (RuntimeException e) {
            throw new InvalidScheduleException(
                    Reason.RRULE_SYNTAX, "Invalid RRULE '" + text + "': " + e.getMessage(), e);
        }
        if (!SUPPORTED_FREQUENCIES.contains(recur.getFrequency())) {
            throw new InvalidScheduleException(
                    Reason.RRULE_UNSUPPORTED_FREQUENCY,
                    "FREQ=" + recur.getFrequency() + " is not supported in '" + text
                            + "': use DAILY, WEEKLY, MONTHLY or YEARLY");
        }
        // ical4j reads a date-only UNTIL as midnight, which would silently drop a session held on that very day.
        if (((Recur<?>) recur).getUntil() instanceof LocalDate) {
            throw new InvalidScheduleException(
                    Reason.RRULE_UNTIL_WITHOUT_TIME,
                    "UNTIL in '" + text
                            + "' has no time; the series has a start time, so write UNTIL as a UTC date-time such as 20261231T145959Z"
                            + " or give the series a last day");
        }
        if (count != null) {
            if (count < 1) {
                throw new InvalidScheduleException(
                        Reason.COUNT_OUT_OF_RANGE, "A series count must be at least 1, was " + count);
            }
            recur = new Recur.Builder<>(recur).count(count).build();
        }
        return recur;
    }

    private static String stripPropertyName(String text) {
        // People paste whole content lines from other calendars.
        return text.regionMatches(true, 0, "RRULE:", 0, 6) ? text.substring(6).trim() : text;
    }

    private static Map<String, String> parts(String text) {
        Map<String, String> parts = new LinkedHashMap<>();
        for (String segment : text.split(";")) {
            if (segment.isBlank()) {
                continue;
            }
            int equals = segment.indexOf('=');
            if (equals <= 0) {
                throw new InvalidScheduleException(
                        Reason.RRULE_SYNTAX, "Invalid RRULE '" + text + "': '" + segment + "' is not NAME=VALUE");
            }
            String name = segment.substring(0, equals).trim().toUpperCase(Locale.ROOT);
            if (parts.put(name, segment.substring(equals + 1).trim()) != null) {
                throw new InvalidScheduleException(
                        Reason.RRULE_DUPLICATE_PART,
                        "Invalid RRULE '" + text + "': " + name + " appears more than once");
            }
        }
        return parts;
    }

    private static void requirePositiveInteger(Map<String, String> parts, String name, Reason reason, String text) {
        String value = parts.get(name);
        if (value == null) {
            return;
        }
        int parsed;
        try {
            parsed = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new InvalidScheduleException(
                    reason, "Invalid RRULE '" + text + "': " + name + " must be a whole number, was '" + value + "'");
        }
        if (parsed < 1) {
            throw new InvalidScheduleException(
                    reason, "Invalid RRULE '" + text + "': " + name + " must be at least 1, was " + parsed);
        }
    }
}
