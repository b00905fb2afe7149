package io.ibasho.event.rest;

import io.ibasho.event.schedule.TokyoTime;
import io.ibasho.plumbing.refusal.Refusal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** Query parameters that are a day (Asia/Tokyo midnight) or an instant with offset; anything else is a 400. */
final class TimeParams {
    private TimeParams() {}

    static OffsetDateTime parse(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            if (value.length() == 10) {
                return LocalDate.parse(value).atStartOfDay(TokyoTime.ZONE).toOffsetDateTime();
            }
            return OffsetDateTime.parse(value);
        } catch (DateTimeParseException e) {
            throw Refusal.badRequest(
                    "invalid-parameter",
                    name + " must be a day (2026-12-01) or a time with offset (2026-12-01T09:00:00+09:00)");
        }
    }
}
