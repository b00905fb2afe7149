package io.ibasho.registration.rest;

import io.ibasho.plumbing.refusal.Refusal;
import io.ibasho.registration.service.SeatAvailability;
import io.ibasho.registration.service.WaitlistCounts;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The public figures on the session cards, for a whole page of sessions in one call, and the organiser's waitlist
 * counts for her dashboard.
 */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public class AvailabilityResource {
    private final SeatAvailability availability;
    private final WaitlistCounts waitlists;
    private final JsonWebToken token;

    public AvailabilityResource(SeatAvailability availability, WaitlistCounts waitlists, JsonWebToken token) {
        this.availability = availability;
        this.waitlists = waitlists;
        this.token = token;
    }

    @GET
    @Path("/availability")
    @PermitAll
    @Operation(
            summary = "Anybody: seats left (first-come) or the number of applications (lottery, before the draw) of up "
                    + "to 50 sessions, as counts only; unknown sessions are left out")
    public Uni<Response> availability(@QueryParam("sessionId") List<String> sessionIds) {
        List<UUID> ids = parse(sessionIds);
        return availability.of(ids).map(figures -> Response.ok(figures)
                // counts change with every booking: a short cache spares the database on busy pages
                .header("Cache-Control", "public, max-age=10")
                .build());
    }

    @GET
    @Path("/waitlist-counts")
    @RolesAllowed("organiser")
    @Operation(
            summary = "Organiser: how many wait and how many seat offers are out (with the earliest deadline) for up to"
                    + " 50 sessions of her own organisation, as counts only; other sessions are left out")
    public Uni<List<WaitlistCounts.Counts>> waitlistCounts(@QueryParam("sessionId") List<String> sessionIds) {
        Object org = token.getClaim("org");
        return waitlists.of(
                parse(sessionIds), org == null ? null : org.toString().replace("\"", ""));
    }

    private static List<UUID> parse(List<String> sessionIds) {
        if (sessionIds == null) {
            return List.of();
        }
        if (sessionIds.size() > SeatAvailability.MAX_SESSIONS) {
            throw Refusal.badRequest(
                    "invalid-session-ids",
                    "Ask for at most " + SeatAvailability.MAX_SESSIONS + " sessions at once (sessionId, repeated).");
        }
        List<UUID> ids = new ArrayList<>(sessionIds.size());
        for (String id : sessionIds) {
            try {
                ids.add(UUID.fromString(id.strip()));
            } catch (IllegalArgumentException e) {
                throw Refusal.badRequest("invalid-session-ids", "Every sessionId must be a session's id (a UUID).");
            }
        }
        return ids;
    }
}
