package io.ibasho.gateway;

import io.vertx.core.json.JsonObject;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keycloak sessions that ended through this gateway (sign-out, quick exit). quarkus-oidc checks a session cookie's ID
 * token locally, so a copy of the old cookie would stay usable until its tokens expire; remembering the Keycloak
 * session id ({@code sid}, the same across token refreshes) refuses such a copy at once. In memory, per replica, like
 * the rate limiter: a multi-replica gateway needs a shared store (docs/webapp.md).
 */
@Singleton
public class EndedSessions {
    /** Longer than Keycloak's longest SSO session (realm: 10 h): after that the tokens in any old cookie are dead anyway. */
    static final Duration REMEMBER = Duration.ofHours(12);

    private static final int MAX_ENTRIES = 200_000;

    private final Map<String, Instant> ended = new ConcurrentHashMap<>();
    private final Clock clock;

    public EndedSessions(Clock clock) {
        this.clock = clock;
    }

    public void end(String sid) {
        if (sid == null) {
            return;
        }
        if (ended.size() >= MAX_ENTRIES) {
            forgetExpired();
        }
        ended.put(sid, clock.instant().plus(REMEMBER));
    }

    public boolean isEnded(String sid) {
        if (sid == null) {
            return false;
        }
        Instant until = ended.get(sid);
        return until != null && until.isAfter(clock.instant());
    }

    public void forgetExpired() {
        Instant now = clock.instant();
        ended.values().removeIf(until -> !until.isAfter(now));
    }

    /** The {@code sid} claim of a JWT (not verified here: quarkus-oidc verified the token that carries it), or null. */
    public static String sessionIdOf(String jwt) {
        if (jwt == null) {
            return null;
        }
        String[] parts = jwt.split("\\.");
        if (parts.length < 2) {
            return null;
        }
        try {
            return new JsonObject(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8))
                    .getString("sid");
        } catch (RuntimeException e) {
            return null;
        }
    }
}
