package io.ibasho.childcarebooking.rest;

import io.ibasho.childcarebooking.service.OrganisationRatiosService;
import io.ibasho.childcarebooking.service.RatioTableRequest;
import io.ibasho.childcarebooking.service.RatioTableView;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The caller's own organisation's carer ratio table and cap. "mine" is the only organisation there is to name: it
 * comes from the token's {@code org} claim, so nobody can read or change another organisation's settings.
 */
@Path("/organisations/mine/ratios")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("organiser")
public class OrganisationRatiosResource {
    private final JsonWebToken token;
    private final OrganisationRatiosService ratios;

    public OrganisationRatiosResource(JsonWebToken token, OrganisationRatiosService ratios) {
        this.token = token;
        this.ratios = ratios;
    }

    @GET
    @Operation(
            summary =
                    "The ratio table and cap that apply to the organisation's sessions (the 2024 standard if none set)")
    public Uni<RatioTableView> read() {
        return ratios.read(organisation());
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replace the organisation's ratio table and cap; lists upcoming sessions that no longer fit")
    public Uni<RatioTableView> replace(@NotNull RatioTableRequest request) {
        return ratios.replace(organisation(), request);
    }

    @DELETE
    @Operation(summary = "Back to the 2024 standard and no cap of the organisation's own")
    public Uni<RatioTableView> reset() {
        return ratios.reset(organisation());
    }

    private String organisation() {
        String organisation = token.getClaim("org");
        if (organisation == null || organisation.isBlank()) {
            throw NoOrganisation.problem();
        }
        return organisation;
    }
}
