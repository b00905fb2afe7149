package io.ibasho.event.service;

import io.ibasho.event.Session;
import io.ibasho.event.mapping.JsonColumns;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Once a lottery's applications are open, what decides who wins is frozen (docs/lottery.md, "What may change"): the
 * allocation, the capacity (the seats drawn), the lottery rules (priority tiers, once a month, childcare required to
 * win, confirmation), whether childcare is offered, and when applications opened. Applicants applied under these rules,
 * and the draw's input digest covers them. Texts, the venue and the times may still change; the deadline may move
 * later while applications are open (announced as EventChanged and shown on the session), never earlier: a woman who
 * planned to apply before the announced deadline would be shut out (courses hold the same rule). Once it has passed it
 * stays, as moving it would reopen a closed lottery.
 */
final class FrozenLotteryRules {
    private FrozenLotteryRules() {}

    record Rules(
            Session.Allocation allocation,
            Integer capacity,
            JsonColumns.LotterySettings settings,
            boolean childcareOffered,
            OffsetDateTime applicationOpensAt,
            OffsetDateTime applicationClosesAt) {

        static Rules of(Session session) {
            return new Rules(
                    session.allocation,
                    session.capacity,
                    session.allocation == Session.Allocation.LOTTERY ? JsonColumns.lottery(session.lotteryJson) : null,
                    session.childcareOffered,
                    session.applicationOpensAt,
                    session.applicationClosesAt);
        }
    }

    /** A published lottery whose applications have opened (no opening time: open since publication). */
    static boolean applicationsOpen(Session.SessionStatus status, Rules rules, OffsetDateTime now) {
        return status == Session.SessionStatus.PUBLISHED
                && rules.allocation() == Session.Allocation.LOTTERY
                && (rules.applicationOpensAt() == null || !now.isBefore(rules.applicationOpensAt()));
    }

    /** The frozen fields this change touches, by their request names; empty when the change may go ahead. */
    static List<String> touched(Rules before, Rules after, OffsetDateTime now) {
        List<String> touched = new ArrayList<>();
        if (before.allocation() != after.allocation()) {
            touched.add("allocation");
        }
        if (!Objects.equals(before.capacity(), after.capacity())) {
            touched.add("capacity");
        }
        if (!Objects.equals(before.settings(), after.settings())) {
            touched.add("lottery");
        }
        if (before.childcareOffered() != after.childcareOffered()) {
            touched.add("childcare.offered");
        }
        if (!sameInstant(before.applicationOpensAt(), after.applicationOpensAt())) {
            touched.add("applicationOpensAt");
        }
        boolean closed = before.applicationClosesAt() != null && !now.isBefore(before.applicationClosesAt());
        if (closed && !sameInstant(before.applicationClosesAt(), after.applicationClosesAt())) {
            touched.add("applicationClosesAt");
        }
        return touched;
    }

    /** The deadline, not yet passed, would come earlier: refused while applications are open. */
    static boolean deadlineMovedEarlier(OffsetDateTime was, OffsetDateTime wanted, OffsetDateTime now) {
        return was != null
                && now.isBefore(was)
                && wanted != null
                && wanted.truncatedTo(ChronoUnit.MICROS).isBefore(was.truncatedTo(ChronoUnit.MICROS));
    }

    /**
     * A series edit reaches an occurrence whose applications are open: the occurrence follows the series' texts, times
     * and venue (a deadline only later), but keeps what it froze (docs/lottery.md, "Series"). Refusing the whole edit instead would block every
     * change to a monthly lottery series, which nearly always has one occurrence open; the next occurrences take the new
     * rules when they open.
     */
    static void keepFrozen(Session frozen, Session edited, OffsetDateTime now) {
        edited.allocation = frozen.allocation;
        edited.capacity = frozen.capacity;
        edited.lotteryJson = frozen.lotteryJson;
        edited.applicationOpensAt = frozen.applicationOpensAt;
        boolean closed = frozen.applicationClosesAt != null && !now.isBefore(frozen.applicationClosesAt);
        if (closed || deadlineMovedEarlier(frozen.applicationClosesAt, edited.applicationClosesAt, now)) {
            edited.applicationClosesAt = frozen.applicationClosesAt;
        }
        if (frozen.childcareOffered != edited.childcareOffered) {
            edited.childcareOffered = frozen.childcareOffered;
            edited.childcareMinAge = frozen.childcareMinAge;
            edited.childcareMaxAge = frozen.childcareMaxAge;
            edited.childcareCarers = frozen.childcareCarers;
            edited.childcareMaxChildren = frozen.childcareMaxChildren;
            edited.childcareDeadline = frozen.childcareDeadline;
        }
    }

    /** To the microsecond, as PostgreSQL keeps it: the stored time against the time sent again unchanged. */
    private static boolean sameInstant(OffsetDateTime a, OffsetDateTime b) {
        return a == null
                ? b == null
                : b != null && a.truncatedTo(ChronoUnit.MICROS).isEqual(b.truncatedTo(ChronoUnit.MICROS));
    }
}
