package io.ibasho.childcarebooking.capacity;

import java.time.Instant;
import java.util.Objects;

/**
 * The facts the event service publishes about childcare at one session: whether it is offered,
 * for which ages, how many carers will be there, and until when mothers can book it.
 *
 * <p>The childcare deadline is the event's own and may be earlier than the seat deadline, because
 * carers need to know numbers in advance.
 *
 * @param offered whether the session offers childcare at all
 * @param youngestAccepted youngest age, in whole years, the carers can take
 * @param oldestAccepted oldest age, in whole years, the carers can take
 * @param carersAvailable carers who will be at the session; 0 is allowed (offered, but no
 *     carers confirmed yet: nothing can be booked until some are)
 * @param bookingDeadline first instant at which childcare can no longer be booked; required when
 *     offered, ignored (and may be null) when not
 */
public record ChildcareOffer(
        boolean offered, int youngestAccepted, int oldestAccepted, int carersAvailable, Instant bookingDeadline) {

    public ChildcareOffer {
        // Reuses AgeBand's checks so an offer's age range obeys the same 0-17 rule as children.
        new AgeBand(youngestAccepted, oldestAccepted);
        if (carersAvailable < 0) {
            throw new IllegalArgumentException("carers available cannot be negative, was " + carersAvailable);
        }
        if (offered) {
            Objects.requireNonNull(bookingDeadline, "an offered childcare needs a booking deadline");
        }
    }

    public static ChildcareOffer offered(
            int youngestAccepted, int oldestAccepted, int carersAvailable, Instant bookingDeadline) {
        return new ChildcareOffer(true, youngestAccepted, oldestAccepted, carersAvailable, bookingDeadline);
    }

    public static ChildcareOffer notOffered() {
        return new ChildcareOffer(false, ChildAge.YOUNGEST, ChildAge.OLDEST, 0, null);
    }

    /** The same offer after the organiser changes the number of carers. */
    public ChildcareOffer withCarersAvailable(int carers) {
        return new ChildcareOffer(offered, youngestAccepted, oldestAccepted, carers, bookingDeadline);
    }

    public boolean acceptsAge(ChildAge age) {
        return age.years() >= youngestAccepted && age.years() <= oldestAccepted;
    }

    /**
     * Open strictly before the deadline: at the deadline instant itself booking is closed, so
     * "deadline 18:00" means a request stamped 18:00:00.000 is too late.
     */
    public boolean isOpenAt(Instant now) {
        Objects.requireNonNull(now, "now");
        return offered && now.isBefore(bookingDeadline);
    }
}
