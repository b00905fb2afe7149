package io.ibasho.childcarebooking.service;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What staff see. Deliberately no attendee id, registration id, mother's nickname or contact: carers need ages,
 * numbers and notes, never who the mother is.
 */
public final class StaffViews {
    private StaffViews() {}

    public record BandPlacesView(String ages, int morePlaces) {}

    public record BandChildrenView(String ages, int children) {}

    /**
     * Aggregates for organisers and childcare staff. {@code carers} are the carers available, {@code carersNeeded}
     * what the confirmed children need under the organisation's ratio table. {@code overCapacity} is true when the
     * confirmed children no longer fit (carers reduced, a stricter table or a lower cap): confirmed children are
     * never dropped, {@code carersShort} and {@code childrenOverCap} say by how much. {@code maxChildren} is the
     * session's own cap, {@code capApplied} the stricter of it and the organisation's. {@code anonymised}: the
     * session is long past and only its anonymous totals are kept.
     */
    public record OfferView(
            UUID sessionId,
            String status,
            boolean offered,
            Integer minAgeYears,
            Integer maxAgeYears,
            int carers,
            Instant deadline,
            Integer maxChildren,
            Integer capApplied,
            List<BandPlacesView> placesLeftByBand,
            List<BandChildrenView> childrenByBand,
            int totalChildren,
            int carersNeeded,
            int carersShort,
            int childrenOverCap,
            boolean overCapacity,
            boolean anonymised) {}

    /**
     * One child on the carers' sheet. {@code family} numbers siblings together on this sheet only (1, 2, ...); it is
     * not an id and means nothing elsewhere. {@code dropInCode} is the handover code of childcare reserved alone at a
     * drop-in session (the mother shows it at the handover), null for children who came with a booked seat.
     */
    public record CareSheetChild(
            int family, int ageYears, String ageBand, String childNickname, String careNotes, String dropInCode) {}

    /** The childcare staff's sheet for one session: the aggregates plus each child's age, nickname and notes. */
    public record CareSheetView(
            UUID sessionId, Instant startsAt, Instant endsAt, OfferView summary, List<CareSheetChild> children) {}
}
