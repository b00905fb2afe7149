package io.ibasho.childcarebooking.rest;

import io.ibasho.childcarebooking.service.DropInChildcareRequest;
import io.ibasho.childcarebooking.service.DropInChildcareService;
import io.ibasho.childcarebooking.service.DropInChildcareView;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** 託児 alone at a drop-in session: she reserves, reads and cancels her own; nobody else sees them here. */
@Path("/drop-in-childcare")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("attendee")
public class DropInChildcareResource {
    private final JsonWebToken token;
    private final DropInChildcareService dropIns;

    public DropInChildcareResource(JsonWebToken token, DropInChildcareService dropIns) {
        this.token = token;
        this.dropIns = dropIns;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary =
                    "Reserve childcare at a drop-in session (no seat is booked); one reservation per session at a time")
    public Uni<Response> reserve(@NotNull(message = "a JSON body is required") @Valid DropInChildcareRequest request) {
        return dropIns.reserve(token.getSubject(), request)
                .map(view -> Response.status(Response.Status.CREATED)
                        // relative, as the gateway serves it: never this service's own host
                        .header("Location", "/api/childcare/drop-in-childcare/" + view.id())
                        .entity(view)
                        .build());
    }

    @GET
    @Path("/mine")
    @Operation(summary = "Her drop-in childcare reservations that still hold")
    public Uni<List<DropInChildcareView>> mine() {
        return dropIns.mine(token.getSubject());
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One of her drop-in childcare reservations")
    public Uni<DropInChildcareView> one(@PathParam("id") UUID id) {
        return dropIns.one(id, token.getSubject());
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Cancel one of her drop-in childcare reservations; the places go back at once")
    public Uni<Void> cancel(@PathParam("id") UUID id) {
        return dropIns.cancel(id, token.getSubject());
    }
}
