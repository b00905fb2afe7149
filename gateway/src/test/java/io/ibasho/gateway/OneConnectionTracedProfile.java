package io.ibasho.gateway;

import io.ibasho.testsupport.OtlpTraceReceiver;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;
import java.util.Map;

/**
 * One gateway, started once, for three test classes whose settings do not touch each other's checks (each own
 * profile or test resource cost a Quarkus start, about 8-9 CPU s; docs/benchmarks.md, round 15):
 * <ul>
 *   <li>{@link TracePropagationTest}: traces on, exported to a real OTLP receiver (its {@link #testResources()}). It
 *       sends two reads, each answered at once.</li>
 *   <li>{@link UpstreamBusyTest}: one connection per upstream service, a 500 ms wait for it, and an upstream timeout
 *       (10 s) longer than the held answer (8 s), so that the held request keeps the only connection busy. It sends
 *       only reads, which no rate limit counts.</li>
 *   <li>{@link RateLimitForgedTokenTest}: a high address limit for account actions, so that only the person buckets
 *       (%test: 3 general, 2 for account actions) can refuse. Its requests go one after the other, each answered at
 *       once (the echo upstream, or a refused connection to the dead notification port), so one connection serves
 *       them as five would.</li>
 *   <li>{@link QuickExitWhileKeycloakHangsTest}: Keycloak's back-channel logout at a server that never answers. The
 *       other classes never sign out.</li>
 * </ul>
 */
public class OneConnectionTracedProfile implements QuarkusTestProfile {
    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(OtlpTraceReceiver.Resource.class));
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "ibasho.gateway.upstream-connections",
                "1",
                "ibasho.gateway.upstream-queue-wait",
                "500ms",
                // the held answer (8 s) arrives: it holds the one connection, it does not time out
                "ibasho.gateway.upstream-timeout",
                "10s",
                "ibasho.gateway.rate-limit.account.per-ip.capacity",
                "1000",
                "ibasho.gateway.browser.end-session-url",
                StalledServer.get().url("/realms/ibasho/protocol/openid-connect/logout"),
                // her session checked at a Keycloak that never answers: her pages wait at most session-check-wait
                "ibasho.gateway.browser.session-check-url",
                StalledServer.get().url("/realms/ibasho/protocol/openid-connect/userinfo"));
    }
}
