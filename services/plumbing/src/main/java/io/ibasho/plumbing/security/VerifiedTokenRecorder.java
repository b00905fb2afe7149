package io.ibasho.plumbing.security;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;

/**
 * Remembers the identity quarkus-oidc made of an access token it accepted. The first augmentor to run (the highest
 * priority), so it keeps quarkus-oidc's identity before any other augmentor adds to it: a remembered identity goes
 * through the same augmentors again on every request, as a freshly verified one does.
 */
@ApplicationScoped
public class VerifiedTokenRecorder implements SecurityIdentityAugmentor {
    private final VerifiedTokens tokens;

    VerifiedTokenRecorder(VerifiedTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    public int priority() {
        return Integer.MAX_VALUE;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        return augment(identity, context, Map.of());
    }

    @Override
    public Uni<SecurityIdentity> augment(
            SecurityIdentity identity, AuthenticationRequestContext context, Map<String, Object> attributes) {
        tokens.remember(
                identity, attributes.get(RememberedTokenIdentityProvider.KEY) instanceof String key ? key : null);
        return Uni.createFrom().item(identity);
    }
}
