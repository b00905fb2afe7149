package io.ibasho.childcarebooking.mapping;

import io.ibasho.childcarebooking.SessionOffer;
import io.ibasho.childcarebooking.capacity.ChildcareCapacity;
import io.ibasho.childcarebooking.capacity.ChildcareOffer;
import io.ibasho.childcarebooking.capacity.OrganisationRules;
import java.time.Instant;
import java.util.OptionalInt;

/** Turns a stored session offer into the pure capacity model, in one place for the saga and the staff views. */
public final class SessionCapacity {
    private SessionCapacity() {}

    /**
     * Only a PUBLISHED session with an age range takes children: a cancelled or completed session is "not offered"
     * from now on (its confirmed children stay counted in the staff view). Without an explicit childcare deadline,
     * childcare closes when the session starts. A cap below 1 takes no children: it is read as "not offered" rather
     * than as "no cap", so a mistyped 0 can never open unlimited places. The organisation's ratio table applies, and
     * the stricter of its cap and the session's.
     */
    public static ChildcareCapacity of(SessionOffer offer, OrganisationRules rules) {
        boolean takesChildren = offer.offered
                && "PUBLISHED".equals(offer.status)
                && offer.minAgeYears != null
                && offer.maxAgeYears != null
                && (offer.maxChildren == null || offer.maxChildren >= 1);
        ChildcareOffer facts = takesChildren
                ? ChildcareOffer.offered(offer.minAgeYears, offer.maxAgeYears, offer.carers, deadlineOf(offer))
                : ChildcareOffer.notOffered().withCarersAvailable(offer.carers);
        return rules.capacityOf(
                facts,
                offer.maxChildren == null || offer.maxChildren < 1
                        ? OptionalInt.empty()
                        : OptionalInt.of(offer.maxChildren));
    }

    private static Instant deadlineOf(SessionOffer offer) {
        return offer.deadline != null ? offer.deadline.toInstant() : offer.startsAt.toInstant();
    }
}
