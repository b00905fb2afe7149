package io.ibasho.notification.rest;

import io.ibasho.notification.service.PreferenceService;
import io.ibasho.plumbing.refusal.Refusal;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Her confirmed address, unmasked, for the one reader that copies it into her Keycloak account so that Keycloak's
 * password reset can mail her (docs/adr/0027): the gateway's account service account, which alone has the realm role
 * {@code confirmed-email-reader}. An address she only asked a code for is never answered, nor one she switched e-mail
 * off for: she may have done so because someone else reads that mailbox, and a reset link there would hand him her
 * account.
 */
@Path("/internal/confirmed-email")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(ConfirmedEmailResource.ROLE)
public class ConfirmedEmailResource {
    public static final String ROLE = "confirmed-email-reader";

    /** {@code address} null: no confirmed address (never set, withdrawn, or only waiting for its code), or e-mail off. */
    public record ConfirmedEmail(String address) {}

    private final PreferenceService preferences;

    public ConfirmedEmailResource(PreferenceService preferences) {
        this.preferences = preferences;
    }

    @GET
    @Path("/{recipientId}")
    @Operation(
            summary = "The address she confirmed with a code and receives e-mail at, or null (the gateway's account"
                    + " service account only)")
    public Uni<ConfirmedEmail> of(@PathParam("recipientId") String recipientId) {
        if (recipientId == null || !recipientId.matches("[0-9a-fA-F-]{36}")) {
            throw Refusal.badRequest("invalid-recipient", "recipientId must be an account id.");
        }
        return preferences
                .of(recipientId)
                .map(preference -> new ConfirmedEmail(preference.wantsEmail() ? preference.emailAddress : null));
    }
}
