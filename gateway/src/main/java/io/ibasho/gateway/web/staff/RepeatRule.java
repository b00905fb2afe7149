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

    private static final java.util.regex.Pattern READABLE =
            java.util.regex.Pattern.compile("FREQ=(MONTHLY|WEEKLY);BYDAY=(-1|[1-4])?(MO|TU|WE|TH|FR|SA|SU)");

    /**
     * A rule as the event service keeps it ({@code FREQ=MONTHLY;BYDAY=2TU}, {@code FREQ=WEEKLY;BYDAY=TH}) in her words;
     * null for a rule of another shape. Read from the rule itself: a series' first date need not fall on it.
     */
    public static String words(String rrule, Language language) {
        java.util.regex.Matcher m = READABLE.matcher(rrule == null ? "" : rrule.strip());
        if (!m.matches() || "MONTHLY".equals(m.group(1)) == (m.group(2) == null)) {
            return null;
        }
        DayOfWeek weekday =
                DayOfWeek.of(List.of("MO", "TU", "WE", "TH", "FR", "SA", "SU").indexOf(m.group(3)) + 1);
        return "WEEKLY".equals(m.group(1))
                ? words("weekly", 0, weekday, language)
                : words("monthly", Integer.parseInt(m.group(2)), weekday, language);
    }

    /** The rule in the organiser's words: 毎月第2火曜日, Every 2nd Tuesday of the month. */
    public static String words(String choice, LocalDate first, Language language) {
        return words(choice, ordinal(first), first.getDayOfWeek(), language);
    }

    /** {@code n}: the week of the month (1-4, or -1 for the last), for a monthly rule. */
    private static String words(String choice, int n, DayOfWeek weekday, Language language) {
        boolean ja = language == Language.JA;
        String dayJa = weekday.getDisplayName(TextStyle.FULL, Locale.JAPANESE);
        String dayEn = weekday.getDisplayName(TextStyle.FULL, Locale.ENGLISH);
        if ("weekly".equals(choice)) {
            return ja ? "毎週" + dayJa : "Every " + dayEn;
        }
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
