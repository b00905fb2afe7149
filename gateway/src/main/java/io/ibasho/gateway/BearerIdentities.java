package io.ibasho.gateway;

import io.ibasho.tokenmemory.VerifiedTokenMemory;
import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.oidc.Tenant;
import io.quarkus.oidc.TenantIdentityProvider;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
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

    /** The gateway's clock (GatewayClock): a remembered token is forgotten at its own {@code exp}. */
    @Inject
    Clock clock;

    private final VerifiedTokenMemory<TokenClaims> verifiedTokens =
            new VerifiedTokenMemory<>(10_000, () -> clock.millis());

    /** Hits and misses of the verified-token memory: counts only, nothing of a token or a person. */
    void registerMetrics(io.micrometer.core.instrument.MeterRegistry registry) {
        io.micrometer.core.instrument.FunctionCounter.builder(
                        "ibasho.gateway.verified.tokens", verifiedTokens, VerifiedTokenMemory::hits)
                .tag("result", "hit")
                .description("Bearer tokens found verified in memory (no signature check)")
                .register(registry);
        io.micrometer.core.instrument.FunctionCounter.builder(
                        "ibasho.gateway.verified.tokens", verifiedTokens, VerifiedTokenMemory::misses)
                .tag("result", "miss")
                .description("Bearer tokens whose signature was checked (not in memory)")
                .register(registry);
    }

    /** @return the verified {@code sub}, or empty for a missing, unreadable, forged or expired token (never a failure) */
    public Uni<Optional<String>> verifiedSubject(String bearerToken) {
        return verifiedToken(bearerToken).map(BearerIdentities::subjectOf);
    }

    /**
     * {@link #verifiedSubject}, remembered until the token expires: the per-person rate limit asks for every booking,
     * and checking the signature (RSA, jose4j's JSON parsing) was half of the gateway's CPU in the rush
     * (docs/benchmarks.md, round 13). Used only to choose a rate-limit bucket; what a token may do, the services
     * decide on every request.
     */
    public Uni<Optional<String>> verifiedSubjectForRateLimit(String bearerToken) {
        return verified(BearerToken.of(bearerToken))
                .map(claims -> claims == null ? Optional.<String>empty() : claims.verifiedSubject());
    }

    /**
     * The verified claims of a request's token, or null for a missing, unreadable, forged or expired one (never a
     * failure). Remembered until the token's own {@code exp} (docs/adr/0055), keyed by the SHA-256 of the whole token
     * (never the token itself): a forged or altered token hashes differently and is verified (and refused) as
     * before. Verification is local (the realm's keys, no introspection), so for one token it gives the same answer
     * until {@code exp}. Asked once per request: the answer stays with the {@link BearerToken}.
     */
    Uni<TokenClaims> verified(BearerToken token) {
        if (token == null) {
            return Uni.createFrom().nullItem();
        }
        if (token.verificationAsked()) {
            return Uni.createFrom().item(token.verified());
        }
        TokenClaims known = verifiedTokens.recall(token.key());
        if (known != null) {
            token.verified(known);
            return Uni.createFrom().item(known);
        }
        return verifiedToken(token.value()).map(jwt -> {
            TokenClaims claims = null;
            if (subjectOf(jwt).isPresent()) {
                TokenClaims read = TokenClaims.read(token.value());
                if (read != null && read.verifiedSubject().equals(subjectOf(jwt))) {
                    claims = read;
                    verifiedTokens.remember(token.key(), claims, claims.expiresAtSeconds());
                }
            }
            token.verified(claims);
            return claims;
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
                .recoverWithItem(failure -> {
                    LOG.debugf(
                            "bearer token not verified: %s", failure.getClass().getSimpleName());
                    return Optional.empty();
                });
    }

    private static Optional<String> subjectOf(Optional<JsonWebToken> jwt) {
        return jwt.map(JsonWebToken::getSubject).filter(sub -> !sub.isBlank());
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
