package io.ibasho.childcarebooking.rest;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;

import io.ibasho.childcarebooking.SessionOffer;
import io.ibasho.childcarebooking.capacity.CarerRatios;
import io.ibasho.childcarebooking.capacity.ChildcareCapacity;
import io.ibasho.childcarebooking.capacity.ChildcareOffer;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Staff view of a session's childcare: facts and places left by age band; never anything about the mothers. */
@Path("/sessions/{sessionId}")
@Produces(MediaType.APPLICATION_JSON)
public class ChildcareOfferResource {
    private final JsonWebToken token;

    public ChildcareOfferResource(JsonWebToken token) {
        this.token = token;
    }

    public record BandPlacesView(String ages, int morePlaces) {
    }

    public record OfferView(UUID sessionId, boolean offered, Integer minAgeYears, Integer maxAgeYears, int carers,
            Instant deadline, List<BandPlacesView> placesLeftByBand) {
    }

    @GET
    @RolesAllowed({ "organiser", "childcare-staff" })
    @WithSession
    @Operation(summary = "The childcare offer of one of the caller's organisation's sessions")
    public Uni<OfferView> offer(@PathParam("sessionId") UUID sessionId) {
        String organisation = token.getClaim("org");
        return SessionOffer.<SessionOffer>find("sessionId = ?1 and organisationId = ?2", sessionId, organisation).firstResult()
                .onItem().ifNull().failWith(() -> ProblemException.notFound("session"))
                .map(ChildcareOfferResource::view);
    }

    private static OfferView view(SessionOffer offer) {
        Instant deadline = offer.deadline != null ? offer.deadline.toInstant() : offer.startsAt.toInstant();
        ChildcareOffer facts = offer.offered && offer.minAgeYears != null && offer.maxAgeYears != null
                ? ChildcareOffer.offered(offer.minAgeYears, offer.maxAgeYears, offer.carers, deadline)
                : ChildcareOffer.notOffered();
        ChildcareCapacity capacity = offer.maxChildren == null
                ? ChildcareCapacity.uncapped(facts, CarerRatios.japaneseNurseryStandard2024())
                : ChildcareCapacity.capped(facts, CarerRatios.japaneseNurseryStandard2024(), offer.maxChildren);
        List<BandPlacesView> bands = capacity.remaining(List.of(), Instant.now()).byBand().stream()
                .map(b -> new BandPlacesView(b.band().label(), b.morePlaces())).toList();
        return new OfferView(offer.sessionId, offer.offered, offer.minAgeYears, offer.maxAgeYears, offer.carers,
                offer.deadline == null ? null : offer.deadline.toInstant(), bands);
    }
}
