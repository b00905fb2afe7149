package io.ibasho.notification.rest;

import io.ibasho.notification.service.TalkRequests;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Consultation staff of one organisation (role {@code consultation}, organisation from the token's {@code org}): its
 * requests to talk, and nobody else's; another organisation's request is 404. Every read and change is audited.
 * Organisers, carers, partners and funders have no way in (docs/security.md).
 */
@Path("/consultation/requests")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("consultation")
public class ConsultationResource {
    private final TalkRequests requests;
    private final JsonWebToken token;

    public ConsultationResource(TalkRequests requests, JsonWebToken token) {
        this.requests = requests;
        this.token = token;
    }

    @GET
    @Operation(summary = "The organisation's requests that are not closed, oldest first (audited)")
    public Uni<List<TalkRequests.View>> open() {
        return requests.open(organisation(), token.getSubject());
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One request of the organisation (audited)")
    public Uni<TalkRequests.View> read(@PathParam("id") UUID id) {
        return requests.read(organisation(), token.getSubject(), id);
    }

    @POST
    @Path("/{id}/acknowledge")
    @Operation(summary = "Tell her, in neutral words and through the way she chose, that she will be contacted")
    public Uni<TalkRequests.View> acknowledge(@PathParam("id") UUID id) {
        return requests.acknowledge(organisation(), token.getSubject(), id);
    }

    @POST
    @Path("/{id}/close")
    @Operation(summary = "Close the request; it is deleted retention.talk-requests later")
    public Uni<TalkRequests.View> close(@PathParam("id") UUID id) {
        return requests.close(organisation(), token.getSubject(), id);
    }

    private String organisation() {
        return organisationOf(token);
    }

    /** The staff member's organisation, from the token's {@code org} claim. */
    static String organisationOf(JsonWebToken token) {
        Object org = token.getClaim("org");
        return org == null ? null : org.toString().replace("\"", "");
    }
}
