package io.ibasho.notification.rest;

import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Whether the token comes from a sign-in (password typed) within the last minutes: its {@code auth_time}. Tokens
 * without one (a refreshed session that never re-entered the password is still dated by its sign-in; the password
 * grant carries none) count as not recent.
 */
final class RecentSignIn {
    private RecentSignIn() {}

    static boolean within(JsonWebToken token, Duration maxAge, Instant now) {
        Object authTime = token.getClaim("auth_time");
        long seconds;
        if (authTime instanceof Number n) {
            seconds = n.longValue();
        } else if (authTime instanceof jakarta.json.JsonNumber n) {
            seconds = n.longValue();
        } else if (authTime != null && authTime.toString().matches("\\d{1,12}")) {
            seconds = Long.parseLong(authTime.toString());
        } else {
            return false;
        }
        return !Instant.ofEpochSecond(seconds).isBefore(now.minus(maxAge));
    }
}
