package io.ibasho.childcarebooking.capacity;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * What an organisation decided for childcare at all its sessions: its carer ratio table and, optionally, a cap on
 * children per session. Organisations that set nothing get {@link #standard()}.
 *
 * @param ratios the organisation's ratio table
 * @param maxChildrenPerSession the organisation's cap, at least 1 when present
 */
public record OrganisationRules(CarerRatios ratios, OptionalInt maxChildrenPerSession) {

    public OrganisationRules {
        Objects.requireNonNull(ratios, "ratios");
        Objects.requireNonNull(maxChildrenPerSession, "maxChildrenPerSession (use OptionalInt.empty())");
        if (maxChildrenPerSession.isPresent() && maxChildrenPerSession.getAsInt() < 1) {
            throw new IllegalArgumentException(
                    "a cap on children per session must be at least 1, was " + maxChildrenPerSession.getAsInt());
        }
    }

    /** The April 2024 nursery standard and no cap of the organisation's own. */
    public static OrganisationRules standard() {
        return new OrganisationRules(CarerRatios.japaneseNurseryStandard2024(), OptionalInt.empty());
    }

    /**
     * The cap that applies at one session: the stricter of the organisation's and the session's own (the event may set
     * {@code maxChildren} per session). Either may be absent; both absent means no cap.
     */
    public OptionalInt capWith(OptionalInt sessionCap) {
        Objects.requireNonNull(sessionCap, "sessionCap");
        if (maxChildrenPerSession.isEmpty()) {
            return sessionCap;
        }
        if (sessionCap.isEmpty()) {
            return maxChildrenPerSession;
        }
        return OptionalInt.of(Math.min(maxChildrenPerSession.getAsInt(), sessionCap.getAsInt()));
    }

    /** This organisation's capacity model for one session's offer. */
    public ChildcareCapacity capacityOf(ChildcareOffer offer, OptionalInt sessionCap) {
        return new ChildcareCapacity(offer, ratios, capWith(sessionCap));
    }
}
