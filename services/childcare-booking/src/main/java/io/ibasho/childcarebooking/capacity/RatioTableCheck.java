package io.ibasho.childcarebooking.capacity;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalInt;

/**
 * Checks an organisation's ratio table and cap as an organiser typed them, and says what is wrong with each band,
 * rather than stopping at the first mistake as the {@link CarerRatios} constructor does: an organiser fixing a table
 * wants every problem at once, each naming the band it is about.
 *
 * <p>Bands may arrive in any order; they are checked (and kept) in order of their youngest age. A table that passes
 * always builds a {@link CarerRatios}.
 */
public final class RatioTableCheck {
    /** One age band per age is the most a table can have. */
    public static final int MAX_BANDS = ChildAge.OLDEST - ChildAge.YOUNGEST + 1;

    private RatioTableCheck() {}

    /** A band as typed; any field may be missing. */
    public record BandInput(Integer youngest, Integer oldest, Integer childrenPerCarer) {
        String label() {
            return (youngest == null ? "?" : youngest.toString())
                    + (youngest != null && youngest.equals(oldest) ? "" : "-" + (oldest == null ? "?" : oldest));
        }
    }

    /**
     * What is wrong, for the organiser.
     *
     * @param field {@code bands[i]} (the index as sent), {@code bands} for the table as a whole, or {@code
     *     maxChildrenPerSession}
     */
    public record Finding(String field, String message) {}

    /** Every problem with the table and the cap; empty when they can be saved. */
    public static List<Finding> findings(List<BandInput> bands, Integer maxChildrenPerSession) {
        List<Finding> findings = new ArrayList<>();
        if (maxChildrenPerSession != null && maxChildrenPerSession < 1) {
            findings.add(new Finding(
                    "maxChildrenPerSession",
                    "the cap on children per session must be at least 1 (leave it out for no cap; a session without"
                            + " childcare is \"not offered\", not \"cap 0\"), was "
                            + maxChildrenPerSession));
        }
        if (bands == null || bands.isEmpty()) {
            findings.add(new Finding("bands", "at least one age band is needed, covering ages 0 to 17"));
            return findings;
        }
        if (bands.size() > MAX_BANDS) {
            findings.add(
                    new Finding("bands", "at most " + MAX_BANDS + " age bands (one per age), was " + bands.size()));
            return findings;
        }
        List<Indexed> usable = new ArrayList<>();
        for (int i = 0; i < bands.size(); i++) {
            BandInput band = bands.get(i);
            String field = "bands[" + i + "]";
            if (band == null || band.youngest() == null || band.oldest() == null || band.childrenPerCarer() == null) {
                findings.add(new Finding(
                        field,
                        "band " + (band == null ? "?" : band.label())
                                + ": youngest, oldest and childrenPerCarer are all required"));
                continue;
            }
            boolean ok = true;
            if (band.youngest() < ChildAge.YOUNGEST
                    || band.oldest() > ChildAge.OLDEST
                    || band.youngest() > band.oldest()) {
                findings.add(new Finding(
                        field,
                        "band " + band.label() + ": ages must satisfy " + ChildAge.YOUNGEST
                                + " <= youngest <= oldest <= " + ChildAge.OLDEST));
                ok = false;
            }
            if (band.childrenPerCarer() < 1) {
                findings.add(new Finding(
                        field,
                        "band " + band.label() + ": children per carer must be at least 1, was "
                                + band.childrenPerCarer()));
                ok = false;
            }
            if (ok) {
                usable.add(new Indexed(i, band));
            }
        }
        if (findings.stream().anyMatch(finding -> finding.field().startsWith("bands"))) {
            // Gaps and overlaps are only meaningful once every band is well formed.
            return findings;
        }
        usable.sort(Comparator.comparingInt(indexed -> indexed.band().youngest()));
        int expectedYoungest = ChildAge.YOUNGEST;
        for (Indexed indexed : usable) {
            BandInput band = indexed.band();
            String field = "bands[" + indexed.index() + "]";
            if (band.youngest() > expectedYoungest) {
                findings.add(new Finding(
                        field,
                        "band " + band.label() + ": gap before it, no band covers "
                                + range(expectedYoungest, band.youngest() - 1)));
            } else if (band.youngest() < expectedYoungest) {
                findings.add(new Finding(
                        field,
                        "band " + band.label() + ": overlaps the band before it, which already covers "
                                + range(band.youngest(), Math.min(band.oldest(), expectedYoungest - 1))));
            }
            expectedYoungest = Math.max(expectedYoungest, band.oldest() + 1);
        }
        if (expectedYoungest <= ChildAge.OLDEST) {
            findings.add(new Finding(
                    "bands",
                    "no band covers " + range(expectedYoungest, ChildAge.OLDEST) + ": the bands must reach age "
                            + ChildAge.OLDEST));
        }
        return findings;
    }

    /**
     * The table as {@link CarerRatios}, bands in age order.
     *
     * @throws IllegalArgumentException if {@link #findings} would not be empty
     */
    public static CarerRatios toRatios(List<BandInput> bands) {
        if (!findings(bands, null).isEmpty()) {
            throw new IllegalArgumentException("invalid ratio table: " + findings(bands, null));
        }
        return new CarerRatios(bands.stream()
                .sorted(Comparator.comparingInt(BandInput::youngest))
                .map(band -> BandRatio.of(band.youngest(), band.oldest(), band.childrenPerCarer()))
                .toList());
    }

    /** The cap as the capacity model wants it. */
    public static OptionalInt toCap(Integer maxChildrenPerSession) {
        return maxChildrenPerSession == null ? OptionalInt.empty() : OptionalInt.of(maxChildrenPerSession);
    }

    private static String range(int youngest, int oldest) {
        return youngest == oldest ? "age " + youngest : "ages " + youngest + "-" + oldest;
    }

    private record Indexed(int index, BandInput band) {}
}
