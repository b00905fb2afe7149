package io.ibasho.event.schedule;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * The one time zone of the schedule. Every session happens in Japan, so local date-times in the domain are
 * Asia/Tokyo wall-clock times; the zone is still named explicitly so that instants (feed, notifications) are right.
 */
public final class TokyoTime {

    public static final ZoneId ZONE = ZoneId.of("Asia/Tokyo");

    private TokyoTime() {}

    public static ZonedDateTime at(LocalDateTime localDateTime) {
        return localDateTime.atZone(ZONE);
    }
}
