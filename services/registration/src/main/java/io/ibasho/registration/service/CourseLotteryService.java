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
import io.ibasho.registration.repository.CourseLedger;
import io.ibasho.registration.repository.CourseLotteryStore;
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

    /**
     * What anyone may know of a course's lottery before and after the draw.
     *
     * @param applications null before the draw (a live count would tell when one woman applied: docs/adr/0086); from
     *     the draw on, the number in its published draw, which never moves
     */
    public record CourseLotteryInfo(
            CourseCopy course, String commitment, Integer applications, boolean drawn, OffsetDateTime drawnAt) {}

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
        return CourseLotteryStore.keepSeed(courseId, LotterySeed.generate(), OffsetDateTime.now(clock));
    }

    static Uni<Boolean> drawn(UUID courseId) {
        return CourseLotteryStore.drawn(courseId);
    }

    @WithSession
    public Uni<CourseLotteryInfo> info(UUID courseId) {
        return lotteryCourse(courseId)
                .flatMap(course -> CourseLotteryStore.status(courseId)
                        .flatMap(status -> (status.drawnAt() == null
                                        ? Uni.createFrom().<Integer>nullItem()
                                        : CourseLotteryStore.published(courseId)
                                                .map(draw -> draw == null
                                                        ? null
                                                        : PublishedDraw.fromJson(draw.json())
                                                                .applications()
                                                                .size()))
                                .map(applications -> new CourseLotteryInfo(
                                        course,
                                        status.commitment(),
                                        applications,
                                        status.drawnAt() != null,
                                        status.drawnAt()))));
    }

    /** The published draw, for anyone to recompute with the verifier (no personal data: ids, rules, seed). */
    @WithSession
    public Uni<String> published(UUID courseId) {
        return publishedDraw(courseId).map(CourseLotteryStore.Published::json);
    }

    @WithSession
    public Uni<CourseDrawRecord> drawRecord(UUID courseId, String organisationId) {
        return ownCourse(courseId, organisationId)
                .flatMap(course -> publishedDraw(courseId))
                .map(draw -> record(courseId, PublishedDraw.fromJson(auditable(draw.json())), draw.drawnBy()));
    }

    /**
     * A draw published before V29 was relabelled (ADR 0085): /2's shape under a format of its own, which the verifiers
     * refuse. The organiser's audit record reads its seed and counts all the same.
     */
    private static String auditable(String published) {
        return published.replace("\"" + RELABELLED_FORMAT + "\"", "\"" + PublishedDraw.FORMAT + "\"");
    }

    /** The format of a draw published before V29 whose ids were replaced by lottery references. */
    static final String RELABELLED_FORMAT = "ibasho-lottery-draw/2-relabelled";

    private static Uni<CourseLotteryStore.Published> publishedDraw(UUID courseId) {
        return CourseLotteryStore.published(courseId).onItem().ifNull().failWith(CourseLotteryService::notDrawn);
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
        return Panache.withSession(() -> CourseLotteryStore.dueForDrawing(now()))
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
        return CourseLedger.lockDates(lockOrder)
                .flatMap(locked -> CourseLotteryStore.lockUndrawn(course.id))
                .flatMap(lottery -> lottery == null
                        ? Uni.createFrom().<CourseDrawRecord>nullItem()
                        : CourseLedger.lockFreeOnEveryDate(course.id, lockOrder)
                                .flatMap(free -> free < 1
                                        ? Uni.createFrom().<CourseDrawRecord>nullItem()
                                        : drawAndBook(course, lottery, free, drawnBy, now)));
    }

    private Uni<CourseDrawRecord> drawAndBook(
            CourseCopy course, CourseLotteryStore.Undrawn lottery, int seats, String drawnBy, OffsetDateTime now) {
        SeedCommitment commitment = new SeedCommitment(lottery.commitment());
        DrawSubject subject = new DrawSubject(course.id, course.applicationsCloseAt.toInstant());
        LotteryPolicy policy = LotteryPolicy.withSeats(seats).withChildcareRequiredToWin(false);
        // she booked a date of it on her own since applying: her application ends before the draw (she cannot hold
        // that date twice), and the set drawn is the one recorded in the input digest
        return CourseLotteryStore.endApplicationsHoldingADate(course.id, course.sessionIdList(), now)
                .flatMap(ended -> CourseRequest.<CourseRequest>list(
                        "courseId = ?1 and status = ?2", course.id, CourseRequest.APPLIED))
                .flatMap(applications -> {
                    // the draw names each application by her lottery reference, never by the id in her addresses
                    Map<UUID, CourseRequest> byId = applications.stream()
                            .collect(Collectors.toMap(r -> r.lotteryReference, Function.identity()));
                    LotteryDraw draw = LotteryDraw.perform(
                            subject,
                            policy,
                            commitment,
                            lottery.seed(),
                            applications.stream()
                                    .map(r -> new LotteryApplicant(r.lotteryReference, 0, false, r.childcare != null))
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
                    return chain.call(() -> CourseLotteryStore.recordDraw(
                                    course.id, draw.inputDigest(), now, drawnBy, published.toJson()))
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
        return seats.call(() -> CourseLedger.take(course.id))
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

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock);
    }
}
