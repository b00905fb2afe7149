package io.ibasho.event.service;

import io.ibasho.event.FeedToken;
import io.ibasho.event.Session;
import io.ibasho.event.Venue;
import io.ibasho.event.feed.FeedEntry;
import io.ibasho.event.feed.FeedStatus;
import io.ibasho.event.feed.PartPlace;
import io.ibasho.event.feed.ScheduleFeed;
import io.ibasho.event.mapping.JsonColumns;
import io.ibasho.event.mapping.Tokyo;
import io.ibasho.event.mapping.VenueMapper;
import io.ibasho.event.repository.TransactionLocks;
import io.ibasho.event.schedule.BilingualText;
import io.ibasho.plumbing.refusal.Refusal;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/**
 * iCalendar feeds: per venue (public), per organisation and per partner group (behind a secret URL token).
 * Published, cancelled and completed sessions only; LOCATION only for PUBLIC addresses; never a meeting link.
 */
@ApplicationScoped
public class FeedService {
    /** Calendars keep a little history; older sessions drop out of the feed. */
    static final java.time.Duration HISTORY = java.time.Duration.ofDays(31);

    static final int MAX_ENTRIES = 1000;

    private final SecureRandom random = new SecureRandom();
    private final SessionService sessions;
    private final Clock clock;

    public FeedService(SessionService sessions, Clock clock) {
        this.sessions = sessions;
        this.clock = clock;
    }

    @WithSession
    public Uni<String> venueFeed(UUID venueId) {
        return Venue.<Venue>findById(venueId)
                .onItem()
                .ifNull()
                .failWith(() -> Refusal.notFound("venue"))
                // a session one of whose parts meets here is on this venue's calendar too
                .flatMap(venue -> Session.<Session>find(
                                "(venueId = ?1 or partsJson like ?4) and status in ?2 and endsAt >= ?3 order by startsAt",
                                venueId,
                                SessionService.VISIBLE,
                                since(),
                                "%\"venueId\":\"" + venueId + "\"%")
                        .page(0, MAX_ENTRIES)
                        .list()
                        .flatMap(sessions::withVenues)
                        .map(list -> build("Ibasho: " + venue.nameJa, list)));
    }

    /** The feed a secret token opens, or 404 for an unknown (or rotated) token. */
    @WithSession
    public Uni<String> tokenFeed(String token) {
        return FeedToken.<FeedToken>find("tokenHash", hash(token))
                .firstResult()
                .onItem()
                .ifNull()
                .failWith(() -> Refusal.notFound("feed"))
                .flatMap(feed -> {
                    String query;
                    Parameters parameters = Parameters.with("org", feed.organisationId)
                            .and("visible", SessionService.VISIBLE)
                            .and("since", since());
                    if (feed.scope == FeedToken.Scope.ORGANISATION) {
                        query = "organisationId = :org";
                    } else {
                        query =
                                "organisationId = :org and venueId in (select v.id from Venue v where v.partnerGroupsJson like :group)";
                        parameters.and("group", VenueMapper.partnerGroupPattern(feed.partnerGroup));
                    }
                    String name = feed.scope == FeedToken.Scope.ORGANISATION
                            ? "Ibasho: " + feed.organisationId
                            : "Ibasho: " + feed.organisationId + " / " + feed.partnerGroup;
                    return Session.<Session>find(
                                    query + " and status in :visible and endsAt >= :since order by startsAt",
                                    parameters)
                            .page(0, MAX_ENTRIES)
                            .list()
                            .flatMap(sessions::withVenues)
                            .map(list -> build(name, list));
                });
    }

    /**
     * Issues a new secret for the organisation's feed (or a partner group's feed of its venues); the previous secret
     * stops working at once. Only the SHA-256 is stored; the token is shown this once.
     */
    @WithTransaction
    public Uni<String> rotate(String organisationId, FeedToken.Scope scope, String partnerGroup) {
        byte[] secret = new byte[32];
        random.nextBytes(secret); // 256 bits
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        String groupQuery = partnerGroup == null ? "partnerGroup is null" : "partnerGroup = ?3";
        Object[] parameters = partnerGroup == null
                ? new Object[] {organisationId, scope}
                : new Object[] {organisationId, scope, partnerGroup};
        // Two rotations of one feed at once (two tabs, a retry) must not both insert: they take turns on this feed's
        // lock, and the later one's secret is the one that works.
        String feedKey = organisationId + "|" + scope + "|" + (partnerGroup == null ? "" : partnerGroup);
        return TransactionLocks.take(feedKey)
                .flatMap(locked -> FeedToken.delete("organisationId = ?1 and scope = ?2 and " + groupQuery, parameters))
                .flatMap(ignored -> {
                    FeedToken feed = new FeedToken();
                    feed.id = UUID.randomUUID();
                    feed.organisationId = organisationId;
                    feed.scope = scope;
                    feed.partnerGroup = partnerGroup;
                    feed.tokenHash = hash(token);
                    feed.createdAt = OffsetDateTime.now(clock);
                    return feed.persist();
                })
                .replaceWith(token);
    }

    private String build(String calendarName, List<SessionService.Located> located) {
        List<FeedEntry> entries = located.stream()
                .map(l -> {
                    Session s = l.session();
                    Venue venue = l.venue();
                    FeedStatus status = switch (s.status) {
                        case CANCELLED -> FeedStatus.CANCELLED;
                        case COMPLETED -> FeedStatus.COMPLETED;
                        default -> s.sequence > 0 ? FeedStatus.CHANGED : FeedStatus.PUBLISHED;
                    };
                    return new FeedEntry(
                            s.id.toString(),
                            BilingualText.of(s.titleJa, s.titleEn),
                            Tokyo.local(s.startsAt),
                            Tokyo.local(s.endsAt),
                            status,
                            s.sequence,
                            venue == null ? null : venue.nameJa,
                            venue == null ? null : venue.publicAddress(),
                            s.updatedAt.toInstant(),
                            partPlaces(s, l.partVenues()));
                })
                .toList();
        return new ScheduleFeed(calendarName, clock).build(entries);
    }

    /** The parts meeting elsewhere, with that venue's name and (only if public) address. */
    static List<PartPlace> partPlaces(Session session, java.util.Map<UUID, Venue> partVenues) {
        return JsonColumns.parts(session.partsJson).stream()
                .filter(p -> p.venueId() != null && partVenues.containsKey(p.venueId()))
                .map(p -> {
                    Venue venue = partVenues.get(p.venueId());
                    return new PartPlace(
                            p.label(),
                            Tokyo.local(p.startsAt()),
                            Tokyo.local(p.endsAt()),
                            venue.nameJa,
                            venue.publicAddress());
                })
                .toList();
    }

    private OffsetDateTime since() {
        return OffsetDateTime.now(clock).minus(HISTORY);
    }

    static String hash(String token) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
