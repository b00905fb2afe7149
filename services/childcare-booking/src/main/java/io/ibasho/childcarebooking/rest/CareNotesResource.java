package io.ibasho.childcarebooking.rest;

import io.ibasho.childcarebooking.service.CareNotesRequest;
import io.ibasho.childcarebooking.service.CareNotesService;
import io.ibasho.childcarebooking.service.CareNotesView;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The mother's own care notes for her reserved childcare; only she can read or write them here. */
@Path("/bookings/{registrationId}/notes")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("attendee")
public class CareNotesResource {
    private final JsonWebToken token;
    private final CareNotesService notes;

    public CareNotesResource(JsonWebToken token, CareNotesService notes) {
        this.token = token;
        this.notes = notes;
    }

    @GET
    @Operation(summary = "Her own care notes")
    public Uni<CareNotesView> read(@PathParam("registrationId") UUID registrationId) {
        return notes.read(registrationId, token.getSubject());
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replace the care notes of all her children (children not listed have theirs removed)")
    public Uni<CareNotesView> replace(
            @PathParam("registrationId") UUID registrationId, @NotNull @Valid CareNotesRequest request) {
        return notes.write(registrationId, token.getSubject(), request, CareNotesService.Mode.REPLACE_ALL);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change the care notes of the children listed; a missing field is kept, an empty one removed")
    public Uni<CareNotesView> update(
            @PathParam("registrationId") UUID registrationId, @NotNull @Valid CareNotesRequest request) {
        return notes.write(registrationId, token.getSubject(), request, CareNotesService.Mode.UPDATE_LISTED);
    }
}
