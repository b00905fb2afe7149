package io.ibasho.event.schedule;

import static io.ibasho.event.schedule.SessionRuleCode.*;

import java.util.ArrayList;
import java.util.List;

/**
 * The rules of a series' template, checked before any occurrence is planned so a form shows them on the series'
 * own fields (each occurrence is then checked again by {@link SessionRules}). A workshop series needs what a
 * workshop needs: a fixed capacity, an allocation, and an application window, given relative to each occurrence's
 * start: it opens {@code applicationOpensDaysBefore} days before and closes (申込み締切)
 * {@code applicationClosesHoursBefore} hours before.
 */
public final class SeriesTemplateRules {

    private SeriesTemplateRules() {}

    /**
     * @param allocation null for none (drop-ins)
     * @param applicationOpensDaysBefore null when the series has no application window
     * @param applicationClosesHoursBefore null when the series has no application window
     */
    public record Template(
            SessionKind kind,
            Integer capacity,
            Allocation allocation,
            Integer applicationOpensDaysBefore,
            Integer applicationClosesHoursBefore,
            boolean lotteryRulesGiven,
            Integer childcareDeadlineHoursBefore) {}

    public static List<Violation> validate(Template template) {
        List<Violation> violations = new ArrayList<>();
        Integer opensDays = template.applicationOpensDaysBefore();
        Integer closesHours = template.applicationClosesHoursBefore();
        Integer childcareHours = template.childcareDeadlineHoursBefore();
        if (childcareHours != null && childcareHours < 0) {
            violations.add(new Violation(
                    "childcare.deadlineHoursBefore",
                    CHILDCARE_DEADLINE_AFTER_START,
                    "Childcare requests must close no later than each occurrence starts: deadlineHoursBefore is at least 0, was "
                            + childcareHours));
        }
        if (template.kind() == SessionKind.FREE_SPACE) {
            String message = "A free space is open to anyone who comes: it takes no booking or applications";
            if (template.allocation() != null) {
                violations.add(new Violation("allocation", FREE_SPACE_HAS_NO_BOOKING, message));
            }
            if (opensDays != null || closesHours != null) {
                violations.add(new Violation(
                        opensDays != null ? "applicationOpensDaysBefore" : "applicationClosesHoursBefore",
                        FREE_SPACE_HAS_NO_BOOKING,
                        message));
            }
            return List.copyOf(violations);
        }
        if (template.kind() == SessionKind.WORKSHOP) {
            if (template.capacity() == null) {
                violations.add(new Violation(
                        "capacity", CAPACITY_REQUIRED, "A workshop series needs a fixed capacity of at least 1"));
            }
            if (template.allocation() == null) {
                violations.add(new Violation(
                        "allocation", ALLOCATION_REQUIRED, "Choose how places are given: FIRST_COME or LOTTERY"));
            }
            if (opensDays == null) {
                violations.add(
                        new Violation(
                                "applicationOpensDaysBefore",
                                APPLICATION_OPENS_REQUIRED,
                                "A workshop series needs applicationOpensDaysBefore: how many days before each occurrence applications open"));
            }
            if (closesHours == null) {
                violations.add(
                        new Violation(
                                "applicationClosesHoursBefore",
                                DEADLINE_REQUIRED,
                                "A workshop series needs applicationClosesHoursBefore: how many hours before each occurrence applications close"));
            }
        } else if ((opensDays == null) != (closesHours == null)) {
            violations.add(
                    new Violation(
                            opensDays == null ? "applicationOpensDaysBefore" : "applicationClosesHoursBefore",
                            opensDays == null ? APPLICATION_OPENS_REQUIRED : DEADLINE_REQUIRED,
                            "An application window needs both applicationOpensDaysBefore and applicationClosesHoursBefore, or neither"));
        }
        if (template.lotteryRulesGiven() && template.allocation() != Allocation.LOTTERY) {
            violations.add(new Violation(
                    "lottery",
                    LOTTERY_SETTINGS_WITHOUT_LOTTERY,
                    "Lottery rules are only for allocation LOTTERY; remove them or choose LOTTERY"));
        }
        if (closesHours != null && closesHours < 1) {
            violations.add(new Violation(
                    "applicationClosesHoursBefore",
                    DEADLINE_NOT_BEFORE_START,
                    "Applications must close before each occurrence starts: applicationClosesHoursBefore is at least 1, was "
                            + closesHours));
        }
        if (opensDays != null && closesHours != null && (long) opensDays * 24 <= closesHours) {
            violations.add(new Violation(
                    "applicationOpensDaysBefore",
                    APPLICATION_OPENS_NOT_BEFORE_DEADLINE,
                    "Applications open " + opensDays + " day(s) before each occurrence, which is not before they close "
                            + closesHours + " hour(s) before it"));
        }
        return List.copyOf(violations);
    }
}
