package io.ibasho.gateway;

import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.oidc.Tenant;
import io.quarkus.oidc.TenantIdentityProvider;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

/**
 * Who a bearer token really speaks for, for the per-person rate limits only: its signature is checked against the
 * realm's keys, which quarkus-oidc fetched once and keeps (tenant "bearer", service type, no introspection: a made-up
 * token never makes the gateway call Keycloak). The services still verify every token themselves; this answer only
 * decides whose bucket a request is counted in. Unverifiable tokens (forged, expired, foreign) have no person.
 */
@ApplicationScoped
public class BearerIdentities {
    private static final Logger LOG = Logger.getLogger(BearerIdentities.class);

    @Inject
    @Tenant("bearer")
    TenantIdentityProvider verifier;

    /** @return the verified {@code sub}, or empty for a missing, unreadable, forged or expired token (never a failure) */
    public Uni<Optional<String>> verifiedSubject(String bearerToken) {
        if (bearerToken == null || bearerToken.isBlank()) {
            return Uni.createFrom().item(Optional.empty());
        }
        return verifier.authenticate(new AccessTokenCredential(bearerToken))
                .map(identity -> identity.getPrincipal() instanceof JsonWebToken jwt
                        ? Optional.ofNullable(jwt.getSubject())
                        : Optional.<String>empty())
                .map(sub -> sub.filter(s -> !s.isBlank()))
                .onFailure()
                .recoverWithItem(failure -> {
                    LOG.debugf(
                            "bearer token not verified: %s", failure.getClass().getSimpleName());
                    return Optional.empty();
                });
    }

    /** The verified token itself (its claims), or empty for a missing, forged or expired one (never a failure). */
    public Uni<Optional<JsonWebToken>> verifiedToken(String bearerToken) {
        if (bearerToken == null || bearerToken.isBlank()) {
            return Uni.createFrom().item(Optional.empty());
        }
        return verifier.authenticate(new AccessTokenCredential(bearerToken))
                .map(identity -> identity.getPrincipal() instanceof JsonWebToken jwt
                        ? Optional.of(jwt)
                        : Optional.<JsonWebToken>empty())
                .onFailure()
                .recoverWithItem(failure -> Optional.empty());
    }

    /** The bearer token of an Authorization header, or null. */
    public static String bearerToken(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String token = authorization.substring(7).trim();
        return token.isEmpty() ? null : token;
    }
}
