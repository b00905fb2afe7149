package io.ibasho.notification.rest;

import io.ibasho.notification.service.TalkOrganisations;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The organisations by public name (public, like the places to turn to): a woman reads who she could ask to talk to
 * without an account or a trace of one. Names and whether they read requests now; nothing about anyone.
 */
@Path("/organisations")
@Produces(MediaType.APPLICATION_JSON)
@PermitAll
public class OrganisationResource {
    private final TalkOrganisations organisations;

    public OrganisationResource(TalkOrganisations organisations) {
        this.organisations = organisations;
    }

    @GET
    @Operation(summary = "Organisations by public name, and whether each reads requests to talk now (public)")
    public Uni<List<TalkOrganisations.Listed>> list() {
        return organisations.listed();
    }
}
