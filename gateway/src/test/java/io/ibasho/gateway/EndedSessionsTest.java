package io.ibasho.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.mutiny.Uni;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class EndedSessionsTest {
    private static final Duration INTERVAL = Duration.ofSeconds(5);

    private static String jwtWithSid(String sid) {
        String payload = "{\"sub\":\"x\",\"sid\":\"" + sid + "\"}";
        return "e30." + Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes(StandardCharsets.UTF_8))
                + ".sig";
    }

    @Test
    void anEndedSessionIsRefusedUntilItsTokensCouldNoLongerLive() {
        Instant start = Instant.parse("2026-12-03T10:00:00Z");
        Instant[] now = {start};
        Clock clock = clockAt(now);
        EndedSessions ended =
                new EndedSessions(clock, token -> Uni.createFrom().item(SessionAtKeycloak.OPEN), INTERVAL);
        String sid = EndedSessions.sessionIdOf(jwtWithSid("kc-session-1"));
        assertThat(sid).isEqualTo("kc-session-1");
        assertThat(ended.isEnded(sid)).isFalse();
        ended.end(sid);
        assertThat(ended.isEnded(sid)).isTrue();
        assertThat(ended.isEnded("another")).isFalse();
        now[0] = start.plus(EndedSessions.REMEMBER).plusSeconds(1);
        assertThat(ended.isEnded(sid))
                .as("forgotten once its tokens are dead anyway")
                .isFalse();
        ended.end(null);
        assertThat(ended.isEnded(null)).isFalse();
    }

    @Test
    void keycloakIsAskedAgainOnlyOnceItsLastAnswerIsOlderThanTheInterval() {
        Instant start = Instant.parse("2026-12-06T10:00:00Z");
        Instant[] now = {start};
        List<String> asked = new ArrayList<>();
        SessionAtKeycloak[] answer = {SessionAtKeycloak.OPEN};
        EndedSessions ended = new EndedSessions(
                clockAt(now),
                token -> {
                    asked.add(token);
                    return Uni.createFrom().item(answer[0]);
                },
                INTERVAL);

        assertThat(hasEnded(ended, "s-1", "token-1")).isFalse();
        now[0] = start.plus(INTERVAL).minusMillis(1);
        assertThat(hasEnded(ended, "s-1", "token-1")).isFalse();
        assertThat(asked).as("the open answer holds for the interval").hasSize(1);

        // ended elsewhere (another replica, an admin): refused at the first question after the interval
        answer[0] = SessionAtKeycloak.ENDED;
        now[0] = start.plus(INTERVAL);
        assertThat(hasEnded(ended, "s-1", "token-1")).isTrue();
        assertThat(hasEnded(ended, "s-1", "token-1")).isTrue();
        assertThat(asked)
                .as("an ended session is remembered, not asked about again")
                .hasSize(2);
        assertThat(ended.isEnded("s-1")).isTrue();

        // no answer (Keycloak slow or down): the session is not refused, and not asked about again at once
        answer[0] = SessionAtKeycloak.NO_ANSWER;
        assertThat(hasEnded(ended, "s-2", "token-2")).isFalse();
        assertThat(hasEnded(ended, "s-2", "token-2")).isFalse();
        assertThat(asked).hasSize(3);

        // ended through this replica: refused without a question
        ended.end("s-3");
        assertThat(hasEnded(ended, "s-3", "token-3")).isTrue();
        assertThat(hasEnded(ended, null, "token-4")).isFalse();
        assertThat(asked).hasSize(3);
    }

    @Test
    void anIntervalOfZeroAsksOnEveryRequest() {
        Instant[] now = {Instant.parse("2026-12-06T10:00:00Z")};
        List<String> asked = new ArrayList<>();
        EndedSessions ended = new EndedSessions(
                clockAt(now),
                token -> {
                    asked.add(token);
                    return Uni.createFrom().item(SessionAtKeycloak.OPEN);
                },
                Duration.ZERO);
        for (int i = 0; i < 3; i++) {
            assertThat(hasEnded(ended, "s-1", "token-1")).isFalse();
        }
        assertThat(asked).hasSize(3);
    }

    private static boolean hasEnded(EndedSessions ended, String sid, String token) {
        return ended.hasEnded(sid, token).await().indefinitely();
    }

    private static Clock clockAt(Instant[] now) {
        return new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now[0];
            }
        };
    }

    @Test
    void garbageIsNoSessionId() {
        assertThat(EndedSessions.sessionIdOf("not-a-jwt")).isNull();
        assertThat(EndedSessions.sessionIdOf("a.%%%.c")).isNull();
        assertThat(EndedSessions.sessionIdOf(null)).isNull();
    }
}
