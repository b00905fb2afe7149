package io.ibasho.event.rest;

import io.ibasho.event.FeedToken;
import io.ibasho.event.mapping.SessionView;
import io.ibasho.event.mapping.VenueMapper;
import io.ibasho.event.mapping.VenueView;
import io.ibasho.event.service.FeedService;
import io.ibasho.event.service.PartnerVisits;
import io.ibasho.event.service.SessionService;
import io.ibasho.event.service.VenueService;
import io.ibasho.plumbing.refusal.Refusal;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.OffsetDateTime;
import java.util.List;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * For partner organisations (role partner, claim partner_group): the schedule of the venues linked to their group.
 * The same public views: no attendee data, no address that is not PUBLIC, no meeting link.
 */
@Path("/partner")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("partner")
@Tag(name = "partner")
public class PartnerResource {
    static final int MAX_SESSIONS = 500;

    private final SessionService sessions;
    private final VenueService venues;
    private final FeedService feeds;
    private final PartnerVisits visits;
    private final OrganiserContext organisation;
    private final JsonWebToken token;

    public PartnerResource(
            SessionService sessions,
            VenueService venues,
            FeedService feeds,
            PartnerVisits visits,
            OrganiserContext organisation,
            JsonWebToken token) {
        this.sessions = sessions;
        this.venues = venues;
        this.feeds = feeds;
        this.visits = visits;
        this.organisation = organisation;
        this.token = token;
    }

    /**
     * The group rotates its own private feed (its venues of the organisation it belongs to) when the URL leaked: the
     * same rotation an organiser can make for the group (FeedResource), without waiting for her.
     */
    @POST
    @Path("/feed/rotate")
    @Operation(
            summary =
                    "New secret URL for the partner group's own feed of its organisation's linked venues; the old URL stops working")
    public Uni<FeedResource.FeedUrl> rotateFeed() {
        return feeds.rotate(organisation.organisationId(), FeedToken.Scope.PARTNER_GROUP, partnerGroup())
                .map(FeedResource::url);
    }

    @GET
    @Path("/sessions")
    @Operation(
            summary =
                    "Upcoming sessions at the partner group's venues, or all changed since a time (cancellations included)")
    public Uni<List<SessionView>> sessions(@QueryParam("changedSince") String changedSince) {
        OffsetDateTime since = TimeParams.parse("changedSince", changedSince);
        return sessions.partnerSchedule(partnerGroup(), since, MAX_SESSIONS).map(SessionResource::views);
    }

    /** When her previous visit began: her schedule's "changes since your last visit" start there. */
    public record Visit(OffsetDateTime previousVisitAt) {}

    @POST
    @Path("/visits")
    @Operation(
            summary =
                    "Record that this partner account looks at its schedule now; answers when its previous visit began"
                            + " (null on the first), for \"changes since your last visit\". Requests within 30 minutes of a"
                            + " visit's start belong to it")
    public Uni<Visit> visit() {
        String group = partnerGroup();
        String subject = token.getSubject();
        if (subject == null || subject.isBlank()) {
            throw Refusal.forbidden("no-subject", "Your token names no account.");
        }
        return visits.visit(subject, group).map(Visit::new);
    }

    @GET
    @Path("/venues")
    @Operation(summary = "The venues linked to the partner group")
    public Uni<List<VenueView>> venues() {
        return venues.linkedTo(partnerGroup())
                .map(list -> list.stream().map(VenueMapper::toPublicView).toList());
    }

    private String partnerGroup() {
        String group = token.getClaim("partner_group");
        if (group == null || !group.matches("[a-z0-9][a-z0-9-]{0,39}")) {
            throw Refusal.forbidden("no-partner-group", "Your account is not linked to a partner group.");
        }
        return group;
    }
}
