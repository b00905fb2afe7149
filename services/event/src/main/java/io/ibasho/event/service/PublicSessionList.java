package io.ibasho.event.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ibasho.event.config.PublicListConfig;
import io.ibasho.event.mapping.SessionMapper;
import io.ibasho.event.mapping.SessionView;
import io.ibasho.plumbing.time.CommitWakeUp;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The public list of upcoming sessions, answered from a copy in memory (docs/adr/0051). Reading it from the database
 * costs several milliseconds of CPU (two HQL queries through Hibernate Reactive, 20 entities hydrated, three JSON
 * columns parsed per row, 10-20 KB of JSON written); the copy is the JSON bytes as they go out, with a fingerprint of
 * exactly those bytes for the strong ETag, so every replica names the same list the same way.
 *
 * <p>A copy is dropped when anything it shows may have changed:
 *
 * <ul>
 *   <li>any committed write to {@code session} or {@code venue}, by any replica, a job or by hand: a trigger
 *       (migration V24) sends a NOTIFY on {@link #CHANGED_CHANNEL} that PostgreSQL delivers on commit to every replica
 *       listening on this database ({@link CommitWakeUp});
 *   <li>this replica's own successful writes over HTTP, at once (so an organiser reads her write without waiting for
 *       the notification);
 *   <li>when the listening connection starts listening again (what was sent while it was away is lost);
 *   <li>when time removes a session from it: an upcoming list without {@code from} ends at the earliest end among the
 *       sessions it matches;
 *   <li>after {@link PublicListConfig#maxAge()} at the latest, the bound when a notification was lost.
 * </ul>
 *
 * Seat counts are not part of the list (registration owns them and answers them itself), so a booking or a
 * cancellation of a booking never changes it. Only the anonymous, public list is kept: nothing personal, staff-only or
 * per-organisation goes through here.
 */
@ApplicationScoped
public class PublicSessionList {
    /** NOTIFY channel of migration V24's trigger on {@code session} and {@code venue}. */
    public static final String CHANGED_CHANNEL = "public_session_list";

    /** The answer as it goes out: the JSON bytes, a fingerprint of exactly them, and how long a client may reuse it. */
    public record Answer(byte[] json, String fingerprint, long maxAgeSeconds) {}

    /** A query: the filter with {@code from} null when it means "now". */
    private record Key(SessionService.Filter filter, int page, int size) {}

    private record Copy(long generation, long madeAt, long expiresAt, byte[] json, String fingerprint) {}

    private final SessionService sessions;
    private final ObjectMapper json;
    private final Clock clock;
    private final PublicListConfig config;
    private final CommitWakeUp commits;
    private final AtomicLong generation = new AtomicLong();
    private final ConcurrentHashMap<Key, Copy> copies = new ConcurrentHashMap<>();

    public PublicSessionList(
            SessionService sessions, ObjectMapper json, Clock clock, PublicListConfig config, CommitWakeUp commits) {
        this.sessions = sessions;
        this.json = json;
        this.clock = clock;
        this.config = config;
        this.commits = commits;
    }

    void listen(@Observes StartupEvent startup) {
        commits.onCommit(CHANGED_CHANNEL, this::changed, this::changed);
    }

    /** Something the list shows may have changed: every copy goes. */
    public void changed() {
        generation.incrementAndGet();
        copies.clear();
    }

    /**
     * Upcoming published sessions; {@code filter.from()} null means from now (by the injected clock).
     */
    public Uni<Answer> upcoming(SessionService.Filter filter, int page, int size) {
        long now = clock.millis();
        long maxAge = config.maxAge().toMillis();
        Key key = new Key(filter, page, size);
        Copy copy = copies.get(key);
        if (copy != null && copy.generation() == generation.get() && now >= copy.madeAt() && now < copy.expiresAt()) {
            return Uni.createFrom()
                    .item(new Answer(copy.json(), copy.fingerprint(), secondsLeft(copy.expiresAt(), now)));
        }
        long seen = generation.get();
        OffsetDateTime from =
                filter.from() != null ? filter.from() : OffsetDateTime.ofInstant(clock.instant(), clock.getZone());
        SessionService.Filter query = new SessionService.Filter(
                from,
                filter.to(),
                filter.venueId(),
                filter.area(),
                filter.kind(),
                filter.childcareOffered(),
                filter.online());
        return sessions.upcomingPage(query, page, size).map(found -> {
            byte[] body = write(found.sessions().stream()
                    .map(l -> SessionMapper.toView(l.session(), l.venue(), l.partVenues()))
                    .toList());
            String fingerprint = fingerprint(body);
            long expiresAt = now + maxAge;
            if (filter.from() == null && found.firstEnd() != null) {
                // the first of them to end leaves the list then (a session shows while endsAt >= now)
                expiresAt = Math.min(expiresAt, found.firstEnd().toInstant().toEpochMilli() + 1);
            }
            if (maxAge > 0 && generation.get() == seen) {
                if (copies.size() >= config.maxEntries()) {
                    copies.clear();
                }
                copies.put(key, new Copy(seen, now, expiresAt, body, fingerprint));
            }
            return new Answer(body, fingerprint, maxAge > 0 ? secondsLeft(expiresAt, now) : 0);
        });
    }

    private static long secondsLeft(long expiresAt, long now) {
        return Math.max(0, (expiresAt - now) / 1000);
    }

    private byte[] write(List<SessionView> views) {
        try {
            return json.writeValueAsBytes(views);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the public list could not be written as JSON", e);
        }
    }

    /** 128 bits of SHA-256 of the bytes, base64url: the same list has the same fingerprint on every replica. */
    static String fingerprint(byte[] body) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 16));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
