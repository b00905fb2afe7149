package io.ibasho.event.service;

import io.ibasho.contracts.EventTypes;
import io.ibasho.event.Session;
import io.ibasho.event.Session.OccurrenceOverrideKind;
import io.ibasho.event.Session.SessionStatus;
import io.ibasho.event.Venue;
import io.ibasho.event.mapping.JsonColumns;
import io.ibasho.event.mapping.SessionChanges;
import io.ibasho.event.mapping.SessionEvents;
import io.ibasho.event.mapping.SessionMapper;
import io.ibasho.event.mapping.Tokyo;
import io.ibasho.event.repository.EndedSessions;
import io.ibasho.event.repository.VenueLocks;
import io.ibasho.event.schedule.MovedChildcareDeadline;
import io.ibasho.event.schedule.RoomBooking;
import io.ibasho.event.schedule.SessionRules;
import io.ibasho.plumbing.outbox.Outbox;
import io.ibasho.plumbing.refusal.FieldViolation;
import io.ibasho.plumbing.refusal.Refusal;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Owns the transactions: a state change and its outbox event are one commit. */
@ApplicationScoped
public class SessionService {
    static final List<SessionStatus> VISIBLE =
            List.of(SessionStatus.PUBLISHED, SessionStatus.CANCELLED, SessionStatus.COMPLETED);

    private final Outbox outbox;
    private final Clock clock;

    public SessionService(Outbox outbox, Clock clock) {
        this.outbox = outbox;
        this.clock = clock;
    }

    /**
     * A session with the venue it takes place at (null when online or not set), and the venues of its parts that meet
     * elsewhere, by id.
     */
    public record Located(Session session, Venue venue, Map<UUID, Venue> partVenues) {
        public Located(Session session, Venue venue) {
            this(session, venue, Map.of());
        }
    }

    /** Public list filters; null means "any". */
    public record Filter(
            OffsetDateTime from,
            OffsetDateTime to,
            UUID venueId,
            String area,
            Session.SessionKind kind,
            Boolean childcareOffered,
            Boolean online) {}

    @WithTransaction
    public Uni<Located> create(String organisationId, SessionRequest request) {
        Session session = drafted(organisationId, request);
        return createdChecks(session)
                .flatMap(venue -> session.persist().replaceWith(venue))
                .flatMap(venue -> withPartVenues(new Located(session, venue)));
    }

    private Session drafted(String organisationId, SessionRequest request) {
        OffsetDateTime now = now();
        Session session = new Session();
        session.id = UUID.randomUUID();
        session.organisationId = organisationId;
        SessionMapper.apply(request, session);
        session.status = SessionStatus.DRAFT;
        session.sequence = 0;
        session.createdAt = now;
        session.updatedAt = now;
        return session;
    }

    /** What creating the session checks; its venue when it may be created. */
    private Uni<Venue> createdChecks(Session session) {
        if (startsInThePast(session, now())) {
            return Uni.createFrom().failure(startInThePast());
        }
        return validated(session);
    }

    /**
     * What creating ({@code sessionId} null) or replacing the session's details would refuse, without doing it: the
     * same checks, on a new session that is never persisted or on the stored one detached first, so nothing is written
     * or announced. The request may be one whose syntax was refused (a check answers every mistake at once): what it
     * lacks is what the rules then say.
     */
    @WithSession
    public Uni<Void> check(String organisationId, UUID sessionId, SessionRequest request) {
        if (sessionId == null) {
            return Uni.createFrom()
                    .deferred(() -> createdChecks(drafted(organisationId, request)))
                    .replaceWithVoid();
        }
        return ownSession(organisationId, sessionId)
                .call(session -> Panache.getSession().invoke(hibernate -> hibernate.detach(session)))
                .flatMap(session -> edited(session, request))
                .replaceWithVoid();
    }

    /**
     * Replaces a draft's or a published session's details. A published change is announced as EventChanged with
     * what changed and sequence + 1; an occurrence of a series edited this way keeps its changes through series edits.
     */
    @WithTransaction
    public Uni<Located> update(String organisationId, UUID sessionId, SessionRequest request) {
        return ownSession(organisationId, sessionId)
                .flatMap(session -> edited(session, request).flatMap(edit -> {
                    if (edit.changed().isEmpty()) {
                        return withPartVenues(new Located(session, edit.venue()));
                    }
                    if (session.seriesId != null) {
                        session.occurrenceOverride = OccurrenceOverrideKind.CHANGED;
                    }
                    return announceChange(session, edit.changed())
                            .flatMap(ignored -> withPartVenues(new Located(session, edit.venue())));
                }));
    }

    /** An edit that passed every check: the session's venue and what changed, in EventChanged's words. */
    private record Edit(Venue venue, List<String> changed) {}

    /**
     * Applies the request to the session and checks the result, failing with the first refusal (the rules' all at
     * once); the transaction rolls back on a refusal, so the entity changed here is never written then.
     */
    private Uni<Edit> edited(Session session, SessionRequest request) {
        if (session.status == SessionStatus.CANCELLED || session.status == SessionStatus.COMPLETED) {
            return Uni.createFrom()
                    .failure(Refusal.conflict(
                            "session-closed",
                            "This session is " + session.status.name().toLowerCase()
                                    + "; it can no longer be edited."));
        }
        if (session.status == SessionStatus.PUBLISHED
                && !session.kind.wireName().equals(request.kind())) {
            return Uni.createFrom()
                    .failure(Refusal.invalid(
                            "kind-fixed-after-publish",
                            "A published session keeps its kind; cancel it and create a new one instead."));
        }
        var before = SessionChanges.Snapshot.of(session);
        var rulesBefore = FrozenLotteryRules.Rules.of(session);
        OffsetDateTime startedBefore = session.startsAt;
        OffsetDateTime deadlineBefore = session.childcareOffered ? session.childcareDeadline : null;
        OffsetDateTime now = now();
        boolean lotteryOpen = FrozenLotteryRules.applicationsOpen(session.status, rulesBefore, now);
        SessionMapper.apply(request, session);
        boolean moved = startedBefore == null
                || session.startsAt == null
                || !session.startsAt
                        .truncatedTo(ChronoUnit.MINUTES)
                        .isEqual(startedBefore.truncatedTo(ChronoUnit.MINUTES));
        if (moved && startsInThePast(session, now)) {
            // a session that has begun may still have its texts corrected; only moving it into the past is refused
            return Uni.createFrom().failure(startInThePast());
        }
        if (lotteryOpen) {
            var rulesAfter = FrozenLotteryRules.Rules.of(session);
            List<String> frozen = FrozenLotteryRules.touched(rulesBefore, rulesAfter, now);
            if (!frozen.isEmpty()) {
                return Uni.createFrom()
                        .failure(Refusal.conflict(
                                "lottery-rules-frozen",
                                "Applications to this lottery are open, so these cannot change any more: "
                                        + String.join(", ", frozen)
                                        + ". Texts, the venue, the times and a deadline that has not passed yet"
                                        + " (later only) may still change.",
                                frozen.stream()
                                        .map(field -> new FieldViolation(
                                                field,
                                                "Applications are open: this cannot change any more",
                                                "FROZEN_WHILE_APPLICATIONS_OPEN"))
                                        .toList()));
            }
            if (FrozenLotteryRules.deadlineMovedEarlier(
                    rulesBefore.applicationClosesAt(), rulesAfter.applicationClosesAt(), now)) {
                String detail = "Applications to this lottery are open until " + rulesBefore.applicationClosesAt()
                        + "; the deadline can move later, never earlier: women plan their applications by it.";
                return Uni.createFrom()
                        .failure(Refusal.conflict(
                                "lottery-deadline-earlier",
                                detail,
                                List.of(new FieldViolation("applicationClosesAt", detail, "DEADLINE_MOVED_EARLIER"))));
            }
        }
        // moved with its childcare deadline left as it was: the deadline keeps its distance before the start
        var deadline = MovedChildcareDeadline.of(
                Tokyo.local(startedBefore),
                Tokyo.local(deadlineBefore),
                Tokyo.local(session.startsAt),
                session.childcareOffered ? Tokyo.local(session.childcareDeadline) : null,
                Tokyo.local(now));
        List<FieldViolation> moveViolations = new ArrayList<>();
        if (deadline.violation() != null) {
            var v = deadline.violation();
            moveViolations.add(
                    new FieldViolation(v.field(), v.message(), v.code().name()));
        } else if (deadline.followedTheStart()) {
            session.childcareDeadline = Tokyo.at(deadline.deadline());
        }
        List<String> changed = SessionChanges.between(before, SessionChanges.Snapshot.of(session));
        return validated(session, moveViolations).map(venue -> new Edit(venue, changed));
    }

    /** Bumps sequence and appends EventChanged when the session is published; drafts change silently. */
    Uni<Void> announceChange(Session session, List<String> changed) {
        session.updatedAt = now();
        if (session.status != SessionStatus.PUBLISHED || changed.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        session.sequence++;
        return venueFacts(session)
                .flatMap(venue -> outbox.append(
                        EventTypes.EVENT_CHANGED, session.id, SessionEvents.changed(session, changed, venue)));
    }

    @WithTransaction
    public Uni<Located> publish(String organisationId, UUID sessionId) {
        return ownSession(organisationId, sessionId).flatMap(session -> {
            if (session.status == SessionStatus.PUBLISHED) {
                return located(session);
            }
            if (session.status != SessionStatus.DRAFT) {
                return Uni.createFrom()
                        .failure(Refusal.conflict(
                                "session-not-draft",
                                "Only a draft can be published; this session is "
                                        + session.status.name().toLowerCase() + "."));
            }
            if (startsInThePast(session, now())) {
                return Uni.createFrom().failure(startInThePast());
            }
            return publishDraft(session).flatMap(ignored -> located(session));
        });
    }

    /**
     * Nobody can book a session that has begun, and a funder report would count it as held: an organiser creates,
     * publishes or moves a session to a start still ahead. Only this API's create, publish and update ask; a series'
     * occurrences are planned from its horizon on, and tests that need a past session move its row.
     */
    private static boolean startsInThePast(Session session, OffsetDateTime now) {
        return session.startsAt != null && session.startsAt.isBefore(now);
    }

    private static Refusal startInThePast() {
        String detail =
                "startsAt has passed: a session can only be created, published or moved to a start still ahead.";
        return Refusal.rules(
                "session-start-past", detail, List.of(new FieldViolation("startsAt", detail, "START_IN_PAST")));
    }

    Uni<Void> publishDraft(Session session) {
        session.status = SessionStatus.PUBLISHED;
        session.updatedAt = now();
        return venueFacts(session)
                .flatMap(venue ->
                        outbox.append(EventTypes.EVENT_PUBLISHED, session.id, SessionEvents.published(session, venue)));
    }

    /**
     * The venue's public name and the partner groups linked to it as committed, for EventPublished/EventChanged
     * (notification checks partners' webhook subscriptions with the groups and names the venue in their digest). A later
     * change of the venue's links or name is not a session change: VenueChanged says it. The row is share-locked until
     * this transaction ends, so a save of the venue (an unlink) cannot commit between this read and this event's time:
     * otherwise the event would state the old groups with a later time than the unlink's, and link the group again
     * (docs/adr/0082).
     */
    static Uni<SessionEvents.VenueFacts> venueFacts(Session session) {
        if (session.venueId == null) {
            return Uni.createFrom().item(SessionEvents.VenueFacts.NONE);
        }
        return VenueLocks.announced(session.venueId)
                .map(venue -> venue == null
                        ? SessionEvents.VenueFacts.NONE
                        : new SessionEvents.VenueFacts(
                                venue.nameJa(), venue.nameEn(), JsonColumns.strings(venue.partnerGroupsJson())));
    }

    /** Cancelling is idempotent; a published session's cancellation is announced, a draft's is not (nobody knew it). */
    @WithTransaction
    public Uni<Located> cancel(String organisationId, UUID sessionId) {
        return ownSession(organisationId, sessionId).flatMap(session -> {
            if (session.status == SessionStatus.COMPLETED) {
                return Uni.createFrom()
                        .failure(Refusal.conflict(
                                "session-closed", "This session took place and is completed; it cannot be cancelled."));
            }
            if (session.status == SessionStatus.CANCELLED) {
                return located(session);
            }
            if (session.seriesId != null) {
                session.occurrenceOverride = OccurrenceOverrideKind.CANCELLED;
            }
            return cancelSession(session).flatMap(ignored -> located(session));
        });
    }

    Uni<Void> cancelSession(Session session) {
        boolean wasPublished = session.status == SessionStatus.PUBLISHED;
        OffsetDateTime now = now();
        session.status = SessionStatus.CANCELLED;
        session.updatedAt = now;
        if (!wasPublished) {
            return Uni.createFrom().voidItem();
        }
        // A cancellation is a change calendars must pick up: SEQUENCE grows, STATUS:CANCELLED.
        session.sequence++;
        return outbox.append(EventTypes.EVENT_CANCELLED, session.id, SessionEvents.cancelled(session, now));
    }

    @WithTransaction
    public Uni<Located> complete(String organisationId, UUID sessionId) {
        return ownSession(organisationId, sessionId).flatMap(session -> {
            if (session.status == SessionStatus.COMPLETED) {
                return located(session);
            }
            if (session.status != SessionStatus.PUBLISHED) {
                return Uni.createFrom()
                        .failure(Refusal.conflict(
                                "session-not-published",
                                "Only a published session can be completed; this one is "
                                        + session.status.name().toLowerCase() + "."));
            }
            // Marked as taken place only once it began: completing starts the deletion clocks, ends the public page's
            // booking and offers the survey, so one early tap would end a session women still plan to come to.
            if (now().isBefore(session.startsAt)) {
                return Uni.createFrom()
                        .failure(Refusal.conflict(
                                "session-not-started",
                                "A session can be marked as taken place once it has started; this one has not."));
            }
            return completeSession(session).flatMap(ignored -> located(session));
        });
    }

    private Uni<Void> completeSession(Session session) {
        OffsetDateTime now = now();
        session.status = SessionStatus.COMPLETED;
        session.updatedAt = now;
        return outbox.append(EventTypes.EVENT_COMPLETED, session.id, SessionEvents.completed(session, now));
    }

    /**
     * Completes published sessions whose end has passed (EventCompleted starts the other services' deletion clocks).
     * The rows are locked and rows another replica holds are skipped, so with N replicas each session is completed, and
     * announced, exactly once.
     */
    @WithTransaction
    public Uni<Integer> completeEnded(int batchSize) {
        return EndedSessions.lockBatch(now(), batchSize).flatMap(ended -> {
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (Session session : ended) {
                chain = chain.flatMap(ignored -> completeSession(session));
            }
            return chain.replaceWith(ended.size());
        });
    }

    @WithSession
    public Uni<Session> ownSession(String organisationId, UUID sessionId) {
        // Another organisation's session answers exactly like a missing one: 404, never 403.
        return Session.<Session>find("id = ?1 and organisationId = ?2", sessionId, organisationId)
                .firstResult()
                .onItem()
                .ifNull()
                .failWith(() -> Refusal.notFound("session"));
    }

    @WithSession
    public Uni<Located> ownLocated(String organisationId, UUID sessionId) {
        return ownSession(organisationId, sessionId).flatMap(this::located);
    }

    @WithSession
    public Uni<List<Located>> own(String organisationId, int page, int size) {
        return own(organisationId, null, null, false, page, size);
    }

    /**
     * Her organisation's sessions starting in [from, before), either end open when null; by start, the latest first
     * when {@code newestFirst} (her past sessions, the most recent on the first page).
     */
    @WithSession
    public Uni<List<Located>> own(
            String organisationId,
            OffsetDateTime from,
            OffsetDateTime before,
            boolean newestFirst,
            int page,
            int size) {
        String order = newestFirst ? " order by startsAt desc, id desc" : " order by startsAt, id";
        var query = from == null && before == null
                ? Session.<Session>find("organisationId = ?1" + order, organisationId)
                : Session.<Session>find(
                        "organisationId = ?1 and startsAt >= ?2 and startsAt < ?3" + order,
                        organisationId,
                        from == null ? OffsetDateTime.parse("1970-01-01T00:00:00Z") : from,
                        before == null ? OffsetDateTime.parse("9999-01-01T00:00:00Z") : before);
        return query.page(page, size).list().flatMap(this::withVenues);
    }

    @WithSession
    public Uni<Located> publishedSession(UUID sessionId) {
        return Session.<Session>find("id = ?1 and status in ?2", sessionId, VISIBLE)
                .firstResult()
                .onItem()
                .ifNull()
                .failWith(() -> Refusal.notFound("session"))
                .flatMap(this::located);
    }

    /** A page of the public list, and the earliest end among every session the filter matches (null: none). */
    public record UpcomingPage(List<Located> sessions, OffsetDateTime firstEnd) {}

    /**
     * A page of upcoming published sessions, and the moment the first session the filter matches ends (the page may
     * change then).
     */
    @WithSession
    public Uni<UpcomingPage> upcomingPage(Filter filter, int page, int size) {
        Parameters parameters = new Parameters();
        String where = upcomingWhere(filter, parameters);
        return Session.<Session>find(where + " order by startsAt, id", parameters)
                .page(page, size)
                .list()
                .flatMap(this::withVenues)
                .flatMap(found -> found.isEmpty() && page == 0
                        ? Uni.createFrom().item(new UpcomingPage(found, null))
                        : Panache.getSession()
                                .flatMap(session -> {
                                    var query = session.createSelectionQuery(
                                            "select min(endsAt) from Session where " + where, OffsetDateTime.class);
                                    parameters.map().forEach(query::setParameter);
                                    return query.getSingleResultOrNull();
                                })
                                .map(firstEnd -> new UpcomingPage(found, firstEnd)));
    }

    private static String upcomingWhere(Filter filter, Parameters parameters) {
        StringBuilder query = new StringBuilder("status = :published and endsAt >= :from");
        parameters.and("published", SessionStatus.PUBLISHED).and("from", filter.from());
        if (filter.to() != null) {
            query.append(" and startsAt < :to");
            parameters.and("to", filter.to());
        }
        if (filter.venueId() != null) {
            query.append(" and venueId = :venueId");
            parameters.and("venueId", filter.venueId());
        }
        if (filter.area() != null) {
            query.append(" and venueId in (select v.id from Venue v where v.area = :area)");
            parameters.and("area", filter.area());
        }
        if (filter.kind() != null) {
            query.append(" and kind = :kind");
            parameters.and("kind", filter.kind());
        }
        if (filter.childcareOffered() != null) {
            query.append(" and childcareOffered = :childcare");
            parameters.and("childcare", filter.childcareOffered());
        }
        if (filter.online() != null) {
            query.append(filter.online() ? " and kind = :online" : " and kind <> :online");
            parameters.and("online", Session.SessionKind.online);
        }
        return query.toString();
    }

    /**
     * The schedule of the venues linked to a partner group: published, cancelled and completed sessions, either
     * upcoming or (with {@code changedSince}) every one changed since then, cancellations included.
     */
    @WithSession
    public Uni<List<Located>> partnerSchedule(String partnerGroup, OffsetDateTime changedSince, int limit) {
        String venues = "venueId in (select v.id from Venue v where v.partnerGroupsJson like :group)";
        Parameters parameters = Parameters.with(
                        "group", io.ibasho.event.mapping.VenueMapper.partnerGroupPattern(partnerGroup))
                .and("visible", VISIBLE);
        String query;
        if (changedSince != null) {
            query = venues + " and status in :visible and updatedAt > :since order by updatedAt, id";
            parameters.and("since", changedSince);
        } else {
            query = venues + " and status in :visible and endsAt >= :now order by startsAt, id";
            parameters.and("now", now());
        }
        return Session.<Session>find(query, parameters).page(0, limit).list().flatMap(this::withVenues);
    }

    Uni<Located> located(Session session) {
        if (session.venueId == null) {
            return withPartVenues(new Located(session, null));
        }
        return Venue.<Venue>findById(session.venueId).flatMap(venue -> withPartVenues(new Located(session, venue)));
    }

    /** The venues of the session's parts that meet elsewhere (none for most sessions: no query then). */
    private static Uni<Located> withPartVenues(Located located) {
        Set<UUID> ids = SessionMapper.partVenueIds(located.session());
        if (ids.isEmpty()) {
            return Uni.createFrom().item(located);
        }
        return Venue.<Venue>list("id in ?1", List.copyOf(ids)).map(found -> {
            Map<UUID, Venue> byId = new HashMap<>();
            found.forEach(v -> byId.put(v.id, v));
            return new Located(located.session(), located.venue(), byId);
        });
    }

    Uni<List<Located>> withVenues(List<Session> sessions) {
        // the sessions' venues and the venues their parts meet at elsewhere, in one query
        Set<UUID> allIds = new java.util.LinkedHashSet<>();
        sessions.stream().map(s -> s.venueId).filter(java.util.Objects::nonNull).forEach(allIds::add);
        sessions.forEach(s -> allIds.addAll(SessionMapper.partVenueIds(s)));
        List<UUID> venueIds = List.copyOf(allIds);
        Uni<List<Venue>> venues =
                venueIds.isEmpty() ? Uni.createFrom().item(List.of()) : Venue.list("id in ?1", venueIds);
        return venues.map(list -> {
            Map<UUID, Venue> byId = new HashMap<>();
            list.forEach(v -> byId.put(v.id, v));
            return sessions.stream()
                    .map(s -> new Located(s, s.venueId == null ? null : byId.get(s.venueId), partVenuesOf(s, byId)))
                    .toList();
        });
    }

    private static Map<UUID, Venue> partVenuesOf(Session session, Map<UUID, Venue> byId) {
        Set<UUID> ids = SessionMapper.partVenueIds(session);
        if (ids.isEmpty()) {
            return Map.of();
        }
        Map<UUID, Venue> own = new HashMap<>();
        ids.stream().filter(byId::containsKey).forEach(id -> own.put(id, byId.get(id)));
        return own;
    }

    /**
     * A part may meet at another venue, but only one of the session's own organisation: anything else is a bad request
     * (400, {@code parts[n].venueId}), checked before the rules, as a venue that is not hers does not exist for her.
     */
    private static Uni<Void> partVenuesKnown(Session session) {
        Set<UUID> ids = SessionMapper.partVenueIds(session);
        if (ids.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Venue.<Venue>list("id in ?1 and organisationId = ?2", List.copyOf(ids), session.organisationId)
                .map(found -> {
                    Set<UUID> known = new java.util.HashSet<>();
                    found.forEach(v -> known.add(v.id));
                    List<FieldViolation> violations = new ArrayList<>();
                    List<JsonColumns.StoredPart> parts = JsonColumns.parts(session.partsJson);
                    for (int i = 0; i < parts.size(); i++) {
                        UUID venueId = parts.get(i).venueId();
                        if (venueId != null && !known.contains(venueId)) {
                            violations.add(new FieldViolation(
                                    "parts[" + i + "].venueId",
                                    "No venue " + venueId + " in your organisation",
                                    "VENUE_UNKNOWN"));
                        }
                    }
                    if (!violations.isEmpty()) {
                        throw Refusal.invalidFields(violations);
                    }
                    return null;
                });
    }

    /**
     * Checks the session against SessionRules with its venue (own organisation only) and the other sessions holding
     * its room; fails with 422 listing every violation. Returns the venue.
     */
    Uni<Venue> validated(Session session) {
        return validated(session, List.of());
    }

    /** {@code already}: violations the caller found, refused together with the rules'. */
    private Uni<Venue> validated(Session session, List<FieldViolation> already) {
        Uni<Venue> venue = partVenuesKnown(session)
                .flatMap(ignored -> session.venueId == null
                        ? Uni.createFrom().<Venue>nullItem()
                        : Venue.<Venue>find("id = ?1 and organisationId = ?2", session.venueId, session.organisationId)
                                .firstResult());
        return venue.flatMap(found -> {
            List<FieldViolation> violations = new ArrayList<>(already);
            if (session.venueId != null && found == null) {
                violations.add(new FieldViolation(
                        "venueId", "No venue " + session.venueId + " in your organisation", "VENUE_UNKNOWN"));
            }
            // workshops are held to both by SessionRules already; a lottery of any other kind is held here
            if (session.allocation == Session.Allocation.LOTTERY && session.kind != Session.SessionKind.workshop) {
                // a lottery without a deadline would never draw, and without a capacity it has no seats to draw
                if (session.applicationClosesAt == null) {
                    violations.add(new FieldViolation(
                            "applicationCloses",
                            "A lottery needs an application deadline: it is drawn when applications close",
                            "DEADLINE_REQUIRED"));
                }
                if (session.capacity == null) {
                    violations.add(new FieldViolation(
                            "capacity",
                            "A lottery needs a capacity: the number of seats it draws",
                            "CAPACITY_REQUIRED"));
                }
            }
            if (session.lotteryJson != null && session.allocation != Session.Allocation.LOTTERY) {
                violations.add(new FieldViolation(
                        "lottery",
                        "Lottery rules are only for allocation LOTTERY; remove them or choose LOTTERY",
                        "LOTTERY_SETTINGS_WITHOUT_LOTTERY"));
            }
            if (session.roomId != null) {
                if (found == null) {
                    violations.add(new FieldViolation("roomId", "A room needs a venue", "ROOM_WITHOUT_VENUE"));
                } else if (JsonColumns.rooms(found.roomsJson).stream().noneMatch(r -> r.id().equals(session.roomId))) {
                    violations.add(new FieldViolation(
                            "roomId",
                            "Venue " + found.nameJa + " has no room '" + session.roomId + "'",
                            "ROOM_UNKNOWN"));
                }
            }
            return roomBookings(session).map(bookings -> {
                SessionRules.validate(SessionMapper.toDraft(session, found), bookings)
                        .forEach(v -> violations.add(new FieldViolation(
                                v.field(), v.message(), v.code().name())));
                if (!violations.isEmpty()) {
                    String summary = violations.stream()
                            .map(v -> v.field() + ": " + v.message())
                            .reduce((a, b) -> a + "; " + b)
                            .orElse("");
                    throw Refusal.rules("session-rules", violations.size() + " rule(s) broken: " + summary, violations);
                }
                return found;
            });
        });
    }

    private Uni<List<RoomBooking>> roomBookings(Session session) {
        if (session.venueId == null || session.roomId == null || session.startsAt == null || session.endsAt == null) {
            return Uni.createFrom().item(List.of());
        }
        return Session.<Session>list(
                        "venueId = ?1 and roomId = ?2 and status in ?3 and startsAt < ?4 and endsAt > ?5 and id <> ?6",
                        session.venueId,
                        session.roomId,
                        List.of(SessionStatus.DRAFT, SessionStatus.PUBLISHED),
                        session.endsAt,
                        session.startsAt,
                        session.id)
                .map(others -> others.stream()
                        .map(o -> new RoomBooking(
                                o.id.toString(), o.roomId, Tokyo.local(o.startsAt), Tokyo.local(o.endsAt)))
                        .toList());
    }

    OffsetDateTime now() {
        return OffsetDateTime.now(clock);
    }
}
