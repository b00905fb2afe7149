package io.ibasho.notification.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The day-before reminder goes out at one hour for every session, so its time never tells the start (threat T4). */
class ReminderHourTest {
    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
    private static final ReminderHour TEN_O_CLOCK = new ReminderHour(LocalTime.of(10, 0), TOKYO);

    private static Instant tokyo(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(TOKYO).toInstant();
    }

    private static boolean dueAt(Instant now, Instant startsAt) {
        return startsAt.isAfter(now) && startsAt.isBefore(TEN_O_CLOCK.remindStartsBefore(now));
    }

    @Test
    void everySessionOfTomorrowIsRemindedAtTenTodayWhateverItsStart() {
        List<Instant> tomorrow = List.of(
                tokyo("2026-12-05T00:30"),
                tokyo("2026-12-05T13:30"),
                tokyo("2026-12-05T19:00"),
                tokyo("2026-12-05T23:59"));
        assertThat(tomorrow).allSatisfy(start -> {
            assertThat(TEN_O_CLOCK.dueAt(start)).isEqualTo(tokyo("2026-12-04T10:00"));
            assertThat(dueAt(tokyo("2026-12-04T09:59"), start)).isFalse();
            assertThat(dueAt(tokyo("2026-12-04T10:00"), start)).isTrue();
        });
        // the old rule (24 h before the start) would have sent the 13:30 one at 13:30 and the 19:00 one at 19:00
        assertThat(dueAt(tokyo("2026-12-04T10:00"), tokyo("2026-12-06T00:30"))).isFalse();
    }

    @Test
    void aSessionOfTodayNotYetRemindedIsRemindedNowAndNothingAfterTheStart() {
        // booked or published after yesterday's hour: she still hears, from the next poll, before it starts
        assertThat(dueAt(tokyo("2026-12-05T08:00"), tokyo("2026-12-05T13:30"))).isTrue();
        assertThat(dueAt(tokyo("2026-12-05T14:00"), tokyo("2026-12-05T13:30"))).isFalse();
    }

    @Test
    void theDayBeforeIsTheDayBeforeInTokyoNotInUtc() {
        // 08:00 in Tokyo on the 5th is 23:00 UTC on the 4th: the reminder is on the 4th at 10:00 Tokyo (01:00 UTC)
        assertThat(TEN_O_CLOCK.dueAt(tokyo("2026-12-05T08:00"))).isEqualTo(Instant.parse("2026-12-04T01:00:00Z"));
    }

    @Test
    void anHourAndAZoneAreRequired() {
        assertThatThrownBy(() -> new ReminderHour(null, TOKYO)).isInstanceOf(IllegalArgumentException.class);
    }
}
