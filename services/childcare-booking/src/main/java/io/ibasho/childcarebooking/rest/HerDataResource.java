package io.ibasho.childcarebooking.rest;

import io.ibasho.childcarebooking.service.HerData;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Her data export's part from this service (issue #18): only ever her own, the subject is the token's. */
@Path("/me/data")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("attendee")
public class HerDataResource {
    private final HerData herData;
    private final JsonWebToken token;

    public HerDataResource(HerData herData, JsonWebToken token) {
        this.herData = herData;
        this.token = token;
    }

    @GET
    @Operation(
            summary = "Everything this service holds about her: childcare bookings, children's ages, nicknames, notes")
    public Uni<HerData.Export> data() {
        return herData.export(token.getSubject());
    }
}
