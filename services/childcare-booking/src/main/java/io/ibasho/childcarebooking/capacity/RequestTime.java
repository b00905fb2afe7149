package io.ibasho.childcarebooking.capacity;

import java.time.Instant;
import java.util.Objects;

/**
 * The instant a childcare request counts as made: what {@link ChildcareCapacity#assess} judges the childcare deadline
 * against. Places and ages are judged when the request is decided, whatever this instant is.
 *
 * <p>Childcare asked for with a lottery application counts from the application: the draw that forwards it can only
 * run after the application deadline, so judging the childcare deadline at the draw would refuse every applicant
 * whenever the two deadlines are equal (or the childcare one is the earlier). Any other request counts from when
 * registration recorded it, so a slow relay never pushes a mother past the deadline. Never later than now: a clock
 * running ahead elsewhere buys nothing.
 */
public final class RequestTime {

    private RequestTime() {}

    /**
     * @param askedWithApplication when she asked for childcare with her lottery application; null for any other request
     * @param recorded when registration recorded this request (the CloudEvent time); null if not given
     * @param now the instant it is decided
     */
    public static Instant countsFrom(Instant askedWithApplication, Instant recorded, Instant now) {
        Objects.requireNonNull(now, "now");
        Instant asked = earlier(askedWithApplication, recorded);
        return asked == null || asked.isAfter(now) ? now : asked;
    }

    private static Instant earlier(Instant first, Instant second) {
        if (first == null) {
            return second;
        }
        return second == null || first.isBefore(second) ? first : second;
    }
}
