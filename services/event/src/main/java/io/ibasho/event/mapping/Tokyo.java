package io.ibasho.event.mapping;

import io.ibasho.event.schedule.TokyoTime;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;

/** Instants as the people using Ibasho read them: Asia/Tokyo. */
public final class Tokyo {
    private Tokyo() {}

    public static OffsetDateTime offset(OffsetDateTime time) {
        return time == null ? null : time.atZoneSameInstant(TokyoTime.ZONE).toOffsetDateTime();
    }

    public static LocalDateTime local(OffsetDateTime time) {
        return time == null ? null : time.atZoneSameInstant(TokyoTime.ZONE).toLocalDateTime();
    }

    public static OffsetDateTime at(LocalDateTime local) {
        return local == null ? null : TokyoTime.at(local).toOffsetDateTime();
    }
}
