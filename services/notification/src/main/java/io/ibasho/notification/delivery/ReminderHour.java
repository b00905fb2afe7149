package io.ibasho.notification.delivery;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * When the day-before reminder goes out: at one fixed hour the day before (10:00 Asia/Tokyo by default), never a fixed
 * time before the start. A reminder sent 24 h before a session told whoever saw it the start time ("13:32, so about
 * 13:30 tomorrow"; threat T4 in docs/security.md); at 10:00 every reminder of the day looks alike. Her quiet hours
 * still move it later (the notifier decides that, as for every message).
 */
public record ReminderHour(LocalTime sendAt, ZoneId zone) {
    public ReminderHour {
        if (sendAt == null || zone == null) {
            throw new IllegalArgumentException("the reminder needs an hour and a time zone");
        }
    }

    /**
     * Sessions starting before this instant (and after now) are due for their reminder at {@code now}: up to the end of
     * tomorrow once today's hour has come, otherwise up to the end of today (those were due yesterday; only a session
     * booked or published since then is still waiting for it).
     */
    public Instant remindStartsBefore(Instant now) {
        ZonedDateTime local = now.atZone(zone);
        LocalDate lastDay = local.toLocalTime().isBefore(sendAt)
                ? local.toLocalDate()
                : local.toLocalDate().plusDays(1);
        return lastDay.plusDays(1).atStartOfDay(zone).toInstant();
    }

    /** The moment the reminder of a session starting at {@code startsAt} is due: the day before, at the hour. */
    public Instant dueAt(Instant startsAt) {
        return startsAt.atZone(zone)
                .toLocalDate()
                .minusDays(1)
                .atTime(sendAt)
                .atZone(zone)
                .toInstant();
    }
}
