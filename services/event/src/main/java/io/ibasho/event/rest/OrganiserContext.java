package io.ibasho.event.rest;

import io.ibasho.plumbing.refusal.Refusal;
import jakarta.enterprise.context.RequestScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** The organisation the caller acts for, from the token's {@code org} claim (set in Keycloak by an admin). */
@RequestScoped
public class OrganiserContext {
    private final JsonWebToken token;

    public OrganiserContext(JsonWebToken token) {
        this.token = token;
    }

    public String organisationId() {
        String organisation = token.getClaim("org");
        if (organisation == null || organisation.isBlank()) {
            throw Refusal.forbidden("no-organisation", "Your account is not a member of an organisation.");
        }
        return organisation;
    }
}
