package io.ibasho.gateway;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Keycloak sessions that have ended. quarkus-oidc checks a session cookie's ID token locally, so a copy of the old
 * cookie would stay usable until its tokens expire (access tokens live 5 minutes, and are refreshed a minute early).
 * Two ways refuse such a copy, by the Keycloak session id ({@code sid}, the same across token refreshes):
 * <ul>
 * <li>sessions ended through this replica (sign-out, quick exit) are remembered here and refused at once, even while
 * Keycloak cannot be reached;</li>
 * <li>any other session is asked about at Keycloak ({@link KeycloakSessionCheck}) when its last answer is older than
 * {@code session-check-interval}: so a session ended through another gateway replica, by an admin or by a password
 * reset is refused within that interval on every replica (docs/adr/0075). No answer from Keycloak leaves the local
 * checks to decide: her pages keep working while Keycloak is slow, as her verified tokens allow.</li>
 * </ul>
 */
@Singleton
public class EndedSessions {
    /** Longer than Keycloak's longest SSO session (realm: 10 h): after that the tokens in any old cookie are dead anyway. */
    static final Duration REMEMBER = Duration.ofHours(12);

    private static final int MAX_ENTRIES = 200_000;

    private final Map<String, Instant> ended = new ConcurrentHashMap<>();
    /** Sessions with a recent answer from Keycloak that did not end them, until when that answer holds. */
    private final Map<String, Instant> answeredUntil = new ConcurrentHashMap<>();

    private final Clock clock;
    private final KeycloakSessionCheck keycloak;
    private final Duration checkInterval;
    private final LongAdder answeredOpen = new LongAdder();
    private final LongAdder answeredEnded = new LongAdder();
    private final LongAdder noAnswer = new LongAdder();

    @Inject
    EndedSessions(Clock clock, KeycloakSessionCheck keycloak, GatewayConfig config) {
        this(clock, keycloak, config.browser().sessionCheckInterval());
    }

    EndedSessions(Clock clock, KeycloakSessionCheck keycloak, Duration checkInterval) {
        this.clock = clock;
        this.keycloak = keycloak;
        this.checkInterval = checkInterval;
    }

    /** Keycloak's answers by kind: counts only, nothing of a session or a person. */
    void registerMetrics(MeterRegistry registry) {
        for (var answer : Map.of("open", answeredOpen, "ended", answeredEnded, "none", noAnswer)
                .entrySet()) {
            FunctionCounter.builder("ibasho.gateway.session.checks", answer.getValue(), LongAdder::sum)
                    .tag("answer", answer.getKey())
                    .description("Browser sessions checked at Keycloak, by its answer")
                    .register(registry);
        }
    }

    public void end(String sid) {
        if (sid == null) {
            return;
        }
        if (ended.size() >= MAX_ENTRIES) {
            forgetExpired();
        }
        ended.put(sid, clock.instant().plus(REMEMBER));
        answeredUntil.remove(sid);
    }

    /**
     * Whether the session {@code sid} has ended, here or anywhere: ended here, or refused by Keycloak when asked with its
     * {@code accessToken}. Never fails.
     */
    public Uni<Boolean> hasEnded(String sid, String accessToken) {
        if (sid == null) {
            return Uni.createFrom().item(false);
        }
        if (isEnded(sid)) {
            return Uni.createFrom().item(true);
        }
        Instant until = answeredUntil.get(sid);
        if ((until != null && until.isAfter(clock.instant())) || accessToken == null) {
            return Uni.createFrom().item(false);
        }
        return keycloak.check(accessToken).map(answer -> {
            switch (answer) {
                case ENDED -> {
                    answeredEnded.increment();
                    end(sid);
                    return true;
                }
                case OPEN -> answeredOpen.increment();
                case NO_ANSWER ->
                    noAnswer.increment(); // not asked again at once: her pages stay as fast as Keycloak's wait
            }
            if (answeredUntil.size() >= MAX_ENTRIES) {
                Instant now = clock.instant();
                answeredUntil.values().removeIf(held -> !held.isAfter(now));
            }
            answeredUntil.put(sid, clock.instant().plus(checkInterval));
            return false;
        });
    }

    /** Whether the session {@code sid} was ended through this replica (no question to Keycloak). */
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
