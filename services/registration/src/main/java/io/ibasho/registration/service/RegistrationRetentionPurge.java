package io.ibasho.registration.service;

import io.ibasho.plumbing.inbox.ProcessedMessage;
import io.ibasho.plumbing.inbox.SessionTombstone;
import io.ibasho.plumbing.retention.RetentionStep;
import io.ibasho.registration.SessionCopy;
import io.ibasho.registration.config.RegistrationConfig;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Deletes the registrations of sessions that ended more than {@code ibasho.registration.retention.after-session} ago
 * (default 30 days): nicknames, account ids, children's ages and booking codes, i.e. the record of where a woman was.
 * First it keeps one row of anonymous totals per session (confirmed, attended, no-show, cancelled, still waiting,
 * with childcare, drop-ins) for the organisation's reports. Roster-read audit rows go after
 * {@code ibasho.registration.retention.roster-audit} (a year). The lottery's seed, draw and published result stay:
 * they name registration ids only, and a past draw must stay checkable.
 */
@ApplicationScoped
public class RegistrationRetentionPurge implements RetentionStep {
    private static final Logger LOG = Logger.getLogger(RegistrationRetentionPurge.class);

    private final RegistrationConfig config;
    private final Clock clock;

    public RegistrationRetentionPurge(RegistrationConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(
            every = "${ibasho.registration.retention.purge-interval:1h}",
            delayed = "2m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> onSchedule() {
        return anonymiseEndedSessions()
                .call(this::forgetHandledEventIds)
                .call(this::forgetSessionTombstones)
                .replaceWithVoid();
    }

    /** Handled event ids older than {@link ProcessedMessage#REMEMBERED} are forgotten (the table only grew: #14). */
    @WithTransaction
    public Uni<Integer> forgetHandledEventIds() {
        return ProcessedMessage.forgetHandledBefore(OffsetDateTime.now(clock).minus(ProcessedMessage.REMEMBERED));
    }

    /** Ends of sessions read before their publication are forgotten after {@link SessionTombstone#KEPT}. */
    @WithTransaction
    public Uni<Integer> forgetSessionTombstones() {
        return SessionTombstone.forgetBefore(OffsetDateTime.now(clock).minus(SessionTombstone.KEPT));
    }

    /**
     * The job's work, callable directly (tests, an operator's console).
     *
     * @return how many sessions were reduced to totals in this run
     */
    @WithTransaction
    public Uni<Integer> anonymiseEndedSessions() {
        return anonymiseEndedSessions(clock.instant());
    }

    @Override
    public String name() {
        return "registration-sessions";
    }

    /** The job's work as of {@code at} (the schedule passes the clock's now; RetentionOnDemand any time). */
    @Override
    public Uni<Integer> runAsOf(Instant at) {
        return anonymiseEndedSessions(at);
    }

    @WithTransaction
    public Uni<Integer> anonymiseEndedSessions(Instant at) {
        OffsetDateTime now = at.atOffset(java.time.ZoneOffset.UTC);
        OffsetDateTime endedBefore = now.minus(config.retention().afterSession());
        // The session row is locked like every booking locks it, so no seat moves while the totals are taken; a busy
        // session (SKIP LOCKED) waits for the next run instead of blocking this one.
        return Panache.getSession()
                .flatMap(s -> s.createNativeQuery(
                                "select * from session_copy c where coalesce(c.ends_at, c.starts_at) < :endedBefore "
                                        + "and not exists (select 1 from session_registration_total t where t.session_id = c.id) "
                                        + "order by c.starts_at limit :limit for update skip locked",
                                SessionCopy.class)
                        .setParameter("endedBefore", endedBefore)
                        .setParameter("limit", config.retention().sessionsPerRun())
                        .getResultList())
                .flatMap(sessions -> sessions.isEmpty()
                        ? Uni.createFrom().item(0)
                        : Multi.createFrom()
                                .iterable(sessions)
                                .onItem()
                                .transformToUniAndConcatenate(session -> anonymise(session, now))
                                .collect()
                                .asList()
                                .map(List::size))
                .call(() -> Panache.getSession().flatMap(s -> s.createNativeQuery(
                                "delete from roster_audit where read_at < :before")
                        .setParameter("before", now.minus(config.retention().rosterAudit()))
                        .executeUpdate()))
                .invoke(sessions -> {
                    if (sessions > 0) {
                        LOG.infof("reduced the registrations of %d past session(s) to anonymous totals", sessions);
                    }
                });
    }

    /** Returns the session's id (not void: a Multi drops null items, and the caller counts them). */
    private static Uni<java.util.UUID> anonymise(SessionCopy session, OffsetDateTime now) {
        // totals and deletion in one statement pair of the same transaction: nothing personal is copied anywhere
        return Panache.getSession()
                .flatMap(s -> s.createNativeQuery(
                                "insert into session_registration_total (session_id, organisation_id, confirmed, "
                                        + "attended, no_show, cancelled, waitlisted, with_childcare, drop_ins, anonymised_at, "
                                        + "applications, children_0_2, children_3_5, children_6_up) "
                                        + "select :id, :org, "
                                        + "count(*) filter (where r.status = 'CONFIRMED'), "
                                        + "count(*) filter (where r.status = 'CONFIRMED' and r.attendance = 'ATTENDED'), "
                                        + "count(*) filter (where r.status = 'CONFIRMED' and r.attendance = 'NO_SHOW'), "
                                        + "count(*) filter (where r.status in ('CANCELLED', 'CHILDCARE_UNAVAILABLE')), "
                                        + "count(*) filter (where r.status in ('WAITLISTED', 'APPLIED')), "
                                        + "count(*) filter (where r.status = 'CONFIRMED' and r.childcare_status = 'RESERVED'), "
                                        + ":dropIns, :now, "
                                        + ReportFigures.APPLICATIONS + ", "
                                        + ReportFigures.CHILDREN_BY_BAND
                                        + " from registration r join session_copy c on c.id = r.session_id "
                                        + ReportFigures.CHILDREN_OF_EACH_BOOKING
                                        + " where r.session_id = :id")
                        .setParameter("id", session.id)
                        .setParameter("org", session.organisationId)
                        .setParameter("dropIns", session.dropInCount)
                        .setParameter("now", now)
                        .executeUpdate()
                        .flatMap(ignored -> s.createNativeQuery("delete from registration where session_id = :id")
                                .setParameter("id", session.id)
                                .executeUpdate())
                        // a course booking whose every date has been deleted holds nothing but her account id
                        // a course's applications and waitlist places go with its last date (session_ids ends with it)
                        .flatMap(ignored -> s.createNativeQuery("delete from course_request q where q.course_id in "
                                        + "(select c.id from course_copy c where c.session_ids like :last)")
                                .setParameter("last", "%" + session.id)
                                .executeUpdate())
                        .flatMap(ignored -> s.createNativeQuery("delete from course_booking b where not exists "
                                        + "(select 1 from registration r where r.course_booking_id = b.id)")
                                .executeUpdate()))
                .replaceWith(session.id);
    }
}
