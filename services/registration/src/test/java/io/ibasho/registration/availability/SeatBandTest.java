package io.ibasho.registration.availability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Known answers of the public seat bands (docs/adr/0086). */
class SeatBandTest {
    @Test
    void aTwelveSeatWorkshopReadsFewFromThreeLeftAndFullAtNone() {
        assertThat(SeatBand.fewAtMost(12)).isEqualTo(3);
        assertThat(SeatBand.of(12, 12)).isEqualTo(SeatBand.AVAILABLE);
        assertThat(SeatBand.of(12, 11)).isEqualTo(SeatBand.AVAILABLE);
        assertThat(SeatBand.of(12, 4)).isEqualTo(SeatBand.AVAILABLE);
        assertThat(SeatBand.of(12, 3)).isEqualTo(SeatBand.FEW);
        assertThat(SeatBand.of(12, 1)).isEqualTo(SeatBand.FEW);
        assertThat(SeatBand.of(12, 0)).isEqualTo(SeatBand.FULL);
        assertThat(SeatBand.of(12, -2)).isEqualTo(SeatBand.FULL);
    }

    @Test
    void theLineIsAFifthRoundedUpAndNeverBelowTwo() {
        assertThat(SeatBand.fewAtMost(4)).isEqualTo(2);
        assertThat(SeatBand.fewAtMost(10)).isEqualTo(2);
        assertThat(SeatBand.fewAtMost(11)).isEqualTo(3);
        assertThat(SeatBand.fewAtMost(20)).isEqualTo(4);
        assertThat(SeatBand.fewAtMost(21)).isEqualTo(5);
        assertThat(SeatBand.fewAtMost(100)).isEqualTo(20);
    }

    @Test
    void theFirstBookingOfAnEmptySessionNeverChangesTheBandUnlessItFillsIt() {
        for (int capacity = 1; capacity <= 500; capacity++) {
            SeatBand empty = SeatBand.of(capacity, capacity);
            SeatBand afterOne = SeatBand.of(capacity, capacity - 1);
            if (capacity == 1) {
                // one seat: the booking fills it, and the waitlist must be offered from then on
                assertThat(afterOne).isEqualTo(SeatBand.FULL);
            } else {
                assertThat(afterOne).as("capacity %d", capacity).isEqualTo(empty);
            }
        }
    }

    @Test
    void smallSessionsAreFewFromTheStart() {
        assertThat(SeatBand.of(3, 3)).isEqualTo(SeatBand.FEW);
        assertThat(SeatBand.of(2, 2)).isEqualTo(SeatBand.FEW);
        assertThat(SeatBand.of(1, 1)).isEqualTo(SeatBand.FEW);
        assertThat(SeatBand.of(4, 4)).isEqualTo(SeatBand.AVAILABLE);
    }

    @Test
    void aCapacityBelowOneIsNotASessionWithSeats() {
        assertThatThrownBy(() -> SeatBand.of(0, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
