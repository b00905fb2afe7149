package io.ibasho.gateway;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Token buckets in this JVM's memory, one per key. Keys (a person's sub, an IP address) are kept only as an HMAC with a
 * per-process random key, so a heap dump does not list who booked from where. Each gateway replica counts on its
 * own; RateLimiter gives each replica its share of the capacity (docs/adr/0012), which may be fractional.
 */
public final class TokenBuckets {
    private final double capacity;
    private final double tokensPerNano;
    private final int maxKeys;
    private final LongSupplier nanoClock;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final byte[] hmacKey = new byte[32];
    /** One initialised Mac per thread: Mac.getInstance and init on every key were 6 % of the gateway's booking CPU. */
    private final ThreadLocal<Mac> mac = ThreadLocal.withInitial(this::newMac);

    public TokenBuckets(double capacity, Duration refillPeriod, int maxKeys, LongSupplier nanoClock) {
        if (capacity < 1 || refillPeriod.isNegative() || refillPeriod.isZero()) {
            throw new IllegalArgumentException("capacity must be >= 1 and refill-period positive");
        }
        this.capacity = capacity;
        this.tokensPerNano = capacity / refillPeriod.toNanos();
        this.maxKeys = maxKeys;
        this.nanoClock = nanoClock;
        new SecureRandom().nextBytes(hmacKey);
    }

    /**
     * Takes one token for the key.
     *
     * @return zero when allowed, otherwise how long until a token is available again
     */
    public Duration take(String key) {
        long now = nanoClock.getAsLong();
        String hashed = hash(key);
        if (buckets.size() >= maxKeys && !buckets.containsKey(hashed)) {
            evictFull(now);
            if (buckets.size() >= maxKeys) {
                // Memory is bounded; rather than fail everyone, forget the oldest-looking half. A full table means
                // a flood of fresh keys, which the per-IP limit upstream of it cannot stop (Tor, IPv6 ranges).
                buckets.keySet().stream().limit(maxKeys / 2).forEach(buckets::remove);
            }
        }
        Bucket bucket = buckets.computeIfAbsent(hashed, k -> new Bucket(capacity, now));
        synchronized (bucket) {
            bucket.refill(now, capacity, tokensPerNano);
            if (bucket.tokens >= 1) {
                bucket.tokens -= 1;
                return Duration.ZERO;
            }
            return Duration.ofNanos((long) Math.ceil((1 - bucket.tokens) / tokensPerNano));
        }
    }

    /** Returns a token taken for a request that another limit then refused (never above the capacity). */
    public void giveBack(String key) {
        Bucket bucket = buckets.get(hash(key));
        if (bucket != null) {
            synchronized (bucket) {
                bucket.tokens = Math.min(capacity, bucket.tokens + 1);
            }
        }
    }

    /** Forgets buckets that have refilled completely: they hold nothing a fresh bucket would not. */
    public void evictFull(long now) {
        buckets.entrySet().removeIf(e -> {
            synchronized (e.getValue()) {
                e.getValue().refill(now, capacity, tokensPerNano);
                return e.getValue().tokens >= capacity;
            }
        });
    }

    public void evictFull() {
        evictFull(nanoClock.getAsLong());
    }

    public int size() {
        return buckets.size();
    }

    private String hash(String key) {
        // doFinal resets the Mac to its initialised state, ready for the next key
        return Base64.getEncoder()
                .withoutPadding()
                .encodeToString(mac.get().doFinal(key.getBytes(StandardCharsets.UTF_8)));
    }

    private Mac newMac() {
        try {
            Mac created = Mac.getInstance("HmacSHA256");
            created.init(new SecretKeySpec(hmacKey, "HmacSHA256"));
            return created;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    private static final class Bucket {
        private double tokens;
        private long updatedAt;

        private Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.updatedAt = now;
        }

        private void refill(long now, double capacity, double tokensPerNano) {
            long elapsed = now - updatedAt;
            if (elapsed > 0) {
                tokens = Math.min(capacity, tokens + elapsed * tokensPerNano);
                updatedAt = now;
            }
        }
    }
}
