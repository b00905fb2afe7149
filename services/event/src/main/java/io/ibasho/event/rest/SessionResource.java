package io.ibasho.event.rest;

import java.net.URI;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.ibasho.event.mapping.SessionMapper;
import io.ibasho.event.service.SessionService;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

@Path("/sessions")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "sessions")
public class SessionResource {
    private final SessionService sessions;
    private final OrganiserContext organiser;

    public SessionResource(SessionService sessions, OrganiserContext organiser) {
        this.sessions = sessions;
        this.organiser = organiser;
    }

    @GET
    @PermitAll
    @Operation(summary = "Upcoming published sessions (public, no login)")
    public Uni<List<SessionView>> upcoming(@QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("20") @Min(1) @Max(100) int size) {
        return sessions.upcoming(OffsetDateTime.now(ZoneOffset.UTC), page, size)
                .map(list -> list.stream().map(SessionMapper::toView).toList());
    }

    @GET
    @Path("/{id}")
    @PermitAll
    @Operation(summary = "A published session's public details")
    public Uni<SessionView> published(@PathParam("id") UUID id) {
        return sessions.publishedSession(id).map(SessionMapper::toView);
    }

    @POST
    @RolesAllowed("organiser")
    @Operation(summary = "Create a draft session for the caller's organisation")
    public Uni<Response> create(@NotNull(message = "a JSON body is required") @Valid SessionRequest request) {
        return sessions.createDraft(SessionMapper.toEntity(request, organiser.organisationId()))
                .map(created -> Response.created(URI.create("/api/events/sessions/" + created.id))
                        .entity(SessionMapper.toView(created)).build());
    }

    @POST
    @Path("/{id}/publish")
    @RolesAllowed("organiser")
    @Operation(summary = "Publish a draft: announces EventPublished to the other services")
    public Uni<SessionView> publish(@PathParam("id") UUID id) {
        return sessions.publish(organiser.organisationId(), id).map(SessionMapper::toView);
    }
}
