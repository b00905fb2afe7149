package io.ibasho.plumbing.security;

import io.ibasho.tokenmemory.VerifiedTokenMemory;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.security.credential.Credential;
import io.quarkus.security.credential.TokenCredential;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The service's memory of bearer tokens quarkus-oidc has verified (docs/adr/0065): each token's identity, as
 * quarkus-oidc built it, until the token's {@code exp}. {@link RememberedTokenIdentityProvider} answers from it before
 * quarkus-oidc is asked; {@link VerifiedTokenRecorder} fills it after quarkus-oidc accepted a token. A refused token is
 * never kept, so it is refused again by quarkus-oidc, exactly as before.
 */
@ApplicationScoped
public class VerifiedTokens {
    /** Marks an identity handed out from the memory (so it is not remembered again). */
    static final String REMEMBERED = "io.ibasho.plumbing.security.remembered";

    /** The identity attribute quarkus-oidc sets to the token's {@code exp}, in seconds since the epoch. */
    static final String EXPIRE_TIME = "quarkus.identity.expire-time";

    /** quarkus-oidc's {@code AccessTokenCredential} type: only access tokens are remembered. */
    static final String BEARER = "bearer";

    /** What belongs to one request, not to the token: never kept, set from the request at hand on every hit. */
    private static final Set<String> PER_REQUEST =
            Set.of(RoutingContext.class.getName(), AuthenticationRequestContext.class.getName(), REMEMBERED);

    private final VerifiedTokenMemory<SecurityIdentity> memory;
    private final boolean enabled;

    VerifiedTokens(
            @ConfigProperty(name = "ibasho.verified-tokens.max-entries", defaultValue = "10000") int maxEntries,
            MeterRegistry registry) {
        this.enabled = maxEntries > 0;
        this.memory = new VerifiedTokenMemory<>(maxEntries, System::currentTimeMillis);
        FunctionCounter.builder("ibasho.verified.tokens", memory, VerifiedTokenMemory::hits)
                .tag("result", "hit")
                .description("Bearer tokens whose identity was found verified in memory (no signature check)")
                .register(registry);
        FunctionCounter.builder("ibasho.verified.tokens", memory, VerifiedTokenMemory::misses)
                .tag("result", "miss")
                .description("Bearer tokens not in memory (verified by quarkus-oidc)")
                .register(registry);
    }

    boolean enabled() {
        return enabled;
    }

    /** The identity for a token verified before and not expired, for this request, or null. */
    SecurityIdentity recall(String key, RoutingContext request) {
        SecurityIdentity known = memory.recall(key);
        if (known == null) {
            return null;
        }
        QuarkusSecurityIdentity.Builder identity = copyOf(known).addAttribute(REMEMBERED, Boolean.TRUE);
        if (request != null) {
            // what quarkus-oidc sets from the request (OidcUtils.setRoutingContextAttribute, setBlockingApiAttribute)
            identity.addAttribute(RoutingContext.class.getName(), request);
            identity.addAttribute(
                    AuthenticationRequestContext.class.getName(),
                    request.get(AuthenticationRequestContext.class.getName()));
        }
        return identity.build();
    }

    /** Keeps quarkus-oidc's identity for an access token until its {@code exp}, without this request's parts. */
    void remember(SecurityIdentity verified, String knownKey) {
        if (!enabled || verified.isAnonymous() || verified.getAttribute(REMEMBERED) != null) {
            return;
        }
        TokenCredential token = accessToken(verified);
        if (!(verified.getAttribute(EXPIRE_TIME) instanceof Long expiresAtSeconds) || token == null) {
            return;
        }
        String key = knownKey != null ? knownKey : VerifiedTokenMemory.key(token.getToken());
        memory.remember(key, copyOf(verified).build(), expiresAtSeconds);
    }

    @Scheduled(
            identity = "verified-tokens-expiry",
            every = "${ibasho.verified-tokens.sweep:10s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void forgetExpired() {
        memory.forgetExpired();
    }

    private static TokenCredential accessToken(SecurityIdentity identity) {
        for (Credential credential : identity.getCredentials()) {
            if (credential instanceof TokenCredential token && BEARER.equals(token.getType())) {
                return token;
            }
        }
        return null;
    }

    private static QuarkusSecurityIdentity.Builder copyOf(SecurityIdentity identity) {
        QuarkusSecurityIdentity.Builder copy = QuarkusSecurityIdentity.builder()
                .setPrincipal(identity.getPrincipal())
                .addRoles(identity.getRoles())
                .addCredentials(identity.getCredentials())
                .addPermissions(identity.getPermissions())
                .setAnonymous(identity.isAnonymous());
        identity.getAttributes().forEach((name, value) -> {
            if (!PER_REQUEST.contains(name)) {
                copy.addAttribute(name, value);
            }
        });
        return copy;
    }
}
