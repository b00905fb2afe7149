package io.ibasho.event.schedule;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.Objects;

/**
 * Whole Asia/Tokyo days {@code [firstDay, endDay)}. Days, not instants, because occurrences of a series are matched
 * by their day when the series is edited: a window edge at a time of day could split an occurrence from its new slot.
 */
public record ScheduleWindow(LocalDate firstDay, LocalDate endDay) {

    public ScheduleWindow {
        Objects.requireNonNull(firstDay, "firstDay");
        Objects.requireNonNull(endDay, "endDay");
        if (!endDay.isAfter(firstDay)) {
            throw new IllegalArgumentException("A window ends after it begins: [" + firstDay + ", " + endDay + ")");
        }
    }

    /** Days {@code [firstDay, endDay)}. */
    public static ScheduleWindow days(LocalDate firstDay, LocalDate endDay) {
        return new ScheduleWindow(firstDay, endDay);
    }

    public static ScheduleWindow month(YearMonth month) {
        return new ScheduleWindow(month.atDay(1), month.plusMonths(1).atDay(1));
    }

    public boolean contains(LocalDate day) {
        return !day.isBefore(firstDay) && day.isBefore(endDay);
    }

    public boolean contains(LocalDateTime start) {
        return contains(start.toLocalDate());
    }
}
