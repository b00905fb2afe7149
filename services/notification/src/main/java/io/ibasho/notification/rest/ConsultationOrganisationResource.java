package io.ibasho.notification.rest;

import io.ibasho.notification.service.TalkOrganisations;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Consultation staff describe their own organisation (from the token's {@code org}) for the public list: its public
 * name, and whether they read requests to talk now. Nobody else can: an organisation without consultation staff is
 * never offered to her.
 */
@Path("/consultation/organisation")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("consultation")
public class ConsultationOrganisationResource {
    public record OrganisationBody(
            @Size(max = 200) String nameJa, @Size(max = 200) String nameEn, Boolean accepting) {}

    private final TalkOrganisations organisations;
    private final JsonWebToken token;

    public ConsultationOrganisationResource(TalkOrganisations organisations, JsonWebToken token) {
        this.organisations = organisations;
        this.token = token;
    }

    @GET
    @Operation(summary = "The caller's organisation as the public list shows it (empty names before it is described)")
    public Uni<TalkOrganisations.Listed> own() {
        return organisations.own(ConsultationResource.organisationOf(token));
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Set the caller's organisation's public names and whether requests to talk are read now")
    public Uni<TalkOrganisations.Listed> describe(@NotNull(message = "a JSON body is required") OrganisationBody body) {
        return organisations.describe(
                ConsultationResource.organisationOf(token),
                token.getSubject(),
                new TalkOrganisations.Description(body.nameJa(), body.nameEn(), body.accepting()));
    }
}
