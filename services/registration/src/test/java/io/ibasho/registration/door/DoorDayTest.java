package io.ibasho.registration.door;

import static org.assertj.core.api.Assertions.assertThat;

import io.ibasho.registration.door.DoorDay.State;
import java.time.Instant;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;

/** The door's day, with known answers: Tokyo is UTC+9, so 15:00Z is midnight there. Plain Java, no Quarkus. */
class DoorDayTest {
    private static State at(String startsAt, String endsAt, String now) {
        return DoorDay.at(
                false,
                OffsetDateTime.parse(startsAt),
                endsAt == null ? null : OffsetDateTime.parse(endsAt),
                Instant.parse(now));
    }

    @Test
    void theDoorIsOpenAllOfTheSessionsDayInTokyoAndOnlyThen() {
        // 10:00-12:00 in Tokyo on 8 December
        String start = "2026-12-08T01:00:00Z";
        String end = "2026-12-08T03:00:00Z";
        assertThat(at(start, end, "2026-12-07T14:59:59Z"))
                .as("23:59:59 the day before in Tokyo")
                .isEqualTo(State.NOT_THE_DAY);
        assertThat(at(start, end, "2026-12-07T15:00:00Z"))
                .as("midnight in Tokyo: the session's day")
                .isEqualTo(State.OPEN);
        assertThat(at(start, end, "2026-12-08T12:00:00Z"))
                .as("21:00 the same day: no-shows are still marked")
                .isEqualTo(State.OPEN);
        assertThat(at(start, end, "2026-12-08T14:59:59Z"))
                .as("23:59:59 the same day")
                .isEqualTo(State.OPEN);
        assertThat(at(start, end, "2026-12-08T15:00:00Z")).as("the next day").isEqualTo(State.NOT_THE_DAY);
        assertThat(at(start, end, "2026-12-01T01:00:00Z")).as("a week before").isEqualTo(State.NOT_THE_DAY);
        assertThat(at(start, null, "2026-12-08T05:00:00Z"))
                .as("without an end: its start's day")
                .isEqualTo(State.OPEN);
    }

    @Test
    void aSessionPastMidnightOpensTwoHoursBeforeItsStartTheEveningBefore() {
        // 00:30-02:00 in Tokyo on 8 December
        String start = "2026-12-07T15:30:00Z";
        String end = "2026-12-07T17:00:00Z";
        assertThat(at(start, end, "2026-12-07T13:29:59Z"))
                .as("22:29:59 the day before, more than two hours ahead")
                .isEqualTo(State.NOT_THE_DAY);
        assertThat(at(start, end, "2026-12-07T13:30:00Z"))
                .as("22:30 the day before, two hours ahead")
                .isEqualTo(State.OPEN);
        assertThat(at(start, end, "2026-12-08T14:00:00Z"))
                .as("23:00 on its day")
                .isEqualTo(State.OPEN);
    }

    @Test
    void twoHoursAheadOpensNothingEarlierOnTheSameDay() {
        // 19:00 in Tokyo: its day began at midnight, long before two hours ahead
        assertThat(at("2026-12-08T10:00:00Z", "2026-12-08T12:00:00Z", "2026-12-07T15:00:00Z"))
                .isEqualTo(State.OPEN);
    }

    @Test
    void aSessionOverSeveralDaysIsOpenEachDayItRuns() {
        // from 8 December 10:00 to 10 December 16:00 in Tokyo
        String start = "2026-12-08T01:00:00Z";
        String end = "2026-12-10T07:00:00Z";
        assertThat(at(start, end, "2026-12-09T03:00:00Z")).as("the middle day").isEqualTo(State.OPEN);
        assertThat(at(start, end, "2026-12-10T14:59:59Z")).as("the last day").isEqualTo(State.OPEN);
        assertThat(at(start, end, "2026-12-10T15:00:00Z")).as("the day after").isEqualTo(State.NOT_THE_DAY);
    }

    @Test
    void aCancelledSessionsDoorNeverOpensAndASessionWithoutATimeHasNoDay() {
        assertThat(DoorDay.at(
                        true,
                        OffsetDateTime.parse("2026-12-08T01:00:00Z"),
                        OffsetDateTime.parse("2026-12-08T03:00:00Z"),
                        Instant.parse("2026-12-08T02:00:00Z")))
                .isEqualTo(State.CANCELLED);
        assertThat(DoorDay.at(false, null, null, Instant.parse("2026-12-08T02:00:00Z")))
                .isEqualTo(State.NOT_THE_DAY);
        assertThat(DoorDay.firstDay(OffsetDateTime.parse("2026-12-07T15:30:00Z")))
                .hasToString("2026-12-08");
    }
}
