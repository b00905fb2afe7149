package io.ibasho.childcarebooking.capacity;

import java.util.Objects;

/** How many children of one age band: an aggregate, never a list of children. */
public record BandCount(AgeBand band, int children) {

    public BandCount {
        Objects.requireNonNull(band, "band");
        if (children < 0) {
            throw new IllegalArgumentException("a count of children cannot be negative: " + children);
        }
    }
}
