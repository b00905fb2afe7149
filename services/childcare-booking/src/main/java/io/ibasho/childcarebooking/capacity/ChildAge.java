package io.ibasho.childcarebooking.capacity;

import java.util.Arrays;
import java.util.List;

/**
 * A child as this package sees them: only an age in whole years on the day of the session.
 *
 * <p>Age is the only fact the capacity rules need, and keeping it the only fact we hold means a
 * leaked capacity record cannot identify a child. Age 0 means "not yet one year old" (乳児).
 */
public record ChildAge(int years) implements Comparable<ChildAge> {

    public static final int YOUNGEST = 0;
    /** Childcare is for children; from 18 a person is an adult and not in our care. */
    public static final int OLDEST = 17;

    public ChildAge {
        if (years < YOUNGEST || years > OLDEST) {
            throw new IllegalArgumentException(
                    "a child's age must be between " + YOUNGEST + " and " + OLDEST + " years, was " + years);
        }
    }

    public static ChildAge of(int years) {
        return new ChildAge(years);
    }

    /** Convenience for callers that hold ages as plain ints, e.g. {@code ChildAge.list(0, 2, 2)}. */
    public static List<ChildAge> list(int... years) {
        return Arrays.stream(years).mapToObj(ChildAge::new).toList();
    }

    @Override
    public int compareTo(ChildAge other) {
        return Integer.compare(years, other.years);
    }
}
