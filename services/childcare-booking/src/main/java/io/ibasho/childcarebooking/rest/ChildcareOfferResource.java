package io.ibasho.childcarebooking.rest;

import io.ibasho.childcarebooking.service.CareNotesAuditService;
import io.ibasho.childcarebooking.service.StaffViewService;
import io.ibasho.childcarebooking.service.StaffViews;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Staff views of a session's childcare. Organisers get aggregates only; the care sheet with notes is for the
 * organisation's childcare staff. Neither ever shows anything about the mothers.
 */
@Path("/sessions/{sessionId}")
@Produces(MediaType.APPLICATION_JSON)
public class ChildcareOfferResource {
    private final JsonWebToken token;
    private final StaffViewService views;

    public ChildcareOfferResource(JsonWebToken token, StaffViewService views) {
        this.token = token;
        this.views = views;
    }

    @GET
    @RolesAllowed({"organiser", "childcare-staff"})
    @Operation(
            summary = "Childcare of one of the caller's organisation's sessions: places, children by age band, carers")
    public Uni<StaffViews.OfferView> offer(@PathParam("sessionId") UUID sessionId) {
        return views.summary(sessionId, token.getClaim("org"));
    }

    @GET
    @Path("/care-sheet")
    @RolesAllowed("childcare-staff")
    @Operation(
            summary =
                    "The carers' sheet: each child's age, the nickname and notes the mother chose to give;"
                            + " every read is audited, with the optional reason (query parameter reason or header X-Audit-Reason)")
    public Uni<StaffViews.CareSheetView> careSheet(
            @PathParam("sessionId") UUID sessionId,
            @QueryParam("reason") String reason,
            @HeaderParam("X-Audit-Reason") String headerReason) {
        // Every read is audited (who, when, why; never the notes): see CareNotesAuditService.
        return views.careSheet(
                sessionId,
                token.getClaim("org"),
                new CareNotesAuditService.Reader(
                        token.getSubject(),
                        "childcare-staff",
                        CareNotesAuditService.checkedReason(reason, headerReason)));
    }
}
