package io.ibasho.registration.availability;

/**
 * What anybody may see of a first-come session's seats: a band, never a count (docs/adr/0086). A count moved by one when
 * one woman booked or erased her account, and whoever knew when she used her phone could match the two; a band moves
 * at most twice in a session's life, and never on the first booking of an empty session.
 */
public enum SeatBand {
    /** 空きあり: more seats left than {@link #fewAtMost}. */
    AVAILABLE,
    /** 残りわずか: some seats left, at most {@link #fewAtMost}. */
    FEW,
    /** 満席: none left (the waitlist takes her). */
    FULL;

    /**
     * The band of a session with this capacity and seats left (below 0 counts as none).
     *
     * @throws IllegalArgumentException when the capacity is below 1
     */
    public static SeatBand of(int capacity, int seatsLeft) {
        if (capacity < 1) {
            throw new IllegalArgumentException("a session with seats has a capacity of at least 1, not " + capacity);
        }
        if (seatsLeft <= 0) {
            return FULL;
        }
        return seatsLeft <= fewAtMost(capacity) ? FEW : AVAILABLE;
    }

    /**
     * The most seats left that still read 残りわずか: a fifth of the capacity rounded up, at least 2, so that she does not
     * wait when few are left. A session of 3 seats or fewer is "few" from the start: with the rule alone its first booking
     * (3 to 2 left) would cross the line and tell that someone booked an empty session, the very thing bands are for.
     * From 4 seats on, the first booking never reaches the line (a fifth rounded up is at most capacity - 2).
     */
    public static int fewAtMost(int capacity) {
        if (capacity <= 3) {
            return capacity;
        }
        return Math.max(2, (capacity + 4) / 5);
    }
}
