package io.ibasho.event.rest;

import io.ibasho.event.FeedToken;
import io.ibasho.event.service.FeedService;
import io.ibasho.plumbing.refusal.Refusal;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** RFC 5545 feeds for calendar apps. Secret feed URLs carry a 256-bit token; an organiser rotates it. */
@Path("/feeds")
@Tag(name = "feeds")
public class FeedResource {
    static final String TEXT_CALENDAR = "text/calendar; charset=utf-8";

    private final FeedService feeds;
    private final OrganiserContext organiser;

    public FeedResource(FeedService feeds, OrganiserContext organiser) {
        this.feeds = feeds;
        this.organiser = organiser;
    }

    public record FeedUrl(String url, String note) {}

    @GET
    @Path("/venues/{venueId}.ics")
    @PermitAll
    @Produces(TEXT_CALENDAR)
    @Operation(summary = "A venue's public feed (LOCATION only when the venue's address is PUBLIC)")
    public Uni<Response> venue(@PathParam("venueId") String venueId) {
        UUID id;
        try {
            id = UUID.fromString(venueId);
        } catch (IllegalArgumentException e) {
            throw Refusal.notFound("venue");
        }
        return feeds.venueFeed(id).map(FeedResource::calendar);
    }

    @GET
    @Path("/private/{token}.ics")
    @PermitAll
    @Produces(TEXT_CALENDAR)
    @Operation(summary = "An organisation's or a partner group's feed, behind its secret token")
    public Uni<Response> secret(@PathParam("token") String token) {
        if (!token.matches("[A-Za-z0-9_-]{43}")) {
            throw Refusal.notFound("feed");
        }
        return feeds.tokenFeed(token).map(FeedResource::calendar);
    }

    @POST
    @Path("/organisation/rotate")
    @RolesAllowed("organiser")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "New secret URL for the organisation's feed; the old URL stops working")
    public Uni<FeedUrl> rotateOrganisation() {
        return feeds.rotate(organiser.organisationId(), FeedToken.Scope.ORGANISATION, null)
                .map(FeedResource::url);
    }

    @POST
    @Path("/partner-groups/{group}/rotate")
    @RolesAllowed("organiser")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary =
                    "New secret URL for a partner group's feed of the organisation's linked venues; the old URL stops working")
    public Uni<FeedUrl> rotatePartnerGroup(@PathParam("group") String group) {
        if (!group.matches("[a-z0-9][a-z0-9-]{0,39}")) {
            throw Refusal.badRequest("invalid-parameter", "partner group ids are lower-case letters, digits and '-'");
        }
        return feeds.rotate(organiser.organisationId(), FeedToken.Scope.PARTNER_GROUP, group)
                .map(FeedResource::url);
    }

    static FeedUrl url(String token) {
        return new FeedUrl(
                "/api/events/feeds/private/" + token + ".ics",
                "Shown once: keep it like a password. Rotating issues a new URL and the old one stops working.");
    }

    private static Response calendar(String body) {
        // Feeds are re-read by calendar apps; do not let shared caches keep a cancelled session's old state.
        return Response.ok(body, TEXT_CALENDAR)
                .header("Cache-Control", "no-store")
                .build();
    }
}
