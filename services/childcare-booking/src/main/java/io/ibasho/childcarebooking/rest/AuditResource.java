package io.ibasho.childcarebooking.rest;

import io.ibasho.childcarebooking.service.AuditView;
import io.ibasho.childcarebooking.service.CareNotesAuditService;
import io.ibasho.plumbing.refusal.FieldViolation;
import io.ibasho.plumbing.refusal.Refusal;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Who read the care notes of a session. Admins: any session; organisers: their organisation's sessions only. */
@Path("/audit")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"admin", "organiser"})
public class AuditResource {
    private final JsonWebToken token;
    private final SecurityIdentity identity;
    private final CareNotesAuditService audit;

    public AuditResource(JsonWebToken token, SecurityIdentity identity, CareNotesAuditService audit) {
        this.token = token;
        this.identity = identity;
        this.audit = audit;
    }

    @GET
    @Operation(summary = "Reads of a session's care notes: who, when, why; never the notes")
    public Uni<List<AuditView>> entries(@QueryParam("sessionId") String sessionId) {
        UUID session = requiredUuid(sessionId);
        if (identity.hasRole("admin")) {
            return audit.entries(session, null);
        }
        String organisation = token.getClaim("org");
        if (organisation == null || organisation.isBlank()) {
            throw NoOrganisation.problem();
        }
        return audit.entries(session, organisation);
    }

    private static UUID requiredUuid(String value) {
        if (value == null || value.isBlank()) {
            throw Refusal.invalidFields(List.of(new FieldViolation("sessionId", "is required")));
        }
        try {
            return UUID.fromString(value.strip());
        } catch (IllegalArgumentException e) {
            throw Refusal.invalidFields(List.of(new FieldViolation("sessionId", "must be a UUID")));
        }
    }
}
