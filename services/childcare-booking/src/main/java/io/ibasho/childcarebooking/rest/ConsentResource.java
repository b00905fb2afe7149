package io.ibasho.childcarebooking.rest;

import io.ibasho.childcarebooking.service.Consents;
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
            summary = "Withdraw her consent to storing her children's nicknames and care notes (childcare-notes):"
                    + " every nickname and note she gave is deleted")
    public Uni<Consents.Withdrawal> withdraw(@PathParam("purpose") String purpose) {
        return consents.withdraw(token.getSubject(), purpose);
    }
}
