package io.ibasho.registration.service;

import io.ibasho.plumbing.refusal.Refusal;
import io.ibasho.registration.CourseCopy;
import io.ibasho.registration.CourseRequest;
import io.ibasho.registration.SessionCopy;
import io.ibasho.registration.lottery.DrawOutcome;
import io.ibasho.registration.lottery.DrawSubject;
import io.ibasho.registration.lottery.LotteryApplicant;
import io.ibasho.registration.lottery.LotteryDraw;
import io.ibasho.registration.lottery.LotteryPolicy;
import io.ibasho.registration.lottery.LotterySeed;
import io.ibasho.registration.lottery.PublishedDraw;
import io.ibasho.registration.lottery.RankedApplicant;
import io.ibasho.registration.lottery.SeedCommitment;
import io.ibasho.registration.repository.SeatLedger;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * A course allocated by lottery (docs/adr/0026): the same draw as a session's (docs/lottery.md, the pure
 * {@link LotteryDraw}), with the course id as the draw's subject and one application per woman for every date.
 * <p>
 * The seats drawn are the places that fit on every date when applications close: the course's free places, but no more
 * than the fewest free seats of any date (single bookings share the dates' seats). The first that many in drawn order
 * win and are booked at once, every date or none, exactly as a first-come course booking; everyone after them waits on
 * the reserve list in drawn order and is offered the whole course when a place and every date's seat come free.
 * Childcare is asked per date after the win and does not decide who wins: a date whose childcare is refused keeps her
 * seat without it (ADR 0022), so the published draw is recomputed with {@code childcareRequiredToWin = false}.
 * <p>
 * Exactly once: one transaction locks the dates' session rows and then the course row (the course lock order), checks
 * that no draw is recorded, draws, books the winners and records the draw.
 */
@ApplicationScoped
public class CourseLotteryService {
    private static final Logger LOG = Logger.getLogger(CourseLotteryService.class);

    private final CourseBookingService courses;
    private final CourseRequestService requests;
    private final Clock clock;

    public CourseLotteryService(CourseBookingService courses, CourseRequestService requests, Clock clock) {
        this.courses = courses;
        this.requests = requests;
        this.clock = clock;
    }

    /** What anyone may know of a course's lottery before and after the draw. */
    public record CourseLotteryInfo(
            CourseCopy course, String commitment, long applications, boolean drawn, OffsetDateTime drawnAt) {}

    /** The draw's audit record for the course's organisers. */
    public record CourseDrawRecord(
            UUID courseId,
            String commitment,
            String seed,
            String inputDigest,
            int seats,
            int winners,
            int reserve,
            OffsetDateTime drawnAt,
            String drawnBy) {}

    /** A fresh secret seed when a lottery course is first known; its commitment is public from then on. */
    public static Uni<Void> ensureSeed(UUID courseId, Clock clock) {
        LotterySeed seed = LotterySeed.generate();
        return Panache.getSession()
                .flatMap(s -> s.flush().flatMap(flushed -> s.createNativeQuery(
                                "insert into course_lottery (course_id, seed_hex, commitment, created_at) "
                                        + "values (:id, :seed, :commitment, :now) on conflict do nothing")
                        .setParameter("id", courseId)
                        .setParameter("seed", seed.toHex())
                        .setParameter("commitment", seed.commitment().sha256Hex())
                        .setParameter("now", OffsetDateTime.now(clock))
                        .executeUpdate()))
                .replaceWithVoid();
    }

    static Uni<Boolean> drawn(UUID courseId) {
        return Panache.getSession()
                .flatMap(s -> s.createNativeQuery(
                                "select count(*) from course_lottery where course_id = :id and drawn_at is not null",
                                Long.class)
                        .setParameter("id", courseId)
                        .getSingleResult())
                .map(count -> count > 0);
    }

    @WithSession
    public Uni<CourseLotteryInfo> info(UUID courseId) {
        return lotteryCourse(courseId).flatMap(course -> Panache.getSession()
                .flatMap(s -> s.createNativeQuery(
                                "select commitment, drawn_at from course_lottery where course_id = :id", Object[].class)
                        .setParameter("id", courseId)
                        .getResultList())
                .flatMap(rows -> CourseRequest.count("courseId = ?1 and kind = ?2", courseId, CourseRequest.LOTTERY)
                        .map(applications -> {
                            Object[] row = rows.isEmpty() ? new Object[2] : rows.get(0);
                            OffsetDateTime drawnAt = timestamp(row[1]);
                            return new CourseLotteryInfo(
                                    course, (String) row[0], applications, drawnAt != null, drawnAt);
                        })));
    }

    /** The published draw, for anyone to recompute with the verifier (no personal data: ids, rules, seed). */
    @WithSession
    public Uni<String> published(UUID courseId) {
        return Panache.getSession()
                .flatMap(s -> s.createNativeQuery(
                                "select published from course_lottery where course_id = :id and published is not null",
                                String.class)
                        .setParameter("id", courseId)
                        .getResultList())
                .map(rows -> {
                    if (rows.isEmpty()) {
                        throw notDrawn();
                    }
                    return rows.get(0);
                });
    }

    @WithSession
    public Uni<CourseDrawRecord> drawRecord(UUID courseId, String organisationId) {
        return ownCourse(courseId, organisationId).flatMap(course -> Panache.getSession()
                .flatMap(s -> s.createNativeQuery(
                                "select published, drawn_by from course_lottery where course_id = :id and published is not null",
                                Object[].class)
                        .setParameter("id", courseId)
                        .getResultList())
                .map(rows -> {
                    if (rows.isEmpty()) {
                        throw notDrawn();
                    }
                    return record(courseId, PublishedDraw.fromJson((String) rows.get(0)[0]), (String) rows.get(0)[1]);
                }));
    }

    /** An organiser of the course's organisation draws once applications have closed (else the scheduler will). */
    @WithTransaction
    public Uni<CourseDrawRecord> drawByHand(UUID courseId, String organisationId, String organiserId) {
        return ownCourse(courseId, organisationId).flatMap(course -> {
            if (!course.lottery()) {
                return Uni.createFrom()
                        .failure(Refusal.conflict("not-lottery", "This course is first-come: there is no draw."));
            }
            if (now().isBefore(course.applicationsCloseAt)) {
                return Uni.createFrom()
                        .failure(Refusal.conflict(
                                "applications-still-open",
                                "Applications are open until " + course.applicationsCloseAt
                                        + "; the draw runs at that deadline by itself."));
            }
            return draw(course, "organiser:" + organiserId)
                    .onItem()
                    .ifNull()
                    .failWith(() -> Refusal.conflict(
                            "already-drawn",
                            "This course's lottery has already been drawn, or no date has a free seat yet."));
        });
    }

    /** Draws every lottery course whose applications have closed, each in its own transaction. */
    @Scheduled(
            every = "${ibasho.course-lottery.draw-check:30s}",
            delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public Uni<Void> drawDue() {
        return Panache.withSession(() -> Panache.getSession().flatMap(s -> s.createNativeQuery(
                                "select c.id from course_copy c join course_lottery l on l.course_id = c.id "
                                        + "where c.allocation = 'LOTTERY' and c.status = 'PUBLISHED' "
                                        + "and c.applications_close_at <= :now and l.drawn_at is null",
                                UUID.class)
                        .setParameter("now", now())
                        .getResultList()))
                .flatMap(due -> {
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (UUID courseId : due) {
                        chain = chain.call(() -> Panache.withTransaction(() -> CourseCopy.<CourseCopy>findById(courseId)
                                        .flatMap(course -> draw(course, "scheduler")))
                                .onFailure()
                                .invoke(failure -> LOG.warnf(
                                        "course lottery %s not drawn this time: %s",
                                        courseId, failure.getClass().getSimpleName()))
                                .onFailure()
                                .recoverWithNull()
                                .replaceWithVoid());
                    }
                    return chain;
                });
    }

    /**
     * The draw itself, in the caller's transaction; null when already drawn or when no place fits on every date yet
     * (then it is tried again later).
     */
    private Uni<CourseDrawRecord> draw(CourseCopy course, String drawnBy) {
        List<UUID> lockOrder = course.sessionIdList().stream().sorted().toList();
        OffsetDateTime now = now();
        return Panache.getSession().flatMap(s -> s.createNativeQuery(
                        "select id from session_copy where id in (:ids) order by id for update", UUID.class)
                .setParameter("ids", lockOrder)
                .getResultList()
                .flatMap(locked -> s.createNativeQuery(
                                "select seed_hex, commitment, drawn_at from course_lottery where course_id = :id for update",
                                Object[].class)
                        .setParameter("id", course.id)
                        .getResultList())
                .flatMap(lottery -> {
                    if (lottery.isEmpty() || lottery.get(0)[2] != null) {
                        return Uni.createFrom().nullItem();
                    }
                    return s.createNativeQuery(
                                    "select least(c.capacity - c.booked_places, coalesce((select min(x.capacity - x.confirmed_seats) "
                                            + "from session_copy x where x.id in (:ids) and x.capacity is not null), c.capacity)) "
                                            + "from course_copy c where c.id = :course for update",
                                    Integer.class)
                            .setParameter("ids", lockOrder)
                            .setParameter("course", course.id)
                            .getSingleResult()
                            .flatMap(free -> free < 1
                                    ? Uni.createFrom().<CourseDrawRecord>nullItem()
                                    : drawAndBook(course, lottery.get(0), free, drawnBy, now));
                }));
    }

    private Uni<CourseDrawRecord> drawAndBook(
            CourseCopy course, Object[] lottery, int seats, String drawnBy, OffsetDateTime now) {
        LotterySeed seed = LotterySeed.fromHex((String) lottery[0]);
        SeedCommitment commitment = new SeedCommitment((String) lottery[1]);
        DrawSubject subject = new DrawSubject(course.id, course.applicationsCloseAt.toInstant());
        LotteryPolicy policy = LotteryPolicy.withSeats(seats).withChildcareRequiredToWin(false);
        // she booked a date of it on her own since applying: her application ends before the draw (she cannot hold
        // that date twice), and the set drawn is the one recorded in the input digest
        return Panache.getSession()
                .flatMap(s -> s.createNativeQuery("update course_request q set status = 'ENDED', updated_at = :now "
                                + "where q.course_id = :id and q.status = 'APPLIED' and exists (select 1 from registration r "
                                + "where r.attendee_id = q.attendee_id and r.session_id in (:dates) and r.status in "
                                + "('CONFIRMED', 'APPLIED', 'WAITLISTED', 'OFFERED', 'PENDING_CHILDCARE'))")
                        .setParameter("now", now)
                        .setParameter("id", course.id)
                        .setParameter("dates", course.sessionIdList())
                        .executeUpdate())
                .flatMap(ended -> CourseRequest.<CourseRequest>list(
                        "courseId = ?1 and status = ?2", course.id, CourseRequest.APPLIED))
                .flatMap(applications -> {
                    Map<UUID, CourseRequest> byId =
                            applications.stream().collect(Collectors.toMap(r -> r.id, Function.identity()));
                    LotteryDraw draw = LotteryDraw.perform(
                            subject,
                            policy,
                            commitment,
                            seed,
                            applications.stream()
                                    .map(r -> new LotteryApplicant(r.id, 0, false, r.childcare != null))
                                    .toList());
                    DrawOutcome outcome = draw.allocate(id -> true);
                    PublishedDraw published = PublishedDraw.of(draw, now.toInstant(), outcome);
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (RankedApplicant winner : outcome.winners()) {
                        CourseRequest request = byId.get(winner.applicationId());
                        chain = chain.call(() -> win(course, request));
                    }
                    for (var reserve : outcome.reserve()) {
                        CourseRequest request = byId.get(reserve.applicationId());
                        chain = chain.call(() -> {
                            request.position = (long) reserve.position();
                            return requests.change(request, CourseRequest.WAITING);
                        });
                    }
                    return chain.call(() -> Panache.getSession().flatMap(s -> s.createNativeQuery(
                                            "update course_lottery set input_digest = :digest, drawn_at = :at, drawn_by = :by, "
                                                    + "published = :published where course_id = :id")
                                    .setParameter("digest", draw.inputDigest())
                                    .setParameter("at", now)
                                    .setParameter("by", drawnBy)
                                    .setParameter("published", published.toJson())
                                    .setParameter("id", course.id)
                                    .executeUpdate()))
                            .map(ignored -> record(course.id, published, drawnBy));
                });
    }

    /** A winner is booked at once: a seat on every date and a course place (counted free under the locks). */
    private Uni<Void> win(CourseCopy course, CourseRequest request) {
        Uni<Void> seats = Uni.createFrom().voidItem();
        for (UUID sessionId : course.sessionIdList().stream().sorted().toList()) {
            seats = seats.call(() -> SeatLedger.take(sessionId).invoke(taken -> {
                if (!taken) {
                    throw new IllegalStateException("a seat counted free under its lock was not free");
                }
            }));
        }
        return seats.call(() -> CoursePlaces.take(course.id))
                .flatMap(ignored -> SessionCopy.<SessionCopy>list("id in ?1", course.sessionIdList()))
                .flatMap(sessions -> courses.bookTakenSeats(
                        course,
                        request.attendeeId,
                        request.nickname,
                        request.childcareByDate(),
                        sessions.stream().collect(Collectors.toMap(s -> s.id, Function.identity())),
                        now()))
                .flatMap(dates -> {
                    request.courseBookingId = dates.booking().id;
                    return requests.change(request, CourseRequest.BOOKED);
                })
                .replaceWithVoid();
    }

    private static CourseDrawRecord record(UUID courseId, PublishedDraw published, String drawnBy) {
        return new CourseDrawRecord(
                courseId,
                published.commitment(),
                published.seed(),
                published.inputDigest(),
                published.policy().seats(),
                published.winners().size(),
                published.reserve().size(),
                published.drawnAt().atOffset(ZoneOffset.UTC),
                drawnBy);
    }

    private static Uni<CourseCopy> lotteryCourse(UUID courseId) {
        return CourseCopy.<CourseCopy>findById(courseId)
                .map(course -> course != null && course.lottery() ? course : null)
                .onItem()
                .ifNull()
                .failWith(() -> Refusal.notFound("course lottery"));
    }

    /** Another organisation's course answers like a missing one: 404, never 403. */
    static Uni<CourseCopy> ownCourse(UUID courseId, String organisationId) {
        return CourseCopy.<CourseCopy>find("id = ?1 and organisationId = ?2", courseId, organisationId)
                .firstResult()
                .onItem()
                .ifNull()
                .failWith(() -> Refusal.notFound("course"));
    }

    private static Refusal notDrawn() {
        return Refusal.notFound("course draw");
    }

    private static OffsetDateTime timestamp(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof OffsetDateTime time) {
            return time;
        }
        if (value instanceof java.time.Instant instant) {
            return instant.atOffset(ZoneOffset.UTC);
        }
        if (value instanceof java.sql.Timestamp timestamp) {
            return timestamp.toInstant().atOffset(ZoneOffset.UTC);
        }
        return OffsetDateTime.parse(value.toString());
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock);
    }
}
