package io.ibasho.registration.lottery;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.UUID;

/**
 * Which lottery a draw belongs to: the session, and when its applications closed. Both are part of the input digest,
 * so a published draw cannot be passed off as another session's, and the closing time fixes the month whose wins
 * count for the once-a-month rule.
 *
 * @param sessionId            the session drawn
 * @param applicationsClosedAt the deadline at which applications closed, to the second (UTC)
 */
public record DrawSubject(UUID sessionId, Instant applicationsClosedAt) {
    /** The once-a-month rule counts calendar months in Japan, where the sessions take place. */
    public static final ZoneId WIN_MONTH_ZONE = ZoneId.of("Asia/Tokyo");

    public DrawSubject {
        Objects.requireNonNull(sessionId, "sessionId");
        applicationsClosedAt = Objects.requireNonNull(applicationsClosedAt, "applicationsClosedAt")
                .truncatedTo(ChronoUnit.SECONDS);
    }

    /** The calendar month (Asia/Tokyo) of the closing: wins in other lotteries drawn in it count. */
    public YearMonth winMonth() {
        return YearMonth.from(applicationsClosedAt.atZone(WIN_MONTH_ZONE));
    }

    /** Times are written to the second, in UTC: {@code 2026-12-03T12:00:00Z}. */
    static String text(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
