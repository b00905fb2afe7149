package io.ibasho.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class EndedSessionsTest {
    private static String jwtWithSid(String sid) {
        String payload = "{\"sub\":\"x\",\"sid\":\"" + sid + "\"}";
        return "e30." + Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes(StandardCharsets.UTF_8))
                + ".sig";
    }

    @Test
    void anEndedSessionIsRefusedUntilItsTokensCouldNoLongerLive() {
        Instant start = Instant.parse("2026-12-03T10:00:00Z");
        Instant[] now = {start};
        Clock clock = new Clock() {
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
        EndedSessions ended = new EndedSessions(clock);
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
    void garbageIsNoSessionId() {
        assertThat(EndedSessions.sessionIdOf("not-a-jwt")).isNull();
        assertThat(EndedSessions.sessionIdOf("a.%%%.c")).isNull();
        assertThat(EndedSessions.sessionIdOf(null)).isNull();
    }
}
