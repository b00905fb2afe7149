package io.ibasho.gateway;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * Bearer tokens whose signature the gateway has verified, with their claims (sub, org, roles), each until its own
 * expiry ({@code exp}). Keyed by the SHA-256 of the token, so no token is kept. Bounded: when full, the expired entries
 * go, and if that is not enough nothing new is remembered (those tokens are verified each time, as before). Counts its
 * hits and misses (numbers only, no token data) for the metric {@code ibasho_gateway_verified_tokens_total}.
 */
final class VerifiedTokens {
    private record Verified(TokenClaims claims, long expiresAtMillis) {}

    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    });

    private final ConcurrentHashMap<String, Verified> verified = new ConcurrentHashMap<>();
    private final int maxEntries;
    private final LongSupplier clockMillis;
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();

    VerifiedTokens(int maxEntries, LongSupplier clockMillis) {
        this.maxEntries = maxEntries;
        this.clockMillis = clockMillis;
    }

    static String key(String token) {
        byte[] digest = SHA_256.get().digest(token.getBytes(StandardCharsets.UTF_8));
        return Base64.getEncoder().withoutPadding().encodeToString(digest);
    }

    /** The claims of a verified token that has not expired yet, or null. Not counted (see {@link #lookUp}). */
    TokenClaims claims(String key) {
        Verified entry = verified.get(key);
        if (entry == null) {
            return null;
        }
        if (clockMillis.getAsLong() >= entry.expiresAtMillis()) {
            verified.remove(key, entry);
            return null;
        }
        return entry.claims();
    }

    /** {@link #claims}, counted as a hit, or as a miss when the caller now has to verify the token. */
    TokenClaims lookUp(String key) {
        TokenClaims known = claims(key);
        (known == null ? misses : hits).increment();
        return known;
    }

    /** Only a token with an {@code exp} (seconds since the epoch) is remembered, until then. */
    void remember(String key, TokenClaims claims) {
        long expiresAtSeconds = claims.expiresAtSeconds();
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
        verified.put(key, new Verified(claims, expiresAtSeconds * 1000));
    }

    long hits() {
        return hits.sum();
    }

    long misses() {
        return misses.sum();
    }

    int size() {
        return verified.size();
    }
}
