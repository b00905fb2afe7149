package io.ibasho.childcarebooking.capacity;

import java.util.Objects;

/**
 * One row of an organisation's ratio table: in this age band, one carer may look after at most
 * {@code childrenPerCarer} children (so 3 means "1 carer : 3 children").
 */
public record BandRatio(AgeBand band, int childrenPerCarer) {

    public BandRatio {
        Objects.requireNonNull(band, "band");
        if (childrenPerCarer < 1) {
            throw new IllegalArgumentException(
                    "children per carer must be at least 1 for band " + band + ", was " + childrenPerCarer);
        }
    }

    public static BandRatio of(int youngest, int oldest, int childrenPerCarer) {
        return new BandRatio(new AgeBand(youngest, oldest), childrenPerCarer);
    }
}
