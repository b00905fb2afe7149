package io.ibasho.registration.rest;

import io.ibasho.plumbing.refusal.Refusal;
import io.ibasho.registration.service.CourseCounts;
import io.ibasho.registration.service.SeatAvailability;
import io.ibasho.registration.service.SeatCounts;
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
 * The public figures on the session cards (bands, never counts: docs/adr/0086), for a whole page of sessions in one call,
 * and the organiser's seat, waitlist and course counts for her screens.
 */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public class AvailabilityResource {
    private final SeatAvailability availability;
    private final WaitlistCounts waitlists;
    private final CourseCounts courses;
    private final JsonWebToken token;

    public AvailabilityResource(
            SeatAvailability availability, WaitlistCounts waitlists, CourseCounts courses, JsonWebToken token) {
        this.availability = availability;
        this.waitlists = waitlists;
        this.courses = courses;
        this.token = token;
    }

    @GET
    @Path("/availability")
    @PermitAll
    @Operation(
            summary = "Anybody: of up to 50 sessions, the seats as a band (AVAILABLE, FEW, FULL; none for a lottery "
                    + "before its draw), never a count nor the number of applications; unknown sessions are left out")
    public Uni<Response> availability(@QueryParam("sessionId") List<String> sessionIds) {
        List<UUID> ids = parse(sessionIds);
        return availability
                .of(ids)
                .map(figures -> Response.ok(figures)
                        // the same for every caller, so a shared cache may keep it: a short one spares the database
                        .header("Cache-Control", "public, max-age=10")
                        .build());
    }

    @GET
    @Path("/seat-counts")
    @RolesAllowed("organiser")
    @Operation(
            summary =
                    "Organiser: seats left (first-come, or a lottery once drawn) and lottery applications (before the"
                            + " draw) of up to 50 sessions of her own organisation, as counts only; other sessions are left out")
    public Uni<List<SeatCounts>> seatCounts(@QueryParam("sessionId") List<String> sessionIds) {
        Object org = token.getClaim("org");
        return availability.exactOf(
                parse(sessionIds), org == null ? null : org.toString().replace("\"", ""));
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

    @GET
    @Path("/course-counts")
    @RolesAllowed("organiser")
    @Operation(
            summary = "Organiser: for up to 50 courses of her own organisation, places booked of the capacity, lottery"
                    + " applications, how many wait, the offers out (earliest deadline) and each date's seats taken of"
                    + " its capacity, as counts only; other courses are left out")
    public Uni<List<CourseCounts.Counts>> courseCounts(@QueryParam("courseId") List<String> courseIds) {
        Object org = token.getClaim("org");
        return courses.of(
                ids(courseIds, "invalid-course-ids", "courseId", "course", CourseCounts.MAX_COURSES),
                org == null ? null : org.toString().replace("\"", ""));
    }

    private static List<UUID> parse(List<String> sessionIds) {
        return ids(sessionIds, "invalid-session-ids", "sessionId", "session", SeatAvailability.MAX_SESSIONS);
    }

    private static List<UUID> ids(List<String> raw, String problem, String parameter, String what, int most) {
        if (raw == null) {
            return List.of();
        }
        if (raw.size() > most) {
            throw Refusal.badRequest(
                    problem, "Ask for at most " + most + " " + what + "s at once (" + parameter + ", repeated).");
        }
        List<UUID> ids = new ArrayList<>(raw.size());
        for (String id : raw) {
            try {
                ids.add(UUID.fromString(id.strip()));
            } catch (IllegalArgumentException e) {
                throw Refusal.badRequest(problem, "Every " + parameter + " must be a " + what + "'s id (a UUID).");
            }
        }
        return ids;
    }
}
