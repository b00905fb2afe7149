package io.ibasho.event.service;

import io.ibasho.event.Session;
import io.ibasho.event.Session.OccurrenceOverrideKind;
import io.ibasho.event.Session.SessionStatus;
import io.ibasho.event.SessionSeries;
import io.ibasho.event.config.SeriesConfig;
import io.ibasho.event.mapping.SessionChanges;
import io.ibasho.event.mapping.Tokyo;
import io.ibasho.event.schedule.Allocation;
import io.ibasho.event.schedule.Occurrence;
import io.ibasho.event.schedule.OccurrenceDetails;
import io.ibasho.event.schedule.OccurrenceOverride;
import io.ibasho.event.schedule.RecurrenceExpansion;
import io.ibasho.event.schedule.RecurrenceId;
import io.ibasho.event.schedule.ScheduleWindow;
import io.ibasho.event.schedule.Series;
import io.ibasho.event.schedule.SeriesPlan;
import io.ibasho.event.schedule.SeriesPlanner;
import io.ibasho.event.schedule.SeriesSchedule;
import io.ibasho.event.schedule.SeriesTemplateRules;
import io.ibasho.event.schedule.TokyoTime;
import io.ibasho.plumbing.refusal.FieldViolation;
import io.ibasho.plumbing.refusal.Refusal;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Series are stored as their rule plus one session per occurrence over the horizon. SeriesPlanner decides what a
 * series edit does to the stored sessions; occurrences changed or cancelled on their own are never overwritten.
 */
@ApplicationScoped
public class SeriesService {
    private final SessionService sessions;
    private final SeriesConfig config;
    private final Clock clock;

    public SeriesService(SessionService sessions, SeriesConfig config, Clock clock) {
        this.clock = clock;
        this.sessions = sessions;
        this.config = config;
    }

    /**
     * A series, its stored occurrences, and how far they reach: dates are made up to {@code datesMadeThrough} (today
     * plus the horizon, the day before); {@code nextDateToMake} is the rule's first date after that, which the horizon
     * job adds as time passes, or null when the rule has no later date.
     */
    public record SeriesWithOccurrences(
            SessionSeries series, List<Session> occurrences, LocalDate datesMadeThrough, LocalDate nextDateToMake) {}

    @WithTransaction
    public Uni<SeriesWithOccurrences> create(String organisationId, SeriesRequest request) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        SessionSeries series = new SessionSeries();
        series.id = UUID.randomUUID();
        series.organisationId = organisationId;
        series.status = SessionStatus.DRAFT;
        series.createdAt = now;
        apply(request, series);
        checkTemplate(series);
        Series domain = toDomain(series);
        LocalDate today = LocalDate.now(clock.withZone(TokyoTime.ZONE));
        return series.persist()
                .flatMap(ignored ->
                        replan(series, domain, List.of(), ScheduleWindow.days(today, today.plus(config.horizon()))))
                .flatMap(ignored -> withOccurrences(series));
    }

    /**
     * What creating this series would refuse, without creating it: its template's rules and, when its schedule reads,
     * every date it would make against the session rules (on unsaved copies, as a preview checks them). The request may
     * be one whose syntax was refused (a check answers every mistake at once).
     */
    @WithSession
    public Uni<Void> check(String organisationId, SeriesRequest request) {
        return Uni.createFrom().deferred(() -> {
            SessionSeries series = new SessionSeries();
            series.id = UUID.randomUUID();
            series.organisationId = organisationId;
            series.status = SessionStatus.DRAFT;
            apply(request, series);
            checkTemplate(series);
            if (!request.scheduleReadable()) {
                return Uni.createFrom().voidItem();
            }
            LocalDate today = LocalDate.now(clock.withZone(TokyoTime.ZONE));
            Planned planned =
                    planOf(toDomain(series), List.of(), ScheduleWindow.days(today, today.plus(config.horizon())));
            return checkedDates(series, planned);
        });
    }

    /**
     * Edits the rule or the defaults; from tomorrow on, the stored occurrences follow, individually edited ones excepted.
     * An occurrence whose lottery applications are open follows too but keeps its frozen rules (FrozenLotteryRules).
     */
    @WithTransaction
    public Uni<SeriesWithOccurrences> update(String organisationId, UUID seriesId, SeriesRequest request) {
        return own(organisationId, seriesId).flatMap(series -> {
            if (series.status != SessionStatus.DRAFT && !series.kind.wireName().equals(request.kind())) {
                return Uni.createFrom()
                        .failure(Refusal.invalid(
                                "kind-fixed-after-publish",
                                "A published series keeps its kind; end it and create a new one instead."));
            }
            apply(request, series);
            checkTemplate(series);
            Series domain = toDomain(series);
            LocalDate today = LocalDate.now(clock.withZone(TokyoTime.ZONE));
            // From tomorrow: today's occurrence may be under way, and what took place is history.
            ScheduleWindow window = ScheduleWindow.days(today.plusDays(1), today.plus(config.horizon()));
            return Session.<Session>list("seriesId = ?1", series.id)
                    .flatMap(stored -> replan(series, domain, stored, window))
                    .flatMap(ignored -> withOccurrences(series));
        });
    }

    /**
     * Changes the series from {@code from} on ("this date and the ones after"): the series ends the day before, and a new
     * series made of {@code request} (its first start on or after {@code from}) takes over the stored occurrences from
     * that day, which it moves or re-equips in place so that their bookings stay with them. Dates changed or cancelled
     * on their own stay as they are, and an occurrence whose lottery applications are open keeps its frozen rules, as in
     * {@link #update}. What took place before {@code from} is history and is not touched.
     */
    @WithTransaction
    public Uni<SeriesWithOccurrences> changeFrom(
            String organisationId, UUID seriesId, LocalDate from, SeriesRequest request) {
        Refusal tooEarly = changeFromRefusal(from, request);
        if (tooEarly != null) {
            return Uni.createFrom().failure(tooEarly);
        }
        LocalDate today = LocalDate.now(clock.withZone(TokyoTime.ZONE));
        return own(organisationId, seriesId).flatMap(old -> {
            if (!from.isAfter(old.firstStart.toLocalDate())) {
                // from its first date on: the whole series changes, as an edit does
                return update(organisationId, seriesId, request);
            }
            if (old.status != SessionStatus.DRAFT && !old.kind.wireName().equals(request.kind())) {
                return Uni.createFrom()
                        .failure(Refusal.invalid(
                                "kind-fixed-after-publish",
                                "A published series keeps its kind; end it and create a new one instead."));
            }
            OffsetDateTime now = OffsetDateTime.now(clock);
            SessionSeries next = new SessionSeries();
            next.id = UUID.randomUUID();
            next.organisationId = organisationId;
            next.status = old.status;
            next.createdAt = now;
            apply(request, next);
            // what the organisers' view of a series leaves out is kept unless the request gives it anew
            if (request.targetAudienceJa() == null) {
                next.targetAudienceJa = old.targetAudienceJa;
            }
            if (request.targetAudienceEn() == null) {
                next.targetAudienceEn = old.targetAudienceEn;
            }
            if (request.meetingLink() == null) {
                next.meetingLink = old.meetingLink;
            }
            if (request.flyer() == null) {
                next.flyerJson = old.flyerJson;
            }
            checkTemplate(next);
            Series domain = toDomain(next);
            LocalDate dayBefore = from.minusDays(1);
            if (old.count != null) {
                // a series ends by a count or a last day, not both: the count becomes the day before, unless it
                // ended earlier anyway
                if (endsBefore(old, from)) {
                    return Uni.createFrom().failure(noDatesFrom(from));
                }
                old.count = null;
                old.lastDay = dayBefore;
            } else if (old.lastDay == null || old.lastDay.isAfter(dayBefore)) {
                old.lastDay = dayBefore;
            }
            old.updatedAt = now;
            toDomain(old); // the shortened rule must still be usable
            LocalDate horizonEnd = today.plus(config.horizon());
            return Session.<Session>list("seriesId = ?1", old.id)
                    .flatMap(stored -> {
                        // the occurrences from that day on change series, keeping their rows (and bookings)
                        List<Session> moved = stored.stream()
                                .filter(s -> !RecurrenceId.parse(s.recurrenceId)
                                        .day()
                                        .isBefore(from))
                                .toList();
                        moved.forEach(s -> s.seriesId = next.id);
                        return next.persist()
                                .flatMap(ignored -> from.isBefore(horizonEnd)
                                        ? replan(next, domain, moved, ScheduleWindow.days(from, horizonEnd))
                                        : Uni.createFrom().voidItem());
                    })
                    .flatMap(ignored -> withOccurrences(next));
        });
    }

    /** Publishes the series: its draft occurrences now, its later occurrences as they are planned. */
    @WithTransaction
    public Uni<SeriesWithOccurrences> publish(String organisationId, UUID seriesId) {
        return own(organisationId, seriesId).flatMap(series -> {
            series.status = SessionStatus.PUBLISHED;
            series.updatedAt = OffsetDateTime.now(clock);
            return Session.<Session>list(
                            "seriesId = ?1 and status = ?2 order by startsAt", series.id, SessionStatus.DRAFT)
                    .flatMap(drafts -> {
                        Uni<Void> chain = Uni.createFrom().voidItem();
                        for (Session draft : drafts) {
                            chain = chain.flatMap(ignored -> sessions.publishDraft(draft));
                        }
                        return chain;
                    })
                    .flatMap(ignored -> withOccurrences(series));
        });
    }

    /**
     * Plans one series again over [tomorrow, today + horizon): the horizon rolls forward, so a series keeps producing
     * sessions. Overrides are respected exactly as in an edit.
     */
    @WithTransaction
    public Uni<Void> extend(UUID seriesId) {
        // The series row is locked for the replan: with N replicas the second waits and then replans over the sessions
        // the first committed, which plans nothing twice.
        return SessionSeries.<SessionSeries>findById(seriesId, LockModeType.PESSIMISTIC_WRITE)
                .flatMap(series -> {
                    if (series == null) {
                        return Uni.createFrom().voidItem();
                    }
                    LocalDate today = LocalDate.now(clock.withZone(TokyoTime.ZONE));
                    ScheduleWindow window = ScheduleWindow.days(today.plusDays(1), today.plus(config.horizon()));
                    return Session.<Session>list("seriesId = ?1", series.id)
                            .flatMap(stored -> replan(series, toDomain(series), stored, window));
                });
    }

    @WithSession
    public Uni<List<UUID>> seriesIds() {
        return SessionSeries.<SessionSeries>listAll()
                .map(all -> all.stream().map(s -> s.id).toList());
    }

    /** A series and its next date still to come (not cancelled), or null when it has none left. */
    public record SeriesWithNextDate(SessionSeries series, Session nextDate) {}

    /**
     * The organisation's series (never another's): those with a date to come first, soonest first, then those with none
     * left, newest first.
     */
    @WithSession
    public Uni<List<SeriesWithNextDate>> list(String organisationId) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        return SessionSeries.<SessionSeries>list("organisationId = ?1 order by createdAt desc", organisationId)
                .flatMap(all -> Session.<Session>list(
                                "organisationId = ?1 and seriesId is not null and startsAt >= ?2 and status <> ?3"
                                        + " order by startsAt, id",
                                organisationId,
                                now,
                                SessionStatus.CANCELLED)
                        .map(upcoming -> {
                            Map<UUID, Session> next = new HashMap<>();
                            upcoming.forEach(s -> next.putIfAbsent(s.seriesId, s));
                            return all.stream()
                                    .map(s -> new SeriesWithNextDate(s, next.get(s.id)))
                                    .sorted(java.util.Comparator.comparing((SeriesWithNextDate s) ->
                                            s.nextDate() == null ? OffsetDateTime.MAX : s.nextDate().startsAt))
                                    .toList();
                        }));
    }

    @WithSession
    public Uni<SeriesWithOccurrences> get(String organisationId, UUID seriesId) {
        return own(organisationId, seriesId).flatMap(this::withOccurrences);
    }

    private Uni<SessionSeries> own(String organisationId, UUID seriesId) {
        return SessionSeries.<SessionSeries>find("id = ?1 and organisationId = ?2", seriesId, organisationId)
                .firstResult()
                .onItem()
                .ifNull()
                .failWith(() -> Refusal.notFound("series"));
    }

    /** Whether a series that ends after a count of dates has had them all before {@code from}. */
    private boolean endsBefore(SessionSeries old, LocalDate from) {
        int before = RecurrenceExpansion.expand(
                        toDomain(old).schedule(), ScheduleWindow.days(old.firstStart.toLocalDate(), from))
                .slots()
                .size();
        return before >= old.count;
    }

    private static Refusal noDatesFrom(LocalDate from) {
        return Refusal.rules(
                "series-change-from-past",
                "The series has no dates from " + from + " on.",
                List.of(new FieldViolation("from", "the series ends before " + from, "SERIES_ENDS_BEFORE_FROM")));
    }

    /** Why a change from {@code from} on cannot be made (or previewed), or null: the same refusals for both. */
    private Refusal changeFromRefusal(LocalDate from, SeriesRequest request) {
        LocalDate today = LocalDate.now(clock.withZone(TokyoTime.ZONE));
        if (!from.isAfter(today)) {
            return Refusal.rules(
                    "series-change-from-past",
                    "A series changes from tomorrow on at the earliest; change today's session on its own.",
                    List.of(new FieldViolation(
                            "from", "from must be after today (" + today + ")", "FROM_NOT_AFTER_TODAY")));
        }
        if (request.firstStart() != null && request.firstStart().toLocalDate().isBefore(from)) {
            return Refusal.rules(
                    "series-change-from-past",
                    "The changed series starts on or after " + from + ".",
                    List.of(new FieldViolation(
                            "firstStart", "firstStart must be on or after " + from, "FIRST_START_BEFORE_FROM")));
        }
        return null;
    }

    private Uni<SeriesWithOccurrences> withOccurrences(SessionSeries series) {
        LocalDate horizonEnd = LocalDate.now(clock.withZone(TokyoTime.ZONE)).plus(config.horizon());
        LocalDate next = RecurrenceExpansion.firstOnOrAfter(toDomain(series).schedule(), horizonEnd);
        return Session.<Session>list("seriesId = ?1 order by startsAt, id", series.id)
                .map(list -> new SeriesWithOccurrences(series, list, horizonEnd.minusDays(1), next));
    }

    /**
     * What {@link #changeFrom} would do to the dates from {@code from} on, without doing it: the same checks (so the
     * same refusals, field by field) and the same plan, as one line per date. Nothing is stored or announced. The
     * request may be one whose syntax was refused (the preview answers every mistake at once): its template's rules
     * are then checked, and its dates when its schedule reads.
     */
    @WithSession
    public Uni<List<PlannedDate>> previewChangeFrom(
            String organisationId, UUID seriesId, LocalDate from, SeriesRequest request) {
        Refusal tooEarly = changeFromRefusal(from, request);
        if (tooEarly != null) {
            return Uni.createFrom().failure(tooEarly);
        }
        LocalDate today = LocalDate.now(clock.withZone(TokyoTime.ZONE));
        return own(organisationId, seriesId).flatMap(old -> {
            if (old.status != SessionStatus.DRAFT && !old.kind.wireName().equals(request.kind())) {
                return Uni.createFrom()
                        .failure(Refusal.invalid(
                                "kind-fixed-after-publish",
                                "A published series keeps its kind; end it and create a new one instead."));
            }
            SessionSeries next = new SessionSeries();
            next.id = UUID.randomUUID();
            next.organisationId = organisationId;
            next.status = old.status;
            apply(request, next);
            checkTemplate(next);
            if (!request.scheduleReadable()) {
                return Uni.createFrom().item(List.<PlannedDate>of());
            }
            Series domain = toDomain(next);
            boolean whole = !from.isAfter(old.firstStart.toLocalDate());
            if (!whole && old.count != null) {
                if (endsBefore(old, from)) {
                    return Uni.createFrom().failure(noDatesFrom(from));
                }
            }
            // as the change itself: the whole series from tomorrow, or the dates from that day on
            LocalDate start = whole ? today.plusDays(1) : from;
            LocalDate horizonEnd = today.plus(config.horizon());
            return Session.<Session>list("seriesId = ?1", old.id).flatMap(stored -> {
                if (!start.isBefore(horizonEnd)) {
                    return Uni.createFrom().item(List.<PlannedDate>of());
                }
                List<Session> taken = stored.stream()
                        .filter(s -> !RecurrenceId.parse(s.recurrenceId).day().isBefore(start))
                        .toList();
                Planned planned = planOf(domain, taken, ScheduleWindow.days(start, horizonEnd));
                return checkedDates(next, planned).map(ignored -> planned.dates());
            });
        });
    }

    /**
     * Every date a plan would create or re-equip meets the session rules, as when it is saved; on unsaved copies, so
     * nothing of this reaches the stored rows.
     */
    private Uni<Void> checkedDates(SessionSeries next, Planned planned) {
        Uni<Void> checked = Uni.createFrom().voidItem();
        for (Occurrence created : planned.plan().toCreate()) {
            checked = checked.flatMap(ignored -> validated(unsaved(next, null, created), created));
        }
        for (var update : planned.plan().toUpdate()) {
            Session row =
                    planned.byRecurrenceId().get(update.current().recurrenceId().toString());
            checked = checked.flatMap(ignored -> validated(unsaved(next, row, update.planned()), update.planned()));
        }
        for (Occurrence kept : planned.plan().toKeep()) {
            Session row = planned.byRecurrenceId().get(kept.recurrenceId().toString());
            if (row.occurrenceOverride == null) {
                checked = checked.flatMap(ignored -> validated(unsaved(next, row, kept), kept));
            }
        }
        return checked;
    }

    /**
     * One date of a previewed change. {@code change}: ADDED (a new date), CHANGED (moved or re-equipped in place, its
     * bookings stay), UNCHANGED (same time and place; the series' other settings still follow), OWN (changed or
     * cancelled on its own: stays as it is), REMOVED (the new rule has no such date: it is cancelled).
     */
    public record PlannedDate(
            LocalDate day,
            String change,
            UUID sessionId,
            OffsetDateTime startsBefore,
            OffsetDateTime endsBefore,
            OffsetDateTime startsAfter,
            OffsetDateTime endsAfter) {}

    /** The answer of a preview: every date it reaches, in day order. */
    public record ChangePreview(List<PlannedDate> dates) {}

    private record Planned(SeriesPlan plan, Map<String, Session> byRecurrenceId) {
        List<PlannedDate> dates() {
            List<PlannedDate> dates = new java.util.ArrayList<>();
            for (Occurrence o : plan.toCreate()) {
                dates.add(new PlannedDate(
                        o.recurrenceId().day(), "ADDED", null, null, null, Tokyo.at(o.start()), Tokyo.at(o.end())));
            }
            for (var u : plan.toUpdate()) {
                Session s = byRecurrenceId.get(u.current().recurrenceId().toString());
                dates.add(new PlannedDate(
                        u.current().recurrenceId().day(),
                        "CHANGED",
                        s.id,
                        Tokyo.offset(s.startsAt),
                        Tokyo.offset(s.endsAt),
                        Tokyo.at(u.planned().start()),
                        Tokyo.at(u.planned().end())));
            }
            for (Occurrence o : plan.toKeep()) {
                Session s = byRecurrenceId.get(o.recurrenceId().toString());
                dates.add(new PlannedDate(
                        o.recurrenceId().day(),
                        s.occurrenceOverride == null ? "UNCHANGED" : "OWN",
                        s.id,
                        Tokyo.offset(s.startsAt),
                        Tokyo.offset(s.endsAt),
                        Tokyo.offset(s.startsAt),
                        Tokyo.offset(s.endsAt)));
            }
            for (Occurrence o : plan.toCancel()) {
                Session s = byRecurrenceId.get(o.recurrenceId().toString());
                dates.add(new PlannedDate(
                        o.recurrenceId().day(),
                        "REMOVED",
                        s.id,
                        Tokyo.offset(s.startsAt),
                        Tokyo.offset(s.endsAt),
                        null,
                        null));
            }
            dates.sort(java.util.Comparator.comparing(PlannedDate::day));
            return dates;
        }
    }

    private static Planned planOf(Series domain, List<Session> stored, ScheduleWindow window) {
        // Rows a previous plan cancelled are history, not occurrences: the planner may create their day again.
        List<Session> live = stored.stream()
                .filter(s -> !(s.status == SessionStatus.CANCELLED && s.occurrenceOverride == null))
                .toList();
        List<OccurrenceOverride> overrides = live.stream()
                .filter(s -> s.occurrenceOverride != null)
                .map(s -> s.occurrenceOverride == OccurrenceOverrideKind.CANCELLED
                        ? (OccurrenceOverride) OccurrenceOverride.cancelled(RecurrenceId.parse(s.recurrenceId))
                        : OccurrenceOverride.changed(
                                RecurrenceId.parse(s.recurrenceId),
                                Tokyo.local(s.startsAt),
                                Tokyo.local(s.endsAt),
                                details(s)))
                .toList();
        Map<String, Session> byRecurrenceId = new HashMap<>();
        live.forEach(s -> byRecurrenceId.put(s.recurrenceId, s));
        return new Planned(
                SeriesPlanner.plan(
                        domain,
                        overrides,
                        live.stream().map(SeriesService::occurrence).toList(),
                        window),
                byRecurrenceId);
    }

    private Uni<Void> replan(SessionSeries series, Series domain, List<Session> stored, ScheduleWindow window) {
        Planned planned = planOf(domain, stored, window);
        SeriesPlan plan = planned.plan();
        Map<String, Session> byRecurrenceId = planned.byRecurrenceId();

        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Occurrence created : plan.toCreate()) {
            chain = chain.flatMap(ignored -> createOccurrence(series, created));
        }
        for (var update : plan.toUpdate()) {
            Session session = byRecurrenceId.get(update.current().recurrenceId().toString());
            chain = chain.flatMap(ignored -> follow(series, session, update.planned()));
        }
        for (Occurrence kept : plan.toKeep()) {
            Session session = byRecurrenceId.get(kept.recurrenceId().toString());
            if (session.occurrenceOverride == null) {
                // The planner compares time, venue and capacity; titles and the rest follow the series here.
                chain = chain.flatMap(ignored -> follow(series, session, kept));
            }
        }
        for (Occurrence cancelled : plan.toCancel()) {
            Session session = byRecurrenceId.get(cancelled.recurrenceId().toString());
            chain = chain.flatMap(ignored -> sessions.cancelSession(session));
        }
        return chain;
    }

    private Uni<Void> createOccurrence(SessionSeries series, Occurrence occurrence) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        Session session = new Session();
        session.id = UUID.randomUUID();
        session.organisationId = series.organisationId;
        session.seriesId = series.id;
        session.status = SessionStatus.DRAFT;
        session.sequence = 0;
        session.createdAt = now;
        session.updatedAt = now;
        applyOccurrence(series, occurrence, session);
        return validated(session, occurrence)
                .flatMap(ignored -> session.persist())
                .flatMap(ignored -> series.status == SessionStatus.PUBLISHED
                        ? sessions.publishDraft(session)
                        : Uni.createFrom().voidItem());
    }

    private Uni<Void> follow(SessionSeries series, Session session, Occurrence planned) {
        var before = SessionChanges.Snapshot.of(session);
        OffsetDateTime now = OffsetDateTime.now(clock);
        Session frozen = FrozenLotteryRules.applicationsOpen(session.status, FrozenLotteryRules.Rules.of(session), now)
                ? frozenCopy(session)
                : null;
        applyOccurrence(series, planned, session);
        if (frozen != null) {
            FrozenLotteryRules.keepFrozen(frozen, session, now);
        }
        List<String> changed = SessionChanges.between(before, SessionChanges.Snapshot.of(session));
        if (changed.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return validated(session, planned).flatMap(ignored -> sessions.announceChange(session, changed));
    }

    /** A date as the series would make it, never stored: the stored row's id keeps its own room from clashing. */
    private static Session unsaved(SessionSeries series, Session stored, Occurrence occurrence) {
        Session session = new Session();
        session.id = stored == null ? UUID.randomUUID() : stored.id;
        session.organisationId = series.organisationId;
        session.seriesId = series.id;
        session.status = SessionStatus.DRAFT;
        session.sequence = 0;
        applyOccurrence(series, occurrence, session);
        return session;
    }

    /** The fields FrozenLotteryRules.keepFrozen puts back, as they were before the series edit. */
    private static Session frozenCopy(Session session) {
        Session copy = new Session();
        copy.allocation = session.allocation;
        copy.capacity = session.capacity;
        copy.lotteryJson = session.lotteryJson;
        copy.applicationOpensAt = session.applicationOpensAt;
        copy.applicationClosesAt = session.applicationClosesAt;
        copy.childcareOffered = session.childcareOffered;
        copy.childcareMinAge = session.childcareMinAge;
        copy.childcareMaxAge = session.childcareMaxAge;
        copy.childcareCarers = session.childcareCarers;
        copy.childcareMaxChildren = session.childcareMaxChildren;
        copy.childcareDeadline = session.childcareDeadline;
        return copy;
    }

    private Uni<Void> validated(Session session, Occurrence occurrence) {
        return sessions.validated(session)
                .replaceWithVoid()
                .onFailure(Refusal.class)
                .transform(failure -> {
                    var problem = (Refusal) failure;
                    String prefix = "occurrences[" + occurrence.recurrenceId() + "].";
                    return Refusal.rules(
                            problem.type(),
                            "Occurrence " + occurrence.start() + ": " + problem.getMessage(),
                            problem.violations().stream()
                                    .map(v -> new FieldViolation(prefix + v.field(), v.message(), v.code()))
                                    .toList());
                });
    }

    private static void applyOccurrence(SessionSeries series, Occurrence occurrence, Session session) {
        session.recurrenceId = occurrence.recurrenceId().toString();
        session.startsAt = Tokyo.at(occurrence.start());
        session.endsAt = Tokyo.at(occurrence.end());
        session.venueId = occurrence.details().venueId() == null
                ? null
                : UUID.fromString(occurrence.details().venueId());
        session.roomId = occurrence.details().roomId();
        session.capacity = occurrence.details().capacity();
        session.kind = series.kind;
        session.titleJa = series.titleJa;
        session.titleEn = series.titleEn;
        session.targetAudienceJa = series.targetAudienceJa;
        session.targetAudienceEn = series.targetAudienceEn;
        session.allocation = series.allocation;
        session.meetingLink = series.meetingLink;
        session.lotteryJson = series.lotteryJson;
        session.flyerJson = series.flyerJson;
        // The childcare offer, its deadline counted back from this occurrence's start (checked by SessionRules:
        // venue able to host it, ages, carers, deadline not after the start).
        var childcare = io.ibasho.event.mapping.JsonColumns.seriesChildcare(series.childcareJson);
        session.childcareOffered = childcare != null;
        session.childcareMinAge = childcare == null ? null : childcare.minAgeYears();
        session.childcareMaxAge = childcare == null ? null : childcare.maxAgeYears();
        session.childcareCarers = childcare == null ? null : childcare.carers();
        session.childcareMaxChildren = childcare == null ? null : childcare.maxChildren();
        session.childcareDeadline =
                childcare == null ? null : session.startsAt.minusHours(childcare.deadlineHoursBefore());
        // Each occurrence's own application window, counted back from its own start (Tokyo has no DST).
        session.applicationOpensAt = series.applicationOpensDaysBefore == null
                ? null
                : session.startsAt.minusDays(series.applicationOpensDaysBefore);
        session.applicationClosesAt = series.applicationClosesHoursBefore == null
                ? null
                : session.startsAt.minusHours(series.applicationClosesHoursBefore);
    }

    private void apply(SeriesRequest request, SessionSeries series) {
        // a rule, kind, title or allocation its syntax refused reaches here only from a check (every mistake at once)
        series.rrule = request.rrule() == null ? null : request.rrule().strip();
        series.firstStart = request.firstStart();
        // none only from a check, which then plans no dates (scheduleReadable)
        series.durationMinutes = request.durationMinutes() == null ? 0 : request.durationMinutes();
        series.lastDay = request.lastDay();
        series.count = request.count();
        series.kind = io.ibasho.event.mapping.SessionMapper.kindOrNull(request.kind());
        series.titleJa = request.titleJa() == null ? null : request.titleJa().strip();
        series.titleEn = blankToNull(request.titleEn());
        series.targetAudienceJa = blankToNull(request.targetAudienceJa());
        series.targetAudienceEn = blankToNull(request.targetAudienceEn());
        series.venueId = request.venueId();
        series.roomId = blankToNull(request.roomId());
        series.capacity = request.capacity();
        series.allocation =
                io.ibasho.event.mapping.SessionMapper.allocationOrDefault(request.allocation(), series.kind);
        series.meetingLink = blankToNull(request.meetingLink());
        series.flyerJson = io.ibasho.event.mapping.Flyer.write(request.flyer());
        var childcare = request.childcare();
        series.childcareJson = childcare == null || !childcare.isOffered()
                ? null
                : io.ibasho.event.mapping.JsonColumns.writeValue(
                        new io.ibasho.event.mapping.JsonColumns.SeriesChildcare(
                                childcare.minAgeYears(),
                                childcare.maxAgeYears(),
                                childcare.carers(),
                                childcare.maxChildren(),
                                childcare.deadlineHoursBefore()));
        series.lotteryJson = request.lottery() == null
                ? null
                : io.ibasho.event.mapping.JsonColumns.writeValue(
                        request.lottery().toSettings());
        series.applicationOpensDaysBefore = request.applicationOpensDaysBefore();
        series.applicationClosesHoursBefore = request.applicationClosesHoursBefore();
        series.updatedAt = OffsetDateTime.now(clock);
    }

    /** 422 {@code session-rules} on the series' own fields, before any occurrence is planned. */
    private static void checkTemplate(SessionSeries series) {
        var violations = SeriesTemplateRules.validate(new SeriesTemplateRules.Template(
                series.kind == null ? null : io.ibasho.event.schedule.SessionKind.fromCode(series.kind.wireName()),
                series.capacity,
                series.allocation == Session.Allocation.NONE ? null : Allocation.valueOf(series.allocation.name()),
                series.applicationOpensDaysBefore,
                series.applicationClosesHoursBefore,
                series.lotteryJson != null,
                series.childcareJson == null
                        ? null
                        : io.ibasho.event.mapping.JsonColumns.seriesChildcare(series.childcareJson)
                                .deadlineHoursBefore()));
        if (!violations.isEmpty()) {
            String summary = violations.stream()
                    .map(v -> v.field() + ": " + v.message())
                    .reduce((a, b) -> a + "; " + b)
                    .orElse("");
            throw Refusal.rules(
                    "session-rules",
                    violations.size() + " rule(s) broken: " + summary,
                    violations.stream()
                            .map(v -> new FieldViolation(
                                    v.field(), v.message(), v.code().name()))
                            .toList());
        }
    }

    /** Throws InvalidScheduleException (422 invalid-schedule) for a rule that cannot be used. */
    private static Series toDomain(SessionSeries series) {
        SeriesSchedule schedule = new SeriesSchedule(
                series.rrule,
                series.firstStart,
                Duration.ofMinutes(series.durationMinutes),
                series.lastDay,
                series.count);
        return new Series(
                series.id.toString(),
                schedule,
                new OccurrenceDetails(
                        series.venueId == null ? null : series.venueId.toString(), series.roomId, series.capacity));
    }

    private static OccurrenceDetails details(Session session) {
        return new OccurrenceDetails(
                session.venueId == null ? null : session.venueId.toString(), session.roomId, session.capacity);
    }

    private static Occurrence occurrence(Session session) {
        return new Occurrence(
                RecurrenceId.parse(session.recurrenceId),
                Tokyo.local(session.startsAt),
                Tokyo.local(session.endsAt),
                details(session));
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
