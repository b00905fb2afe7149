package io.ibasho.gateway;

import io.vertx.core.buffer.Buffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The gateway's copy of the event service's last anonymous answer of the public list, per query string (a micro-cache
 * as a reverse proxy keeps one; docs/adr/0055): the bytes, their ETag and how long the event service allowed them to
 * be reused ({@code Cache-Control: public, max-age=N}, N at most 9). A copy is used while fresh, never longer than
 * that max-age from the moment it arrived, and answered with the seconds it has left, so a browser that keeps it never
 * keeps it past the event service's limit. A stale copy is asked about with If-None-Match (a 304 makes it fresh
 * again). Only anonymous requests ever see or fill it (Gateway decides). A change made through this gateway (an
 * organiser's write to the event service) forgets every copy, and an answer asked for before that change is not kept:
 * she sees what she just published at once, not up to max-age later.
 *
 * <p>One request at a time asks the event service for a missing or stale copy; the others that find it so meanwhile
 * wait for that answer (docs/adr/0074). At thousands of requests a second, every request arriving in the round trip
 * of an expiry's question used to ask too, and the burst of questions was the browse's slowest hundredth.
 */
final class PublicListCopies {
    /** The one Cache-Control the event service gives an anonymous list (SecurityHeaders keeps the same, no other). */
    private static final Pattern SHORT_PUBLIC_MAX_AGE = Pattern.compile("public, max-age=([0-9])");

    record Copy(Buffer body, String etag, String contentType, long expiresAtMillis) {}

    private final ConcurrentHashMap<String, Copy> copies = new ConcurrentHashMap<>();
    private final int maxEntries;
    private final int maxBytes;
    private final LongSupplier clockMillis;
    private final LongAdder fresh = new LongAdder();
    private final LongAdder revalidated = new LongAdder();
    private final LongAdder fetched = new LongAdder();
    private final LongAdder joined = new LongAdder();
    /** The question on its way to the event service per key, which later requests for that key wait for. */
    private final ConcurrentHashMap<String, CompletableFuture<Copy>> refreshes = new ConcurrentHashMap<>();
    /** Counts the changes seen: an answer asked for under an older count may show the list before the change. */
    private final AtomicLong changes = new AtomicLong();

    PublicListCopies(int maxEntries, int maxBytes, LongSupplier clockMillis) {
        this.maxEntries = maxEntries;
        this.maxBytes = maxBytes;
        this.clockMillis = clockMillis;
    }

    static String key(String query) {
        return query == null ? "" : query;
    }

    /** A copy that may still be used without asking the event service, or null (counted as an answer from memory). */
    Copy fresh(String key) {
        Copy copy = copies.get(key);
        if (copy == null || clockMillis.getAsLong() >= copy.expiresAtMillis()) {
            return null;
        }
        fresh.increment();
        return copy;
    }

    /** Any copy, fresh or stale: its ETag is what the gateway asks the event service about. */
    Copy any(String key) {
        return copies.get(key);
    }

    /** @return the max-age the event service gave, or -1 when the answer is not the short public one */
    static int maxAge(String cacheControl) {
        if (cacheControl == null) {
            return -1;
        }
        Matcher m = SHORT_PUBLIC_MAX_AGE.matcher(cacheControl);
        return m.matches() ? Integer.parseInt(m.group(1)) : -1;
    }

    /** Whether a 200 of this length may be kept at all. */
    boolean fits(long contentLength) {
        return contentLength >= 0 && contentLength <= maxBytes;
    }

    /** What {@link #store} and {@link #revalidated} are given back: the changes seen when the question was asked. */
    long changesSeen() {
        return changes.get();
    }

    /** The event service's sessions changed through this gateway: no copy made before may be used or made. */
    void forgetAll() {
        changes.incrementAndGet();
        copies.clear();
        // a question asked before the change keeps nothing (store and revalidated see the count): nobody new waits
        refreshes.clear();
    }

    /**
     * Registers {@code mine} as the question for {@code key}, unless another is on its way: then that one, which the
     * caller waits for instead of asking (counted as joined).
     */
    CompletableFuture<Copy> refreshUnderWay(String key, CompletableFuture<Copy> mine) {
        CompletableFuture<Copy> other = refreshes.putIfAbsent(key, mine);
        if (other != null) {
            joined.increment();
        }
        return other;
    }

    /**
     * The question ended: the copy it made or confirmed, or null (nothing kept, a failure, her connection gone), and
     * the requests that waited for it then ask themselves. Only the first call for a question counts.
     */
    void refreshed(String key, CompletableFuture<Copy> refresh, Copy copy) {
        refreshes.remove(key, refresh);
        refresh.complete(copy);
    }

    /**
     * Keeps the event service's 200; null when it may not be kept (no ETag, not the short public max-age, too big, or
     * a change went through since it was asked for).
     */
    Copy store(String key, Buffer body, String etag, String contentType, String cacheControl, long changesSeen) {
        int maxAge = maxAge(cacheControl);
        if (changesSeen != changes.get()) {
            return null; // it may predate the change; the next request asks again
        }
        if (maxAge < 0 || etag == null || !fits(body.length())) {
            copies.remove(key);
            return null;
        }
        if (copies.size() >= maxEntries && !copies.containsKey(key)) {
            // bounded: made-up query strings cannot fill memory; the real ones come back at the next request
            copies.clear();
        }
        Copy copy = new Copy(body, etag, contentType, clockMillis.getAsLong() + maxAge * 1000L);
        copies.put(key, copy);
        fetched.increment();
        return copy;
    }

    /**
     * The event service said 304 to the stale copy's ETag: the copy is fresh again for the max-age of that answer. Null
     * when the 304 was about another ETag or came with no short public max-age (the copy is then dropped), or a change
     * went through since it was asked.
     */
    Copy revalidated(String key, Copy stale, String etag, String cacheControl, long changesSeen) {
        int maxAge = maxAge(cacheControl);
        if (changesSeen != changes.get()) {
            return null;
        }
        if (maxAge < 0 || (etag != null && !etag.equals(stale.etag()))) {
            copies.remove(key, stale);
            return null;
        }
        Copy copy = new Copy(stale.body(), stale.etag(), stale.contentType(), clockMillis.getAsLong() + maxAge * 1000L);
        copies.put(key, copy);
        revalidated.increment();
        return copy;
    }

    /** Forgets a copy that the event service no longer lets anyone keep. */
    void drop(String key, Copy copy) {
        copies.remove(key, copy);
    }

    /** Whole seconds the copy may still be used from now: what the answer's max-age says (never more). */
    long secondsLeft(Copy copy) {
        return Math.max(0, (copy.expiresAtMillis() - clockMillis.getAsLong()) / 1000);
    }

    /**
     * RFC 9110 13.1.2: a list of entity tags or "*", compared weakly (as the event service's PublicListAnswers
     * compares; kept twice on purpose: the gateway does not depend on plumbing, which brings Hibernate).
     */
    static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null || ifNoneMatch.isBlank() || etag == null) {
            return false;
        }
        String bare = etag.startsWith("W/") ? etag.substring(2) : etag;
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.trim();
            if (tag.equals("*")) {
                return true;
            }
            if (tag.startsWith("W/")) {
                tag = tag.substring(2);
            }
            if (tag.equals(bare)) {
                return true;
            }
        }
        return false;
    }

    long freshAnswers() {
        return fresh.sum();
    }

    long revalidations() {
        return revalidated.sum();
    }

    long fetches() {
        return fetched.sum();
    }

    long joinedRefreshes() {
        return joined.sum();
    }

    int size() {
        return copies.size();
    }
}
