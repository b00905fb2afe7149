package io.ibasho.childcarebooking.capacity;

import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * Childcare capacity of one session: the event's {@link ChildcareOffer} combined with the
 * organisation's {@link CarerRatios} and optional cap on children per session.
 *
 * <p>A request is accepted iff childcare is offered, its deadline has not passed, every requested
 * child's age is within the offer's range, the total stays within the cap (if any), and
 * carersNeeded(existing + requested) &lt;= carers available.
 *
 * <p>Existing children are taken as facts: they are counted towards the ratio and the cap but not
 * re-checked against the age range, because the range may have been narrowed after they were
 * confirmed, and refusing a new child is no reason to question one already accepted.
 *
 * <p>Time is an argument, not read from a clock, so the caller decides which instant counts (the
 * request's arrival) and tests need no clock tricks.
 *
 * @param maxChildrenPerSession the organisation's cap, if any; at least 1 when present (a cap of
 *     0 would be "childcare not offered", which the offer already says)
 */
public record ChildcareCapacity(ChildcareOffer offer, CarerRatios ratios, OptionalInt maxChildrenPerSession) {

    public ChildcareCapacity {
        Objects.requireNonNull(offer, "offer");
        Objects.requireNonNull(ratios, "ratios");
        Objects.requireNonNull(maxChildrenPerSession, "maxChildrenPerSession (use OptionalInt.empty())");
        if (maxChildrenPerSession.isPresent() && maxChildrenPerSession.getAsInt() < 1) {
            throw new IllegalArgumentException(
                    "a cap on children per session must be at least 1, was " + maxChildrenPerSession.getAsInt());
        }
    }

    public static ChildcareCapacity uncapped(ChildcareOffer offer, CarerRatios ratios) {
        return new ChildcareCapacity(offer, ratios, OptionalInt.empty());
    }

    public static ChildcareCapacity capped(ChildcareOffer offer, CarerRatios ratios, int maxChildrenPerSession) {
        return new ChildcareCapacity(offer, ratios, OptionalInt.of(maxChildrenPerSession));
    }

    /**
     * Decides whether {@code requested} children can join the {@code existing} ones at {@code now}.
     *
     * @param existing children already confirmed for the session (may be empty)
     * @param requested children of this request; at least one, since a childcare request without
     *     children is a bug in the caller, not a booking
     * @param now the instant the request counts as made, normally {@code clock.instant()}
     */
    public Assessment assess(Collection<ChildAge> existing, Collection<ChildAge> requested, Instant now) {
        Objects.requireNonNull(existing, "existing");
        Objects.requireNonNull(requested, "requested");
        Objects.requireNonNull(now, "now");
        if (requested.isEmpty()) {
            throw new IllegalArgumentException("a childcare request needs at least one child");
        }
        List<ChildAge> all = new ArrayList<>(existing);
        all.addAll(requested);
        int childrenIfAccepted = all.size();

        if (!offer.offered()) {
            return new Assessment(AssessmentOutcome.NOT_OFFERED, childrenIfAccepted, 0, 0);
        }
        int carersNeeded = ratios.carersNeeded(all);
        int carers = offer.carersAvailable();
        AssessmentOutcome outcome;
        if (!offer.isOpenAt(now)) {
            outcome = AssessmentOutcome.DEADLINE_PASSED;
        } else if (!requested.stream().allMatch(offer::acceptsAge)) {
            outcome = AssessmentOutcome.AGE_OUT_OF_RANGE;
        } else if (exceedsCap(childrenIfAccepted)) {
            outcome = AssessmentOutcome.CAP_EXCEEDED;
        } else if (carersNeeded > carers) {
            outcome = AssessmentOutcome.RATIO_EXCEEDED;
        } else {
            outcome = AssessmentOutcome.ACCEPTED;
        }
        return new Assessment(outcome, childrenIfAccepted, carersNeeded, carers);
    }

    /**
     * For each age band, how many more children of that band alone {@link #assess} would still
     * accept at {@code now} on top of {@code existing}. A band is 0 when childcare is not offered or
     * closed, when none of its ages is within the offer's range, or when the cap or the carers are
     * used up. Ages of a band outside the offer's range are simply not bookable; the figure is for
     * the band's accepted ages.
     */
    public RemainingPlaces remaining(Collection<ChildAge> existing, Instant now) {
        Objects.requireNonNull(existing, "existing");
        Objects.requireNonNull(now, "now");
        boolean open = offer.isOpenAt(now);
        BigInteger unitsSoFar = ratios.careUnits(existing);
        long placesUnderCap = maxChildrenPerSession.isPresent()
                ? Math.max(0, maxChildrenPerSession.getAsInt() - existing.size())
                : Long.MAX_VALUE;

        List<RemainingPlaces.BandPlaces> byBand = new ArrayList<>();
        for (BandRatio ratio : ratios.bands()) {
            long places = 0;
            if (open && offerAcceptsSomeAgeIn(ratio.band())) {
                long placesUnderRatio = ratios.moreChildrenThatFit(unitsSoFar, offer.carersAvailable(), ratio);
                places = Math.min(placesUnderRatio, placesUnderCap);
            }
            byBand.add(new RemainingPlaces.BandPlaces(ratio.band(), (int) Math.min(places, Integer.MAX_VALUE)));
        }
        return new RemainingPlaces(byBand);
    }

    /** Carers these children need together under this organisation's ratios. */
    public int carersNeeded(Collection<ChildAge> children) {
        return ratios.carersNeeded(children);
    }

    /**
     * What happens to the confirmed children if the session will have {@code newCarersAvailable}
     * carers. Only reports; see {@link CarerRecount}. The caller stores the new figure with {@link
     * ChildcareOffer#withCarersAvailable} and decides what to do when it is short.
     */
    public CarerRecount recountForCarers(Collection<ChildAge> confirmed, int newCarersAvailable) {
        Objects.requireNonNull(confirmed, "confirmed");
        if (newCarersAvailable < 0) {
            throw new IllegalArgumentException("carers available cannot be negative, was " + newCarersAvailable);
        }
        return new CarerRecount(confirmed.size(), ratios.carersNeeded(confirmed), newCarersAvailable);
    }

    /** Aggregates for the session's staff: children per age band and carers needed. */
    public ChildcareSummary summarise(Collection<ChildAge> confirmed) {
        Objects.requireNonNull(confirmed, "confirmed");
        return new ChildcareSummary(
                ratios.countByBand(confirmed),
                confirmed.size(),
                ratios.carersNeeded(confirmed),
                offer.carersAvailable());
    }

    /**
     * How many confirmed children are above the cap, e.g. after the organisation lowered it: 0 when within the cap or
     * uncapped. Like a carer shortfall, this is only reported; nobody is dropped, and new requests are refused.
     */
    public int childrenOverCap(Collection<ChildAge> confirmed) {
        Objects.requireNonNull(confirmed, "confirmed");
        return maxChildrenPerSession.isPresent() ? Math.max(0, confirmed.size() - maxChildrenPerSession.getAsInt()) : 0;
    }

    private boolean exceedsCap(int children) {
        return maxChildrenPerSession.isPresent() && children > maxChildrenPerSession.getAsInt();
    }

    private boolean offerAcceptsSomeAgeIn(AgeBand band) {
        return band.youngest() <= offer.oldestAccepted() && offer.youngestAccepted() <= band.oldest();
    }
}
