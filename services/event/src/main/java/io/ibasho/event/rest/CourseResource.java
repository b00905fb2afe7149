package io.ibasho.event.rest;

import io.ibasho.event.mapping.CourseView;
import io.ibasho.event.service.CourseRequest;
import io.ibasho.event.service.CourseService;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Courses (全6回): one offer listing its dates, booked as one in registration. */
@Path("/courses")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "courses")
public class CourseResource {
    private final CourseService courses;
    private final OrganiserContext organiser;

    public CourseResource(CourseService courses, OrganiserContext organiser) {
        this.courses = courses;
        this.organiser = organiser;
    }

    @GET
    @PermitAll
    @Operation(summary = "Published courses whose dates are still ahead (public, no login), each with its dates")
    public Uni<List<CourseView>> upcoming() {
        return courses.upcoming();
    }

    @GET
    @Path("/{id}")
    @PermitAll
    @Operation(summary = "One published course with its dates (public, no login)")
    public Uni<CourseView> published(@PathParam("id") UUID id) {
        return courses.published(id);
    }

    @GET
    @Path("/mine")
    @RolesAllowed("organiser")
    @Operation(summary = "Her organisation's courses")
    public Uni<List<CourseView>> mine() {
        return courses.own(organiser.organisationId());
    }

    @POST
    @RolesAllowed("organiser")
    @Operation(
            summary = "Make and publish a course from chosen published first-come sessions of her organisation, or "
                    + "from the upcoming sessions of one series: a title, a capacity for the whole course, its dates")
    public Uni<Response> create(@NotNull(message = "a JSON body is required") @Valid CourseRequest request) {
        return courses.create(organiser.organisationId(), request)
                .map(created -> Response.created(URI.create("/api/events/courses/" + created.id()))
                        .entity(created)
                        .build());
    }

    @PUT
    @Path("/{id}")
    @RolesAllowed("organiser")
    @Operation(
            summary = "Change a course of her organisation: titles and description always; the capacity may grow; a"
                    + " lottery's closing may move later while open. Dates and allocation are fixed (409), as the body"
                    + " of POST with the same sessionIds (or none) and allocation (or none)")
    public Uni<CourseView> update(
            @PathParam("id") UUID id, @NotNull(message = "a JSON body is required") @Valid CourseRequest request) {
        return courses.update(organiser.organisationId(), id, request);
    }
}
