package io.ibasho.childcarebooking.service;

import io.ibasho.childcarebooking.BookedChild;
import io.ibasho.childcarebooking.ChildcareBooking;
import io.ibasho.childcarebooking.SessionChildcareBandTotal;
import io.ibasho.childcarebooking.SessionChildcareTotal;
import io.ibasho.childcarebooking.SessionOffer;
import io.ibasho.childcarebooking.capacity.CarerRecount;
import io.ibasho.childcarebooking.capacity.ChildAge;
import io.ibasho.childcarebooking.capacity.ChildcareCapacity;
import io.ibasho.childcarebooking.capacity.ChildcareSummary;
import io.ibasho.childcarebooking.capacity.OrganisationRules;
import io.ibasho.childcarebooking.mapping.SessionCapacity;
import io.ibasho.plumbing.refusal.Refusal;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.UUID;

/**
 * Builds the staff views of a session of the caller's organisation; another organisation's session is 404, exactly
 * like a missing one. Figures follow the organisation's own ratio table and cap. Once a past session's bookings were
 * deleted (ChildcareRetentionPurge), its views show the anonymous totals kept for it.
 */
@ApplicationScoped
public class StaffViewService {
    private final CareNotesAuditService audit;
    private final Clock clock;

    public StaffViewService(CareNotesAuditService audit, Clock clock) {
        this.audit = audit;
        this.clock = clock;
    }

    @WithSession
    public Uni<StaffViews.OfferView> summary(UUID sessionId, String organisationId) {
        return offerOf(sessionId, organisationId)
                .flatMap(offer -> OrganisationRatiosService.rulesOf(offer.organisationId)
                        .flatMap(rules -> summaryOf(offer, rules)));
    }

    /**
     * The carers' sheet; reading it is audited in the same transaction (who, when, why; never the notes), so there
     * is no read without its audit entry.
     */
    @WithTransaction
    public Uni<StaffViews.CareSheetView> careSheet(
            UUID sessionId, String organisationId, CareNotesAuditService.Reader reader) {
        return offerOf(sessionId, organisationId)
                .call(offer -> audit.recordCareSheetRead(offer, reader))
                .flatMap(offer -> OrganisationRatiosService.rulesOf(offer.organisationId)
                        .flatMap(rules -> summaryOf(offer, rules)
                                .flatMap(summary -> ChildcareBooking.<ChildcareBooking>list(
                                                "sessionId = ?1 and status = ?2 order by createdAt",
                                                sessionId,
                                                ChildcareBooking.Status.RESERVED)
                                        .flatMap(bookings -> BookedChild.<BookedChild>list(
                                                        "bookingId in (select b.id from ChildcareBooking b where b.sessionId = ?1 and b.status = ?2)",
                                                        sessionId,
                                                        ChildcareBooking.Status.RESERVED)
                                                .map(children ->
                                                        careSheet(offer, rules, summary, bookings, children))))));
    }

    private static Uni<SessionOffer> offerOf(UUID sessionId, String organisationId) {
        return SessionOffer.<SessionOffer>find("sessionId = ?1 and organisationId = ?2", sessionId, organisationId)
                .firstResult()
                .onItem()
                .ifNull()
                .failWith(() -> Refusal.notFound("session"));
    }

    private Uni<StaffViews.OfferView> summaryOf(SessionOffer offer, OrganisationRules rules) {
        return SessionChildcareTotal.<SessionChildcareTotal>findById(offer.sessionId)
                .flatMap(totals -> totals == null
                        ? ChildcareReservationService.reservedChildren(offer.sessionId)
                                .map(children -> summary(offer, rules, children))
                        : SessionChildcareBandTotal.<SessionChildcareBandTotal>list(
                                        "sessionId = ?1 order by position", offer.sessionId)
                                .map(bands -> anonymisedSummary(offer, rules, totals, bands)));
    }

    private StaffViews.OfferView summary(SessionOffer offer, OrganisationRules rules, List<ChildAge> confirmed) {
        ChildcareCapacity capacity = SessionCapacity.of(offer, rules);
        ChildcareSummary summary = capacity.summarise(confirmed);
        // Carers, the ratio table or the cap may have changed after children were confirmed: report, never drop.
        CarerRecount recount = capacity.recountForCarers(confirmed, offer.carers);
        int overCap = capacity.childrenOverCap(confirmed);
        List<StaffViews.BandChildrenView> byBand = summary.childrenByBand().stream()
                .map(band -> new StaffViews.BandChildrenView(band.band().label(), band.children()))
                .toList();
        return view(
                offer,
                capacity,
                places(capacity, confirmed),
                byBand,
                summary.totalChildren(),
                summary.carersNeeded(),
                recount.carersShort(),
                overCap,
                false);
    }

    /** A past session whose bookings were deleted: only the totals kept for it. */
    private StaffViews.OfferView anonymisedSummary(
            SessionOffer offer,
            OrganisationRules rules,
            SessionChildcareTotal totals,
            List<SessionChildcareBandTotal> bands) {
        ChildcareCapacity capacity = SessionCapacity.of(offer, rules);
        List<StaffViews.BandChildrenView> byBand = bands.stream()
                .map(band -> new StaffViews.BandChildrenView(band.ages, band.children))
                .toList();
        return view(
                offer,
                capacity,
                places(capacity, List.of()),
                byBand,
                totals.children,
                totals.carersNeeded,
                Math.max(0, totals.carersNeeded - totals.carers),
                0,
                true);
    }

    private List<StaffViews.BandPlacesView> places(ChildcareCapacity capacity, List<ChildAge> confirmed) {
        return capacity.remaining(confirmed, clock.instant()).byBand().stream()
                .map(band -> new StaffViews.BandPlacesView(band.band().label(), band.morePlaces()))
                .toList();
    }

    private StaffViews.OfferView view(
            SessionOffer offer,
            ChildcareCapacity capacity,
            List<StaffViews.BandPlacesView> places,
            List<StaffViews.BandChildrenView> byBand,
            int totalChildren,
            int carersNeeded,
            int carersShort,
            int childrenOverCap,
            boolean anonymised) {
        OptionalInt cap = capacity.maxChildrenPerSession();
        return new StaffViews.OfferView(
                offer.sessionId,
                offer.status,
                offer.offered,
                offer.minAgeYears,
                offer.maxAgeYears,
                offer.carers,
                offer.deadline == null ? null : offer.deadline.toInstant(),
                offer.maxChildren,
                cap.isPresent() ? cap.getAsInt() : null,
                places,
                byBand,
                totalChildren,
                carersNeeded,
                carersShort,
                childrenOverCap,
                carersShort > 0 || childrenOverCap > 0,
                anonymised);
    }

    private StaffViews.CareSheetView careSheet(
            SessionOffer offer,
            OrganisationRules rules,
            StaffViews.OfferView summary,
            List<ChildcareBooking> bookings,
            List<BookedChild> children) {
        Map<UUID, Integer> familyNumber = new LinkedHashMap<>();
        Map<UUID, String> dropInCode = new java.util.HashMap<>();
        for (ChildcareBooking booking : bookings) {
            familyNumber.put(booking.id, familyNumber.size() + 1);
            if (booking.kind == ChildcareBooking.Kind.DROP_IN) {
                dropInCode.put(booking.id, booking.handoverCode);
            }
        }
        List<StaffViews.CareSheetChild> sheet = new ArrayList<>();
        children.stream()
                .filter(child -> familyNumber.containsKey(child.bookingId))
                .sorted(Comparator.comparingInt((BookedChild child) -> familyNumber.get(child.bookingId))
                        .thenComparingInt(child -> child.position))
                .forEach(child -> sheet.add(new StaffViews.CareSheetChild(
                        familyNumber.get(child.bookingId),
                        child.ageYears,
                        rules.ratios().bandOf(ChildAge.of(child.ageYears)).label(),
                        child.childNickname,
                        child.careNotes,
                        dropInCode.get(child.bookingId))));
        return new StaffViews.CareSheetView(
                offer.sessionId,
                offer.startsAt.toInstant(),
                offer.endsAt == null ? null : offer.endsAt.toInstant(),
                summary,
                sheet);
    }
}
