package io.ibasho.gateway;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Bearer tokens whose signature the gateway has verified, with the {@code sub} they speak for, each until its own
 * expiry ({@code exp}). Keyed by the SHA-256 of the token, so no token is kept. Bounded: when full, the expired entries
 * go, and if that is not enough nothing new is remembered (those tokens are verified each time, as before).
 */
final class VerifiedTokens {
    private record Verified(String subject, long expiresAtMillis) {}

    private final ConcurrentHashMap<String, Verified> verified = new ConcurrentHashMap<>();
    private final int maxEntries;
    private final LongSupplier clockMillis;

    VerifiedTokens(int maxEntries, LongSupplier clockMillis) {
        this.maxEntries = maxEntries;
        this.clockMillis = clockMillis;
    }

    static String key(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** The subject of a verified token that has not expired yet. */
    Optional<String> subject(String key) {
        Verified entry = verified.get(key);
        if (entry == null) {
            return Optional.empty();
        }
        if (clockMillis.getAsLong() >= entry.expiresAtMillis()) {
            verified.remove(key, entry);
            return Optional.empty();
        }
        return Optional.of(entry.subject());
    }

    /** @param expiresAtSeconds the token's {@code exp} (seconds since the epoch); 0 (none) is never remembered */
    void remember(String key, String subject, long expiresAtSeconds) {
        if (expiresAtSeconds <= 0) {
            return;
        }
        long now = clockMillis.getAsLong();
        if (verified.size() >= maxEntries) {
            verified.values().removeIf(entry -> now >= entry.expiresAtMillis());
            if (verified.size() >= maxEntries) {
                return;
            }
        }
        verified.put(key, new Verified(subject, expiresAtSeconds * 1000));
    }

    int size() {
        return verified.size();
    }
}
