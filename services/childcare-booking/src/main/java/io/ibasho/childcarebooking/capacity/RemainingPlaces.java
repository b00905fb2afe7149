package io.ibasho.childcarebooking.capacity;

import java.util.List;
import java.util.Objects;

/**
 * For each age band, how many more children of that band alone could still be booked.
 *
 * <p>The figures are alternatives, not a sum: 2 more infants or 4 more toddlers may both be true
 * and still only one of the two can happen, because they share the same carers.
 */
public record RemainingPlaces(List<BandPlaces> byBand) {

    public RemainingPlaces {
        byBand = List.copyOf(byBand);
    }

    /** How many more children of {@code band} alone could be booked. */
    public record BandPlaces(AgeBand band, int morePlaces) {

        public BandPlaces {
            Objects.requireNonNull(band, "band");
            if (morePlaces < 0) {
                throw new IllegalArgumentException("places cannot be negative: " + morePlaces);
            }
        }
    }

    public int forBand(AgeBand band) {
        return byBand.stream()
                .filter(places -> places.band().equals(band))
                .findFirst()
                .map(BandPlaces::morePlaces)
                .orElseThrow(() -> new IllegalArgumentException("no such band: " + band));
    }

    /** More places for a child of this age; 0 when the band is full or the age is not accepted. */
    public int forAge(ChildAge age) {
        return byBand.stream()
                .filter(places -> places.band().contains(age))
                .findFirst()
                .map(BandPlaces::morePlaces)
                .orElseThrow(() -> new IllegalArgumentException("no band for age " + age.years()));
    }

    /** Whether a child of at least one band could still be booked. */
    public boolean anyLeft() {
        return byBand.stream().anyMatch(places -> places.morePlaces() > 0);
    }
}
