package io.ibasho.notification.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

class QuietHoursTest {
    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
    private static final QuietHours NIGHT = QuietHours.between(LocalTime.of(22, 0), LocalTime.of(7, 0));

    private static Instant tokyo(String localDateTime) {
        return ZonedDateTime.of(LocalDateTime.parse(localDateTime), TOKYO).toInstant();
    }

    @Test
    void defaultsToTokyo() {
        assertThat(NIGHT.zone()).isEqualTo(TOKYO);
    }

    @Test
    void daytimeSendsNow() {
        assertThat(NIGHT.decide(tokyo("2025-04-01T12:00"))).isEqualTo(SendDecision.NOW);
        assertThat(NIGHT.decide(tokyo("2025-04-01T07:00"))).isEqualTo(SendDecision.NOW);
        assertThat(NIGHT.decide(tokyo("2025-04-01T21:59:59"))).isEqualTo(SendDecision.NOW);
    }

    @Test
    void lateEveningDefersToSevenTheNextMorning() {
        assertThat(NIGHT.decide(tokyo("2025-04-01T22:00")))
                .isEqualTo(new SendDecision.DeferUntil(tokyo("2025-04-02T07:00")));
        assertThat(NIGHT.decide(tokyo("2025-04-01T23:30")))
                .isEqualTo(new SendDecision.DeferUntil(tokyo("2025-04-02T07:00")));
    }

    @Test
    void afterMidnightDefersToSevenTheSameMorning() {
        assertThat(NIGHT.decide(tokyo("2025-04-02T00:00")))
                .isEqualTo(new SendDecision.DeferUntil(tokyo("2025-04-02T07:00")));
        assertThat(NIGHT.decide(tokyo("2025-04-02T06:59")))
                .isEqualTo(new SendDecision.DeferUntil(tokyo("2025-04-02T07:00")));
    }

    @Test
    void usesHerTimeZoneNotTheServers() {
        // 23:00 in Tokyo is 14:00 UTC: quiet for her although it is afternoon on a UTC server.
        Instant instant = Instant.parse("2025-04-01T14:00:00Z");

        assertThat(NIGHT.decide(instant)).isEqualTo(new SendDecision.DeferUntil(Instant.parse("2025-04-01T22:00:00Z")));
        assertThat(QuietHours.between(LocalTime.of(22, 0), LocalTime.of(7, 0), ZoneId.of("Europe/London"))
                        .decide(instant))
                .isEqualTo(SendDecision.NOW);
    }

    @Test
    void aWindowWithinOneDayWorksToo() {
        QuietHours workday = QuietHours.between(LocalTime.of(9, 0), LocalTime.of(17, 0));

        assertThat(workday.decide(tokyo("2025-04-01T10:00")))
                .isEqualTo(new SendDecision.DeferUntil(tokyo("2025-04-01T17:00")));
        assertThat(workday.decide(tokyo("2025-04-01T08:59"))).isEqualTo(SendDecision.NOW);
        assertThat(workday.decide(tokyo("2025-04-01T17:00"))).isEqualTo(SendDecision.NOW);
        assertThat(workday.decide(tokyo("2025-04-01T23:00"))).isEqualTo(SendDecision.NOW);
    }

    @Test
    void noQuietHoursAlwaysSendsNow() {
        assertThat(QuietHours.none().decide(tokyo("2025-04-01T03:00"))).isEqualTo(SendDecision.NOW);
        assertThat(QuietHours.none().isQuietAt(tokyo("2025-04-01T23:00"))).isFalse();
    }

    @Test
    void aDeadlineBeforeTheEndOfQuietHoursSendsNow() {
        // A seat offer at 23:00 that must be answered by 06:00: waiting until 07:00 would make it useless.
        assertThat(NIGHT.decide(tokyo("2025-04-01T23:00"), tokyo("2025-04-02T06:00")))
                .isEqualTo(SendDecision.NOW);
    }

    @Test
    void aDeadlineExactlyAtTheEndOfQuietHoursSendsNow() {
        assertThat(NIGHT.decide(tokyo("2025-04-01T23:00"), tokyo("2025-04-02T07:00")))
                .isEqualTo(SendDecision.NOW);
    }

    @Test
    void aDeadlineAfterTheEndOfQuietHoursStillDefers() {
        assertThat(NIGHT.decide(tokyo("2025-04-01T23:00"), tokyo("2025-04-02T12:00")))
                .isEqualTo(new SendDecision.DeferUntil(tokyo("2025-04-02T07:00")));
    }

    @Test
    void aDeadlineOutsideQuietHoursChangesNothing() {
        assertThat(NIGHT.decide(tokyo("2025-04-01T12:00"), tokyo("2025-04-01T13:00")))
                .isEqualTo(SendDecision.NOW);
    }

    @Test
    void theEndMovesPastADaylightSavingGap() {
        // New York springs forward at 02:00 on 2025-03-09; quiet hours ending at 02:30 end at 03:30 EDT instead.
        ZoneId newYork = ZoneId.of("America/New_York");
        QuietHours quiet = QuietHours.between(LocalTime.of(22, 0), LocalTime.of(2, 30), newYork);

        SendDecision decision =
                quiet.decide(ZonedDateTime.of(2025, 3, 8, 23, 0, 0, 0, newYork).toInstant());

        assertThat(decision)
                .isEqualTo(new SendDecision.DeferUntil(
                        ZonedDateTime.of(2025, 3, 9, 3, 30, 0, 0, newYork).toInstant()));
    }

    @Test
    void startEqualToEndIsRefusedAsAmbiguous() {
        assertThatThrownBy(() -> QuietHours.between(LocalTime.of(22, 0), LocalTime.of(22, 0)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
