package io.ibasho.notification.rest;

import io.ibasho.notification.service.Consents;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Her consents held by this service (issue #18): only ever her own, the subject is the token's. */
@Path("/me/consents")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("attendee")
public class ConsentResource {
    private final Consents consents;
    private final JsonWebToken token;

    public ConsentResource(Consents consents, JsonWebToken token) {
        this.consents = consents;
        this.token = token;
    }

    @POST
    @Path("/{purpose}/withdrawal")
    @Operation(
            summary = "Withdraw her consent to messages by e-mail (email-channel: her address is removed and nothing"
                    + " more is mailed to it) or through LINE (line-channel: LINE is unlinked)")
    public Uni<Consents.Withdrawal> withdraw(@PathParam("purpose") String purpose) {
        return consents.withdraw(token.getSubject(), purpose);
    }
}
