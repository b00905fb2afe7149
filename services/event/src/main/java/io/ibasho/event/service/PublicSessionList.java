package io.ibasho.event.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ibasho.event.config.PublicListConfig;
import io.ibasho.event.mapping.SessionMapper;
import io.ibasho.event.mapping.SessionView;
import io.ibasho.plumbing.sql.ApartFromRequests;
import io.ibasho.plumbing.time.CommitWakeUp;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

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

    /** A copy being made for the list as it was at {@code generation}; done when the query has answered. */
    private record Refill(long generation, CompletableFuture<Copy> copy) {}

    private final SessionService sessions;
    private final ObjectMapper json;
    private final Clock clock;
    private final PublicListConfig config;
    private final CommitWakeUp commits;
    private final AtomicLong generation = new AtomicLong();
    private final ConcurrentHashMap<Key, Copy> copies = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Key, Refill> refills = new ConcurrentHashMap<>();
    private final Vertx vertx;
    private final LongAdder fromCopy = new LongAdder();
    private final LongAdder queries = new LongAdder();
    private final LongAdder joined = new LongAdder();

    public PublicSessionList(
            SessionService sessions,
            ObjectMapper json,
            Clock clock,
            PublicListConfig config,
            CommitWakeUp commits,
            Vertx vertx,
            MeterRegistry meters) {
        this.sessions = sessions;
        this.json = json;
        this.clock = clock;
        this.config = config;
        this.commits = commits;
        this.vertx = vertx;
        count(meters, "copy", fromCopy, "Public lists answered from the copy in memory");
        count(meters, "query", queries, "Public lists read from the database to make a copy");
        count(meters, "joined", joined, "Public lists that waited for a copy another request was making");
    }

    private static void count(MeterRegistry meters, String result, LongAdder counter, String description) {
        FunctionCounter.builder("ibasho.event.public.list", counter, LongAdder::sum)
                .tag("result", result)
                .description(description)
                .register(meters);
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
     *
     * <p>A missing or stale copy is made once, however many requests want it meanwhile: the first starts the query,
     * the others wait for its answer (docs/adr/0073). Before, every request that arrived while a copy was being made
     * ran the same query, and at 3,000 requests a second each expiry (every 5 s) queued hundreds of them for the
     * connection pool: the open-loop browse of round 22 collapsed into 30 s waits and 500s.
     */
    public Uni<Answer> upcoming(SessionService.Filter filter, int page, int size) {
        long now = clock.millis();
        Key key = new Key(filter, page, size);
        Copy copy = copies.get(key);
        if (copy != null && copy.generation() == generation.get() && now >= copy.madeAt() && now < copy.expiresAt()) {
            fromCopy.increment();
            return Uni.createFrom().item(answer(copy, now));
        }
        long seen = generation.get();
        if (config.maxAge().toMillis() <= 0) {
            // no copies kept (turned off): every request asks the database itself
            queries.increment();
            return fetch(key, seen, now).map(made -> answer(made, clock.millis()));
        }
        Refill mine = new Refill(seen, new CompletableFuture<>());
        // a refill started before a change is not joined: it may show the list as it was
        Refill running =
                refills.compute(key, (k, current) -> current != null && current.generation() == seen ? current : mine);
        if (running == mine) {
            queries.increment();
            refill(key, mine, now);
        } else {
            joined.increment();
        }
        Uni<Copy> made = Uni.createFrom().completionStage(running.copy());
        Context caller = Vertx.currentContext();
        if (caller != null) {
            // the refill ends on a context of its own; each request goes on on its own
            made = made.emitOn(work -> caller.runOnContext(ignored -> work.run()));
        }
        // as of the copy's making, as a request that made it itself was answered: a max-age a second short made the
        // gateway's copy lapse a second before this one, ask while it had under a second left, get no-cache and
        // pass every request through until the next copy (round 22)
        return made.map(ready -> answer(ready, ready.madeAt()));
    }

    /**
     * Makes the copy on a context of its own, with its own Hibernate Reactive session, so that no one request's end or
     * cancellation ends the query the others wait for.
     */
    private void refill(Key key, Refill refill, long now) {
        ApartFromRequests.start(vertx, () -> Panache.withSession(() -> fetch(key, refill.generation(), now)))
                .whenComplete((copy, failure) -> {
                    refills.remove(key, refill);
                    if (failure == null) {
                        refill.copy().complete(copy);
                    } else {
                        // the next request starts another; these get the failure (503 when it is the database's)
                        refill.copy().completeExceptionally(failure);
                    }
                });
    }

    /** The list from the database as a copy, kept when nothing changed since {@code seen} (and copies are kept). */
    private Uni<Copy> fetch(Key key, long seen, long now) {
        SessionService.Filter filter = key.filter();
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
        long maxAge = config.maxAge().toMillis();
        return Uni.createFrom()
                .deferred(() -> sessions.upcomingPage(query, key.page(), key.size()))
                .map(found -> {
                    byte[] body = write(found.sessions().stream()
                            .map(l -> SessionMapper.toView(l.session(), l.venue(), l.partVenues()))
                            .toList());
                    long expiresAt = now + maxAge;
                    if (filter.from() == null && found.firstEnd() != null) {
                        // the first of them to end leaves the list then (a session shows while endsAt >= now)
                        expiresAt =
                                Math.min(expiresAt, found.firstEnd().toInstant().toEpochMilli() + 1);
                    }
                    Copy copy = new Copy(seen, now, expiresAt, body, fingerprint(body));
                    if (maxAge > 0 && generation.get() == seen) {
                        if (copies.size() >= config.maxEntries()) {
                            copies.clear();
                        }
                        copies.put(key, copy);
                    }
                    return copy;
                });
    }

    private Answer answer(Copy copy, long now) {
        return new Answer(
                copy.json(),
                copy.fingerprint(),
                config.maxAge().toMillis() > 0 ? secondsLeft(copy.expiresAt(), now) : 0);
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
