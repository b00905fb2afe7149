package io.ibasho.tokenmemory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * What quarkus-oidc made of a bearer token it verified, each kept until the token's own expiry ({@code exp}) and never
 * served at or after it. Keyed by the SHA-256 of the whole token, so no token is kept and an altered or forged token
 * hashes differently (and is verified, and refused, as before). Bounded: when full, the expired entries go, and if that
 * is not enough nothing new is kept (those tokens are verified each time). Counts hits and misses (numbers only).
 *
 * @param <T> what is kept per token (the service's {@code SecurityIdentity}; a plain value in the unit test)
 */
public final class VerifiedTokenMemory<T> {
    private record Verified<T>(T value, long expiresAtMillis) {}

    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    });

    private final ConcurrentHashMap<String, Verified<T>> verified = new ConcurrentHashMap<>();
    private final int maxEntries;
    private final LongSupplier clockMillis;
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();

    /**
     * @param clockMillis the wall clock: the same time jose4j checks {@code exp} against when quarkus-oidc verifies,
     *     not the service's domain clock, which tests move
     */
    public VerifiedTokenMemory(int maxEntries, LongSupplier clockMillis) {
        this.maxEntries = maxEntries;
        this.clockMillis = clockMillis;
    }

    public static String key(String token) {
        byte[] digest = SHA_256.get().digest(token.getBytes(StandardCharsets.UTF_8));
        return Base64.getEncoder().withoutPadding().encodeToString(digest);
    }

    /** What was kept for a token that has not expired yet (a hit), or null (a miss: the caller verifies it). */
    public T recall(String key) {
        Verified<T> entry = verified.get(key);
        if (entry != null && clockMillis.getAsLong() >= entry.expiresAtMillis()) {
            verified.remove(key, entry);
            entry = null;
        }
        (entry == null ? misses : hits).increment();
        return entry == null ? null : entry.value();
    }

    /** Kept until {@code expiresAtSeconds} (the token's {@code exp}); a token without one, or already expired, is not. */
    public void remember(String key, T value, long expiresAtSeconds) {
        long expiresAtMillis = expiresAtSeconds * 1000;
        long now = clockMillis.getAsLong();
        if (expiresAtSeconds <= 0 || now >= expiresAtMillis) {
            return;
        }
        if (verified.size() >= maxEntries) {
            forgetExpired();
            if (verified.size() >= maxEntries) {
                return;
            }
        }
        verified.put(key, new Verified<>(value, expiresAtMillis));
    }

    /** Drops every entry whose token has expired, so nothing of a person stays after her token's life. */
    public void forgetExpired() {
        if (verified.isEmpty()) {
            return;
        }
        long now = clockMillis.getAsLong();
        verified.values().removeIf(entry -> now >= entry.expiresAtMillis());
    }

    public long hits() {
        return hits.sum();
    }

    public long misses() {
        return misses.sum();
    }

    public int size() {
        return verified.size();
    }
}
