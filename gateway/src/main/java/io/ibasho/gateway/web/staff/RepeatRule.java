package io.ibasho.gateway.web.staff;

import io.ibasho.gateway.web.Language;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.TextStyle;
import java.util.List;
import java.util.Locale;

/**
 * The repeat form's choice as an RFC 5545 rule for the event service: "monthly" repeats on the same weekday of the
 * same week of the month as the first date (the 2nd Tuesday: {@code FREQ=MONTHLY;BYDAY=2TU}; a date in the 5th week
 * means the last such weekday, {@code -1TU}, because not every month has a 5th), "weekly" on its weekday. Pure.
 */
public final class RepeatRule {
    static final List<String> CHOICES = List.of("monthly", "weekly");

    private RepeatRule() {}

    public static String rrule(String choice, LocalDate first) {
        String day = first.getDayOfWeek()
                .getDisplayName(TextStyle.SHORT, Locale.ENGLISH)
                .substring(0, 2)
                .toUpperCase(Locale.ROOT);
        return switch (choice) {
            case "weekly" -> "FREQ=WEEKLY;BYDAY=" + day;
            case "monthly" -> "FREQ=MONTHLY;BYDAY=" + ordinal(first) + day;
            default -> throw new IllegalArgumentException("no repeat " + choice);
        };
    }

    /** The rule in the organiser's words: 毎月第2火曜日, Every 2nd Tuesday of the month. */
    public static String words(String choice, LocalDate first, Language language) {
        DayOfWeek weekday = first.getDayOfWeek();
        boolean ja = language == Language.JA;
        String dayJa = weekday.getDisplayName(TextStyle.FULL, Locale.JAPANESE);
        String dayEn = weekday.getDisplayName(TextStyle.FULL, Locale.ENGLISH);
        if ("weekly".equals(choice)) {
            return ja ? "毎週" + dayJa : "Every " + dayEn;
        }
        int n = ordinal(first);
        if (n == -1) {
            return ja ? "毎月最終" + dayJa : "Every last " + dayEn + " of the month";
        }
        return ja
                ? "毎月第" + n + dayJa
                : "Every " + n
                        + switch (n) {
                            case 1 -> "st";
                            case 2 -> "nd";
                            case 3 -> "rd";
                            default -> "th";
                        }
                        + " " + dayEn + " of the month";
    }

    private static int ordinal(LocalDate first) {
        int n = (first.getDayOfMonth() - 1) / 7 + 1;
        return n >= 5 ? -1 : n;
    }
}
