package io.ibasho.event.service;

import io.ibasho.contracts.EventTypes;
import io.ibasho.event.Session;
import io.ibasho.event.Venue;
import io.ibasho.event.mapping.VenueEvents;
import io.ibasho.event.mapping.VenueMapper;
import io.ibasho.event.repository.VenueLocks;
import io.ibasho.plumbing.outbox.Outbox;
import io.ibasho.plumbing.refusal.Refusal;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * Venues of an organisation; another organisation's venue is 404, never 403. Every save and deletion writes
 * VenueChanged in its transaction, so notification knows which partner groups may follow the venue (and hear about it)
 * as soon as the organiser links or unlinks them, not only at the venue's next session event.
 */
@ApplicationScoped
public class VenueService {
    private final Outbox outbox;
    private final Clock clock;

    public VenueService(Outbox outbox, Clock clock) {
        this.outbox = outbox;
        this.clock = clock;
    }

    @WithTransaction
    public Uni<Venue> create(String organisationId, VenueRequest request) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        Venue venue = new Venue();
        venue.id = UUID.randomUUID();
        venue.organisationId = organisationId;
        VenueMapper.apply(request, venue);
        venue.createdAt = now;
        venue.updatedAt = now;
        return venue.<Venue>persist().call(saved -> announce(VenueEvents.saved(saved)));
    }

    /**
     * The row is locked before anything else (docs/adr/0082): a session announcing the venue's groups at this moment
     * either commits first, and this save's VenueChanged is later, or waits and states the groups saved here.
     */
    @WithTransaction
    public Uni<Venue> update(String organisationId, UUID venueId, VenueRequest request) {
        return ownForChange(organisationId, venueId)
                .map(venue -> {
                    VenueMapper.apply(request, venue);
                    venue.updatedAt = OffsetDateTime.now(clock);
                    return venue;
                })
                .call(venue -> announce(VenueEvents.saved(venue)));
    }

    /** A venue that sessions or series use stays: their history and bookings point at it. Locked as for a save. */
    @WithTransaction
    public Uni<Void> delete(String organisationId, UUID venueId) {
        return ownForChange(organisationId, venueId)
                .flatMap(venue -> Session.count("venueId", venueId)
                        .flatMap(sessions -> io.ibasho.event.SessionSeries.count("venueId", venueId)
                                .map(series -> sessions + series))
                        .flatMap(uses -> uses > 0
                                ? Uni.createFrom()
                                        .failure(Refusal.conflict(
                                                "venue-in-use",
                                                "Sessions or series use this venue; move or cancel them first (" + uses
                                                        + " in use)."))
                                : venue.delete().call(() -> announce(VenueEvents.deleted(venue)))));
    }

    private Uni<Void> announce(VenueEvents.VenueChanged change) {
        return outbox.append(EventTypes.VENUE_CHANGED, UUID.fromString(change.venueId()), change);
    }

    private static Uni<Venue> ownForChange(String organisationId, UUID venueId) {
        return VenueLocks.forChange(organisationId, venueId)
                .onItem()
                .ifNull()
                .failWith(() -> Refusal.notFound("venue"));
    }

    @WithSession
    public Uni<Venue> own(String organisationId, UUID venueId) {
        return Venue.<Venue>find("id = ?1 and organisationId = ?2", venueId, organisationId)
                .firstResult()
                .onItem()
                .ifNull()
                .failWith(() -> Refusal.notFound("venue"));
    }

    @WithSession
    public Uni<List<Venue>> ownVenues(String organisationId) {
        return Venue.list("organisationId = ?1 order by nameJa, id", organisationId);
    }

    @WithSession
    public Uni<Venue> any(UUID venueId) {
        return Venue.<Venue>findById(venueId).onItem().ifNull().failWith(() -> Refusal.notFound("venue"));
    }

    @WithSession
    public Uni<List<Venue>> all(String organisationId, String area, int page, int size) {
        StringBuilder query = new StringBuilder("1 = 1");
        var parameters = new io.quarkus.panache.common.Parameters();
        if (organisationId != null) {
            query.append(" and organisationId = :org");
            parameters.and("org", organisationId);
        }
        if (area != null) {
            query.append(" and area = :area");
            parameters.and("area", area);
        }
        query.append(" order by nameJa, id");
        return Venue.<Venue>find(query.toString(), parameters).page(page, size).list();
    }

    @WithSession
    public Uni<List<Venue>> linkedTo(String partnerGroup) {
        return Venue.list(
                "partnerGroupsJson like ?1 order by nameJa, id", VenueMapper.partnerGroupPattern(partnerGroup));
    }
}
