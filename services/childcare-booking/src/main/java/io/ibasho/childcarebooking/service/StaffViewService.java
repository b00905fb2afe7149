package io.ibasho.childcarebooking.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.ibasho.childcarebooking.BookedChild;
import io.ibasho.childcarebooking.ChildcareBooking;
import io.ibasho.childcarebooking.SessionOffer;
import io.ibasho.childcarebooking.capacity.CarerRecount;
import io.ibasho.childcarebooking.capacity.ChildAge;
import io.ibasho.childcarebooking.capacity.ChildcareCapacity;
import io.ibasho.childcarebooking.capacity.ChildcareSummary;
import io.ibasho.childcarebooking.mapping.SessionCapacity;
import io.ibasho.childcarebooking.rest.ProblemException;
import io.ibasho.childcarebooking.rest.StaffViews;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Builds the staff views of a session of the caller's organisation; another organisation's session is 404, exactly
 * like a missing one.
 */
@ApplicationScoped
public class StaffViewService {

    @WithSession
    public Uni<StaffViews.OfferView> summary(UUID sessionId, String organisationId) {
        return offerOf(sessionId, organisationId)
                .flatMap(offer -> ChildcareReservationService.reservedChildren(sessionId)
                        .map(children -> summary(offer, children)));
    }

    @WithSession
    public Uni<StaffViews.CareSheetView> careSheet(UUID sessionId, String organisationId) {
        return offerOf(sessionId, organisationId).flatMap(offer -> ChildcareBooking.<ChildcareBooking>list(
                        "sessionId = ?1 and status = ?2 order by createdAt", sessionId, ChildcareBooking.Status.RESERVED)
                .flatMap(bookings -> BookedChild.<BookedChild>list(
                                "bookingId in (select b.id from ChildcareBooking b where b.sessionId = ?1 and b.status = ?2)",
                                sessionId, ChildcareBooking.Status.RESERVED)
                        .map(children -> careSheet(offer, bookings, children))));
    }

    private static Uni<SessionOffer> offerOf(UUID sessionId, String organisationId) {
        return SessionOffer.<SessionOffer>find("sessionId = ?1 and organisationId = ?2", sessionId, organisationId)
                .firstResult()
                .onItem().ifNull().failWith(() -> ProblemException.notFound("session"));
    }

    private static StaffViews.OfferView summary(SessionOffer offer, List<ChildAge> confirmed) {
        ChildcareCapacity capacity = SessionCapacity.of(offer);
        ChildcareSummary summary = capacity.summarise(confirmed);
        // Carers may have been reduced after children were confirmed: report the shortfall, never drop anyone.
        CarerRecount recount = capacity.recountForCarers(confirmed, offer.carers);
        List<StaffViews.BandPlacesView> places = capacity.remaining(confirmed, Instant.now()).byBand().stream()
                .map(band -> new StaffViews.BandPlacesView(band.band().label(), band.morePlaces())).toList();
        List<StaffViews.BandChildrenView> byBand = summary.childrenByBand().stream()
                .map(band -> new StaffViews.BandChildrenView(band.band().label(), band.children())).toList();
        return new StaffViews.OfferView(offer.sessionId, offer.status, offer.offered, offer.minAgeYears,
                offer.maxAgeYears, offer.carers, offer.deadline == null ? null : offer.deadline.toInstant(),
                offer.maxChildren, places, byBand, summary.totalChildren(), summary.carersNeeded(),
                recount.carersShort(), !recount.allConfirmedFit());
    }

    private static StaffViews.CareSheetView careSheet(SessionOffer offer, List<ChildcareBooking> bookings,
            List<BookedChild> children) {
        Map<UUID, Integer> familyNumber = new LinkedHashMap<>();
        for (ChildcareBooking booking : bookings) {
            familyNumber.put(booking.id, familyNumber.size() + 1);
        }
        ChildcareCapacity capacity = SessionCapacity.of(offer);
        List<StaffViews.CareSheetChild> sheet = new ArrayList<>();
        children.stream()
                .filter(child -> familyNumber.containsKey(child.bookingId))
                .sorted(Comparator.comparingInt((BookedChild child) -> familyNumber.get(child.bookingId))
                        .thenComparingInt(child -> child.position))
                .forEach(child -> sheet.add(new StaffViews.CareSheetChild(familyNumber.get(child.bookingId),
                        child.ageYears, capacity.ratios().bandOf(ChildAge.of(child.ageYears)).label(),
                        child.childNickname, child.careNotes)));
        List<ChildAge> confirmed = children.stream().map(child -> ChildAge.of(child.ageYears)).toList();
        return new StaffViews.CareSheetView(offer.sessionId, offer.startsAt.toInstant(),
                offer.endsAt == null ? null : offer.endsAt.toInstant(), summary(offer, confirmed), sheet);
    }
}
