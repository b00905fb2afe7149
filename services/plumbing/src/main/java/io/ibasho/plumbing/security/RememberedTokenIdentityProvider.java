package io.ibasho.plumbing.security;

import io.ibasho.tokenmemory.VerifiedTokenMemory;
import io.quarkus.security.credential.TokenCredential;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Asked before quarkus-oidc's own provider (a higher priority): a bearer token verified before and not expired gets
 * the identity quarkus-oidc made of it then, without a second RSA check, JSON parse and identity build (27 % of a
 * refused rush attempt, docs/benchmarks.md round 14). Any other token: no answer, and quarkus-oidc verifies it as
 * before (a forged, altered, expired or foreign token is refused there).
 */
@ApplicationScoped
public class RememberedTokenIdentityProvider implements IdentityProvider<TokenAuthenticationRequest> {
    /** The token's key in the memory, hashed once per request (the recorder reads it after a miss). */
    static final String KEY = "io.ibasho.plumbing.security.token-key";

    private final VerifiedTokens tokens;

    RememberedTokenIdentityProvider(VerifiedTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    /**
     * Higher is asked first. quarkus-oidc's provider keeps the interface's default, {@code SYSTEM_FIRST + 1} (1001, not
     * 0: round 13's provider at 100 was therefore asked after quarkus-oidc, which always answered, so never).
     */
    @Override
    public int priority() {
        return IdentityProvider.SYSTEM_FIRST + 1000;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(
            TokenAuthenticationRequest request, AuthenticationRequestContext context) {
        TokenCredential token = request.getToken();
        if (!tokens.enabled() || token == null || !VerifiedTokens.BEARER.equals(token.getType())) {
            return Uni.createFrom().nullItem();
        }
        String key = VerifiedTokenMemory.key(token.getToken());
        request.setAttribute(KEY, key);
        return Uni.createFrom().item(tokens.recall(key, HttpSecurityUtils.getRoutingContextAttribute(request)));
    }
}
