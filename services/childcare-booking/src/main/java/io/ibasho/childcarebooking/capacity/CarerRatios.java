package io.ibasho.childcarebooking.capacity;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * An organisation's carer-to-child ratio table: contiguous age bands covering every age from
 * {@value ChildAge#YOUNGEST} to {@value ChildAge#OLDEST}, each with its children-per-carer figure.
 *
 * <h2>How carers needed is computed</h2>
 *
 * <p>Each child takes up {@code 1 / childrenPerCarer} of a carer, so an infant at 1:3 takes a
 * third and a two-year-old at 1:6 a sixth. A session needs
 *
 * <pre>carersNeeded = ceil( sum over bands of childrenInBand / childrenPerCarer(band) )</pre>
 *
 * <p>Rounding once over the whole sum, rather than per band, lets children of mixed ages share a
 * carer, as Japanese nurseries do: 1 infant + 4 two-year-olds = 1/3 + 4/6 = 1 carer, where
 * rounding per band would demand 2.
 *
 * <p>The sum is exact. Every share is expressed in units of {@code 1 / L}, where {@code L} is the
 * least common multiple of all the table's children-per-carer figures, so a child in a band with
 * ratio {@code r} weighs {@code L / r} units and a carer provides {@code L} units. Floating point
 * would turn 1/3 + 1/3 + 1/3 into 0.9999… or 1.0000…1 and could round a full carer up to two or,
 * worse, let a fourth infant in. {@link BigInteger} keeps {@code L} exact however unusual an
 * organisation's table is.
 */
public record CarerRatios(List<BandRatio> bands) {

    /**
     * Japan's minimum staffing standard for nurseries (児童福祉施設の設備及び運営に関する基準, 第33条第2項)
     * as revised with effect from 1 April 2024: age 0 → 1:3, ages 1-2 → 1:6, age 3 → 1:15 (was
     * 1:20), ages 4 and over → 1:25 (was 1:30). The standard stops at school age; we extend the
     * 4+ band to {@value ChildAge#OLDEST} so every child has a ratio, and organisations caring for
     * older children can configure their own.
     */
    public static CarerRatios japaneseNurseryStandard2024() {
        return new CarerRatios(List.of(
                BandRatio.of(0, 0, 3),
                BandRatio.of(1, 2, 6),
                BandRatio.of(3, 3, 15),
                BandRatio.of(4, ChildAge.OLDEST, 25)));
    }

    public static CarerRatios of(BandRatio... bands) {
        return new CarerRatios(List.of(bands));
    }

    /**
     * Rejects tables with gaps, overlaps or uncovered ages: a child whose age falls in no band would
     * have no ratio, and the only safe answers would be "needs no carer" (dangerous) or an error at
     * booking time (too late). Better to refuse the configuration when it is saved.
     */
    public CarerRatios {
        Objects.requireNonNull(bands, "bands");
        bands = List.copyOf(bands);
        if (bands.isEmpty()) {
            throw new IllegalArgumentException("a ratio table needs at least one age band");
        }
        int expectedYoungest = ChildAge.YOUNGEST;
        for (BandRatio ratio : bands) {
            AgeBand band = ratio.band();
            if (band.youngest() != expectedYoungest) {
                throw new IllegalArgumentException(
                        "age bands must be in ascending order without gaps or overlaps: expected a band"
                                + " starting at age " + expectedYoungest + " but found " + band);
            }
            expectedYoungest = band.oldest() + 1;
        }
        int oldestCovered = expectedYoungest - 1;
        if (oldestCovered != ChildAge.OLDEST) {
            throw new IllegalArgumentException(
                    "age bands must cover every age up to " + ChildAge.OLDEST + ", but stop at " + oldestCovered);
        }
    }

    public BandRatio ratioFor(ChildAge age) {
        Objects.requireNonNull(age, "age");
        for (BandRatio ratio : bands) {
            if (ratio.band().contains(age)) {
                return ratio;
            }
        }
        // Unreachable: the constructor guarantees the bands cover every valid age.
        throw new IllegalStateException("no band for age " + age.years());
    }

    public AgeBand bandOf(ChildAge age) {
        return ratioFor(age).band();
    }

    /** The fewest carers that can look after these children together: see the class comment. */
    public int carersNeeded(Collection<ChildAge> children) {
        return carersFor(careUnits(children));
    }

    /** How many children of each band, in band order, including bands with none. */
    public List<BandCount> countByBand(Collection<ChildAge> children) {
        int[] counts = new int[bands.size()];
        for (ChildAge child : children) {
            counts[bands.indexOf(ratioFor(child))]++;
        }
        List<BandCount> result = new ArrayList<>(bands.size());
        for (int i = 0; i < bands.size(); i++) {
            result.add(new BandCount(bands.get(i).band(), counts[i]));
        }
        return List.copyOf(result);
    }

    // --- exact arithmetic in units of 1/L of a carer (package-private: shared with the capacity) ---

    /** L: the number of units one carer provides. */
    BigInteger unitsPerCarer() {
        BigInteger lcm = BigInteger.ONE;
        for (BandRatio ratio : bands) {
            BigInteger perCarer = BigInteger.valueOf(ratio.childrenPerCarer());
            lcm = lcm.divide(lcm.gcd(perCarer)).multiply(perCarer);
        }
        return lcm;
    }

    /** How many units of carer time one child of this band takes: L / childrenPerCarer. */
    BigInteger unitsPerChild(BandRatio ratio) {
        return unitsPerCarer().divide(BigInteger.valueOf(ratio.childrenPerCarer()));
    }

    BigInteger careUnits(Collection<ChildAge> children) {
        Objects.requireNonNull(children, "children");
        BigInteger total = BigInteger.ZERO;
        for (ChildAge child : children) {
            total = total.add(unitsPerChild(ratioFor(child)));
        }
        return total;
    }

    int carersFor(BigInteger careUnits) {
        BigInteger[] quotientAndRemainder = careUnits.divideAndRemainder(unitsPerCarer());
        BigInteger carers = quotientAndRemainder[0];
        if (quotientAndRemainder[1].signum() > 0) {
            carers = carers.add(BigInteger.ONE);
        }
        // Never more carers than children, since every ratio is at least 1: always fits an int.
        return carers.intValueExact();
    }

    /**
     * The most further children of one band that {@code carers} can take on top of {@code
     * careUnitsSoFar}: the largest k with careUnitsSoFar + k * unitsPerChild <= carers * L.
     */
    long moreChildrenThatFit(BigInteger careUnitsSoFar, int carers, BandRatio ratio) {
        BigInteger spare = unitsPerCarer().multiply(BigInteger.valueOf(carers)).subtract(careUnitsSoFar);
        if (spare.signum() <= 0) {
            return 0;
        }
        BigInteger fitting = spare.divide(unitsPerChild(ratio));
        return fitting.min(BigInteger.valueOf(Long.MAX_VALUE)).longValueExact();
    }
}
