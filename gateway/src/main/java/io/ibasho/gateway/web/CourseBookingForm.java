package io.ibasho.gateway.web;

import io.ibasho.typedinput.TypedInput;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The course form's rules: her nickname as the single-session form checks it ({@link BookingForm#check}), and per date
 * whether she asked for childcare and for which ages, against that date's own childcare ages. Pure; the registration
 * service stays the authority. Nothing she typed is dropped in silence: an age on a date she did not tick is a problem
 * beside that date, not a booking without childcare.
 */
public final class CourseBookingForm {
    private CourseBookingForm() {}

    /** One date's childcare offer as the form needs it; ages are the session's own (0 and 17 when it gives none). */
    public record DateOffer(String sessionId, boolean childcareOffered, int minAge, int maxAge) {}

    /** Childcare asked for one date. */
    public record DateChildcare(String sessionId, List<Integer> childrenAges) {}

    /**
     * What was entered, cleaned, and the problems per field: {@code nickname}, and {@link #dateField} of a date for its
     * childcare.
     */
    public record Checked(String nickname, List<DateChildcare> childcare, Map<String, String> errors) {}

    /** The error key of one date's childcare (also the id of its message on the page). */
    public static String dateField(String sessionId) {
        return "childcare-" + sessionId;
    }

    /**
     * @param ticked the dates whose 「この回に託児を希望する」 box is ticked
     * @param typedAges per date, the ages as typed (blank when left empty)
     */
    public static Checked check(
            String nickname,
            Set<String> ticked,
            Map<String, List<String>> typedAges,
            List<DateOffer> dates,
            Language language) {
        boolean ja = language == Language.JA;
        BookingForm.Checked name = BookingForm.check(nickname, List.of(), null, language);
        Map<String, String> errors = new LinkedHashMap<>(name.errors());
        List<DateChildcare> childcare = new ArrayList<>();
        for (DateOffer date : dates) {
            if (!date.childcareOffered()) {
                continue;
            }
            List<Integer> ages = new ArrayList<>();
            String problem = null;
            for (String typed : typedAges.getOrDefault(date.sessionId(), List.of())) {
                if (typed == null || typed.isBlank()) {
                    continue;
                }
                Integer age = age(typed);
                if (age == null) {
                    problem = ja ? "年齢を数字で入れてください（例: 3）。" : "Enter each age as a number (for example 3).";
                } else if (age < date.minAge() || age > date.maxAge()) {
                    problem = ja
                            ? "この回の託児は" + date.minAge() + "〜" + date.maxAge() + "歳のお子さんが対象です。"
                            : "Childcare on this date is for children aged " + date.minAge() + " to " + date.maxAge()
                                    + ".";
                } else {
                    ages.add(age);
                }
            }
            boolean wanted = ticked.contains(date.sessionId());
            if (problem == null && wanted && ages.isEmpty()) {
                problem = ja
                        ? "託児を希望する回は、お子さんの年齢を入れてください。"
                        : "Enter your child's age for the date you want childcare on.";
            } else if (problem == null && !wanted && !ages.isEmpty()) {
                problem = ja
                        ? "この回に託児を希望するときはチェックを入れてください。希望しないときは年齢を消してください。"
                        : "To ask for childcare on this date, tick the box; if you do not want it, clear the age.";
            }
            if (problem != null) {
                errors.put(dateField(date.sessionId()), problem);
            } else if (wanted) {
                childcare.add(new DateChildcare(date.sessionId(), List.copyOf(ages)));
            }
        }
        return new Checked(name.nickname(), List.copyOf(childcare), errors);
    }

    /**
     * An age as typed, or null when it is not a whole number: NFKC first, so the full-width digits of a Japanese
     * keyboard (３) read as 3, and 「3歳」 or 「3さい」 as well.
     */
    static Integer age(String typed) {
        String plain = TypedInput.plain(typed);
        String digits = plain == null ? "" : plain.replaceFirst("(歳|さい|才)$", "").strip();
        return digits.matches("[0-9]{1,2}") ? Integer.valueOf(digits) : null;
    }
}
