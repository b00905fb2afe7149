package io.ibasho.registration.security;

import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Bearer tokens this service has already verified, each remembered until its own expiry ({@code exp}), so that a
 * person's next request with the same token skips the signature check and the parsing of the token (jose4j): 17 % of
 * registration's CPU in the rush (docs/benchmarks.md, round 13; ADR 0052).
 * <p>
 * Safe because the verification is local (no introspection): for one token it gives the same answer every time until
 * the token expires, which is exactly how long it is remembered. Tried before quarkus-oidc's own provider: a token it
 * does not know (new, altered by one byte, expired) returns nothing here and quarkus-oidc verifies it as before; what
 * quarkus-oidc accepted is remembered by {@link Remember} after it. Keyed by the SHA-256 of the whole token: no token
 * is kept. Bounded: when full, the expired go, and otherwise nothing new is remembered.
 */
@ApplicationScoped
public class VerifiedTokens implements IdentityProvider<TokenAuthenticationRequest> {
    static final int MAX_ENTRIES = 10_000;
    private static final String REMEMBERED = "ibasho.verified-token-remembered";

    private record Verified(SecurityIdentity identity, long expiresAtMillis) {}

    private final ConcurrentHashMap<String, Verified> verified = new ConcurrentHashMap<>();

    /**
     * The wall clock, not the service's injected clock: quarkus-oidc checks {@code exp} against the wall clock, and a
     * remembered token must lapse exactly when quarkus-oidc would refuse it (a test's clock moved by days must not keep
     * an expired token alive).
     */
    private static long now() {
        return System.currentTimeMillis();
    }

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    /** Before quarkus-oidc's provider (priority 0). */
    @Override
    public int priority() {
        return 100;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(
            TokenAuthenticationRequest request, AuthenticationRequestContext context) {
        if (!(request.getToken() instanceof AccessTokenCredential credential)) {
            return Uni.createFrom().nullItem();
        }
        String key = key(credential.getToken());
        Verified entry = verified.get(key);
        if (entry == null) {
            return Uni.createFrom().nullItem();
        }
        if (now() >= entry.expiresAtMillis()) {
            verified.remove(key, entry);
            return Uni.createFrom().nullItem();
        }
        // the same identity, with this request's routing context instead of the first request's
        QuarkusSecurityIdentity.Builder identity =
                QuarkusSecurityIdentity.builder(entry.identity()).addAttribute(REMEMBERED, Boolean.TRUE);
        RoutingContext routing = HttpSecurityUtils.getRoutingContextAttribute(request);
        if (routing != null) {
            identity.addAttribute(RoutingContext.class.getName(), routing);
        }
        return Uni.createFrom().item(identity.build());
    }

    void remember(SecurityIdentity identity) {
        if (identity.isAnonymous()
                || identity.getAttribute(REMEMBERED) != null
                || !(identity.getPrincipal() instanceof JsonWebToken jwt)
                || jwt.getExpirationTime() <= 0) {
            return;
        }
        AccessTokenCredential credential = identity.getCredential(AccessTokenCredential.class);
        if (credential == null || credential.getToken() == null) {
            return;
        }
        long now = now();
        long expiresAt = jwt.getExpirationTime() * 1000;
        if (now >= expiresAt) {
            return;
        }
        if (verified.size() >= MAX_ENTRIES) {
            verified.values().removeIf(entry -> now >= entry.expiresAtMillis());
            if (verified.size() >= MAX_ENTRIES) {
                return;
            }
        }
        verified.put(key(credential.getToken()), new Verified(identity, expiresAt));
    }

    int size() {
        return verified.size();
    }

    static String key(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** Remembers what quarkus-oidc verified (runs after every provider; a remembered identity is not stored again). */
    @ApplicationScoped
    public static class Remember implements SecurityIdentityAugmentor {
        private final VerifiedTokens tokens;

        public Remember(VerifiedTokens tokens) {
            this.tokens = tokens;
        }

        @Override
        public int priority() {
            return Integer.MIN_VALUE; // last: what is remembered is the identity as the other augmentors left it
        }

        @Override
        public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
            tokens.remember(identity);
            return Uni.createFrom().item(identity);
        }
    }
}
