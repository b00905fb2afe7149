package io.ibasho.event.rest;

import io.ibasho.event.mapping.OrganiserVenueView;
import io.ibasho.event.mapping.VenueMapper;
import io.ibasho.event.mapping.VenueView;
import io.ibasho.event.service.VenueRequest;
import io.ibasho.event.service.VenueService;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/venues")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "venues")
public class VenueResource {
    private final VenueService venues;
    private final OrganiserContext organiser;

    public VenueResource(VenueService venues, OrganiserContext organiser) {
        this.venues = venues;
        this.organiser = organiser;
    }

    @GET
    @PermitAll
    @Operation(summary = "Venues (public): never an address that is not PUBLIC")
    public Uni<List<VenueView>> list(
            @QueryParam("organisation") String organisationId,
            @QueryParam("area") String area,
            @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(100) int size) {
        return venues.all(organisationId, area, page, size)
                .map(list -> list.stream().map(VenueMapper::toPublicView).toList());
    }

    @GET
    @Path("/{id}")
    @PermitAll
    @Operation(summary = "A venue's public details")
    public Uni<VenueView> venue(@PathParam("id") UUID id) {
        return venues.any(id).map(VenueMapper::toPublicView);
    }

    @GET
    @Path("/mine")
    @RolesAllowed("organiser")
    @Operation(summary = "The caller's organisation's venues, with addresses and partner links")
    public Uni<List<OrganiserVenueView>> mine() {
        return venues.ownVenues(organiser.organisationId())
                .map(list -> list.stream().map(VenueMapper::toOrganiserView).toList());
    }

    @GET
    @Path("/{id}/manage")
    @RolesAllowed("organiser")
    @Operation(summary = "One of the caller's organisation's venues, in full")
    public Uni<OrganiserVenueView> manage(@PathParam("id") UUID id) {
        return venues.own(organiser.organisationId(), id).map(VenueMapper::toOrganiserView);
    }

    @POST
    @RolesAllowed("organiser")
    @Operation(summary = "Create a venue for the caller's organisation")
    public Uni<Response> create(@NotNull(message = "a JSON body is required") @Valid VenueRequest request) {
        return venues.create(organiser.organisationId(), request)
                .map(created -> Response.created(URI.create("/api/events/venues/" + created.id))
                        .entity(VenueMapper.toOrganiserView(created))
                        .build());
    }

    @PUT
    @Path("/{id}")
    @RolesAllowed("organiser")
    @Operation(summary = "Replace a venue's details")
    public Uni<OrganiserVenueView> update(
            @PathParam("id") UUID id, @NotNull(message = "a JSON body is required") @Valid VenueRequest request) {
        return venues.update(organiser.organisationId(), id, request).map(VenueMapper::toOrganiserView);
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed("organiser")
    @Operation(summary = "Delete an unused venue (409 while sessions or series use it)")
    public Uni<Response> delete(@PathParam("id") UUID id) {
        return venues.delete(organiser.organisationId(), id)
                .map(ignored -> Response.noContent().build());
    }
}
