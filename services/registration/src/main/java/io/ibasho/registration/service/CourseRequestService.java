package io.ibasho.registration.service;

import io.ibasho.contracts.EventTypes;
import io.ibasho.plumbing.refusal.Refusal;
import io.ibasho.registration.CourseCopy;
import io.ibasho.registration.CourseRequest;
import io.ibasho.registration.Registration;
import io.ibasho.registration.SessionCopy;
import io.ibasho.registration.mapping.CourseRequestEvents;
import io.ibasho.registration.messaging.RegistrationOutbox;
import io.ibasho.registration.repository.CourseLedger;
import io.ibasho.registration.repository.CourseWaitlist;
import io.ibasho.registration.repository.SeatLedger;
import io.ibasho.registration.service.CourseBookingService.CourseDates;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Asking for a whole course without a place yet (docs/adr/0026): an application to a course lottery, a place on a full
 * first-come course's waitlist, and the offers of the whole course to the waitlist or the reserve list.
 * <p>
 * An offer is made only when the course has a free place <em>and</em> every date has a free seat; it holds them all
 * (the same conditional UPDATEs as a booking) until she accepts, declines or the hold lapses. Rows are locked in the
 * course order everywhere: the dates' session rows by id, then the course row.
 */
@ApplicationScoped
public class CourseRequestService {
    private final BookingService bookings;
    private final CourseBookingService courses;
    private final RegistrationOutbox outbox;
    private final Clock clock;

    public CourseRequestService(
            BookingService bookings, CourseBookingService courses, RegistrationOutbox outbox, Clock clock) {
        this.bookings = bookings;
        this.courses = courses;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** Her request with its course and, while she waits, her place in line (1 = next). */
    public record Place(CourseRequest request, CourseCopy course, Integer position) {}

    /**
     * Her application to a course lottery: one for every date. The course row is locked for share, as the draw locks it
     * for update, so an application is either in the draw or finds it drawn.
     */
    @WithTransaction
    public Uni<Place> apply(UUID courseId, String attendeeId, String nickname, Map<UUID, List<Integer>> childcare) {
        return CourseCopy.<CourseCopy>findById(courseId, LockModeType.PESSIMISTIC_READ)
                .onItem()
                .ifNull()
                .failWith(() -> Refusal.notFound("course"))
                .flatMap(course -> {
                    if (!course.lottery()) {
                        return Uni.createFrom()
                                .failure(Refusal.conflict(
                                        "not-lottery", "This course is first-come: book it instead of applying."));
                    }
                    if (!"PUBLISHED".equals(course.status)
                            || course.applicationsCloseAt == null
                            || !now().isBefore(course.applicationsCloseAt)) {
                        return Uni.createFrom()
                                .failure(Refusal.conflict(
                                        "applications-closed", "Applications for this course's lottery are closed."));
                    }
                    return CourseLotteryService.drawn(courseId)
                            .flatMap(drawn -> drawn
                                    ? Uni.createFrom()
                                            .failure(Refusal.conflict(
                                                    "applications-closed", "This course's lottery has been drawn."))
                                    : mayAsk(course, attendeeId, childcare))
                            .flatMap(ignored ->
                                    persist(course, attendeeId, nickname, childcare, CourseRequest.LOTTERY, null))
                            .map(request -> new Place(request, course, null));
                });
    }

    /**
     * She joins the waitlist of a full first-come course: when a whole course is given back and every date has a seat,
     * the first in line is offered the whole course.
     */
    @WithTransaction
    public Uni<Place> joinWaitlist(
            UUID courseId, String attendeeId, String nickname, Map<UUID, List<Integer>> childcare) {
        return CourseBookingService.openCourse(courseId).flatMap(course -> {
            if (course.lottery()) {
                return Uni.createFrom()
                        .failure(Refusal.conflict(
                                "course-by-lottery",
                                "This course is allocated by lottery: apply for it; after the draw the applications "
                                        + "that did not win form its reserve list."));
            }
            return mayAsk(course, attendeeId, childcare)
                    .flatMap(ignored -> bookableNow(course))
                    .flatMap(free -> free
                            ? Uni.createFrom()
                                    .<Long>failure(Refusal.conflict(
                                            "course-not-full",
                                            "This course still has a place on every date: book it instead."))
                            : CourseWaitlist.nextNumber())
                    .flatMap(number -> persist(course, attendeeId, nickname, childcare, CourseRequest.WAITLIST, number))
                    .flatMap(request -> positionOf(request).map(position -> new Place(request, course, position)));
        });
    }

    /** Her applications, waitlist places and offers of courses, newest first. */
    @WithSession
    public Uni<List<Place>> mine(String attendeeId) {
        return CourseRequest.<CourseRequest>list("attendeeId = ?1 order by createdAt desc", attendeeId)
                .flatMap(list -> {
                    Uni<List<Place>> all = Uni.createFrom().item(new ArrayList<>());
                    for (CourseRequest request : list) {
                        all = all.flatMap(acc -> placeOf(request).map(place -> {
                            acc.add(place);
                            return acc;
                        }));
                    }
                    return all;
                });
    }

    /** She withdraws an application or leaves the waitlist (an offer is declined instead). */
    @WithTransaction
    public Uni<Place> withdraw(UUID requestId, String attendeeId) {
        return own(requestId, attendeeId).flatMap(request -> {
            if (!CourseRequest.APPLIED.equals(request.status) && !CourseRequest.WAITING.equals(request.status)) {
                return Uni.createFrom()
                        .failure(Refusal.conflict(
                                "not-active",
                                CourseRequest.OFFERED.equals(request.status)
                                        ? "The course is offered to you: decline the offer instead."
                                        : "This request is already " + request.status.toLowerCase() + "."));
            }
            return change(request, CourseRequest.WITHDRAWN).flatMap(this::placeOf);
        });
    }

    /**
     * She accepts the course offered to her: the held seats become her course booking (each date confirmed, or held
     * while childcare is asked for that date).
     */
    @WithTransaction
    public Uni<CourseDates> accept(UUID requestId, String attendeeId) {
        return own(requestId, attendeeId).flatMap(request -> {
            if (!CourseRequest.OFFERED.equals(request.status) || !request.offerExpiresAt.isAfter(now())) {
                return Uni.createFrom()
                        .failure(Refusal.conflict(
                                "no-open-offer", "There is no open offer of this course (it may have expired)."));
            }
            return CourseCopy.<CourseCopy>findById(request.courseId)
                    .flatMap(course -> sessionsOf(course)
                            .flatMap(byId -> courses.bookTakenSeats(
                                    course, attendeeId, request.nickname, request.childcareByDate(), byId, now()))
                            .call(dates -> {
                                request.courseBookingId = dates.booking().id;
                                request.offerExpiresAt = null;
                                return change(request, CourseRequest.BOOKED);
                            }));
        });
    }

    /** She declines the offer: the held seats and the place go to the next in line. */
    @WithTransaction
    public Uni<Place> decline(UUID requestId, String attendeeId) {
        return own(requestId, attendeeId)
                .flatMap(request -> !CourseRequest.OFFERED.equals(request.status)
                        ? Uni.createFrom()
                                .failure(Refusal.conflict("no-open-offer", "There is no open offer of this course."))
                        : giveBack(request, true).flatMap(ignored -> placeOf(request)));
    }

    /**
     * Lapsed offers give their seats back; then every course with somebody waiting is offered down its line while a
     * place and every date's seat are free. {@code SKIP LOCKED}: with several replicas each row is handled once.
     */
    @Scheduled(
            every = "${ibasho.course-offers.check:30s}",
            delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public Uni<Void> sweep() {
        return Panache.withTransaction(() -> CourseWaitlist.lapsedOffers(now()).flatMap(lapsed -> {
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (CourseRequest request : lapsed) {
                        chain = chain.call(() -> giveBack(request, false));
                    }
                    return chain;
                }))
                .flatMap(ignored -> Panache.withSession(CourseWaitlist::coursesWithSomebodyWaiting))
                .flatMap(courseIds -> {
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (UUID courseId : courseIds) {
                        chain = chain.call(() -> Panache.withTransaction(() -> offerDownTheLine(courseId)));
                    }
                    return chain;
                });
    }

    /**
     * While the course has a free place, every date a free seat and somebody waits, the first in line is offered the
     * whole course and the place and seats are held for her. Locks: the dates' sessions by id, then the course.
     */
    Uni<Void> offerDownTheLine(UUID courseId) {
        return CourseCopy.<CourseCopy>findById(courseId).flatMap(course -> {
            if (course == null || !"PUBLISHED".equals(course.status)) {
                return Uni.createFrom().voidItem();
            }
            List<UUID> lockOrder = course.sessionIdList().stream().sorted().toList();
            // counted in SQL under the locks: the seat and place counters change only by conditional UPDATEs, so a
            // copy already loaded in this session may be stale
            return CourseLedger.lockDates(lockOrder)
                    .flatMap(locked -> CourseLedger.openDatesWithFreeSeat(lockOrder, now()))
                    .flatMap(open -> open != lockOrder.size()
                            ? Uni.createFrom().item(false)
                            : CourseLedger.lockHasFreePlace(courseId))
                    .flatMap(free -> !free
                            ? Uni.createFrom().voidItem()
                            : CourseWaitlist.firstInLine(courseId)
                                    .flatMap(next -> next == null
                                            ? Uni.createFrom().voidItem()
                                            : SessionCopy.<SessionCopy>list("id in ?1", lockOrder)
                                                    .flatMap(sessions -> offer(next, course, sessions))
                                                    .call(() -> offerDownTheLine(courseId))));
        });
    }

    private Uni<Void> offer(CourseRequest request, CourseCopy course, List<SessionCopy> lockOrder) {
        Uni<Void> seats = Uni.createFrom().voidItem();
        for (SessionCopy session : lockOrder.stream()
                .sorted(Comparator.comparing((SessionCopy x) -> x.id))
                .toList()) {
            seats = seats.call(() -> SeatLedger.take(session.id).invoke(taken -> {
                if (!taken) {
                    throw new IllegalStateException("a seat counted free under its lock was not free");
                }
            }));
        }
        OffsetDateTime firstDate = lockOrder.stream()
                .map(s -> s.startsAt)
                .min(Comparator.naturalOrder())
                .orElseThrow();
        return seats.call(() -> CourseLedger.take(course.id)).flatMap(ignored -> {
            request.offerExpiresAt = now().plus(bookings.holdTime(firstDate));
            return change(request, CourseRequest.OFFERED).replaceWithVoid();
        });
    }

    /** An offer ends unaccepted: its seats and place go back, first down the course's line, then each date's. */
    private Uni<Void> giveBack(CourseRequest request, boolean declined) {
        request.offerExpiresAt = null;
        return change(request, CourseRequest.EXPIRED, declined)
                .flatMap(ignored -> CourseCopy.<CourseCopy>findById(request.courseId))
                .flatMap(course -> {
                    List<UUID> lockOrder =
                            course.sessionIdList().stream().sorted().toList();
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (UUID sessionId : lockOrder) {
                        chain = chain.call(() -> SeatLedger.release(sessionId));
                    }
                    return chain.call(() -> CourseLedger.release(course.id))
                            .call(() -> offerDownTheLine(course.id))
                            .call(() -> SessionCopy.<SessionCopy>list("id in ?1", lockOrder)
                                    .flatMap(sessions -> {
                                        Uni<Void> offers = Uni.createFrom().voidItem();
                                        for (SessionCopy session : sessions) {
                                            offers = offers.call(() -> bookings.offerFreedSeats(session));
                                        }
                                        return offers;
                                    }));
                });
    }

    /** Whether a first-come booking of the whole course could succeed now (then there is no line to join). */
    private static Uni<Boolean> bookableNow(CourseCopy course) {
        if (course.bookedPlaces >= course.capacity) {
            return Uni.createFrom().item(false);
        }
        return SessionCopy.<SessionCopy>list("id in ?1", course.sessionIdList())
                .map(sessions -> sessions.stream().allMatch(s -> s.capacity == null || s.confirmedSeats < s.capacity));
    }

    /** The checks every request shares: dates of this course with childcare, and nothing of hers open already. */
    private static Uni<Void> mayAsk(CourseCopy course, String attendeeId, Map<UUID, List<Integer>> childcare) {
        List<UUID> dateIds = course.sessionIdList();
        for (UUID asked : childcare.keySet()) {
            if (!dateIds.contains(asked)) {
                return Uni.createFrom()
                        .failure(Refusal.invalid(
                                "course-childcare-date",
                                "Childcare was asked for a date that is not in this course: choose among its dates."));
            }
        }
        return SessionCopy.<SessionCopy>list("id in ?1", dateIds)
                .invoke(sessions -> sessions.stream()
                        .filter(s -> childcare.containsKey(s.id) && !s.childcareOffered)
                        .findFirst()
                        .ifPresent(s -> {
                            throw Refusal.invalid(
                                    "childcare-not-offered",
                                    "The date " + s.startsAt + " offers no childcare: ask for childcare only on "
                                            + "dates that offer it.");
                        }))
                .flatMap(ignored -> CourseRequest.count(
                        "courseId = ?1 and attendeeId = ?2 and status in ?3",
                        course.id,
                        attendeeId,
                        CourseRequest.OPEN))
                .invoke(open -> {
                    if (open > 0) {
                        throw Refusal.conflict(
                                "already-registered", "You have already applied or are waiting for this course.");
                    }
                })
                .flatMap(ignored -> CourseBookingService.noActiveCourseBooking(course.id, attendeeId))
                .flatMap(ignored -> Registration.count(
                        "sessionId in ?1 and attendeeId = ?2 and status in ?3",
                        dateIds,
                        attendeeId,
                        BookingService.ACTIVE))
                .invoke(active -> {
                    if (active > 0) {
                        throw Refusal.conflict(
                                "already-registered",
                                "You already have a booking for a date of this course: cancel it first to ask for "
                                        + "the whole course.");
                    }
                })
                .replaceWithVoid();
    }

    private Uni<CourseRequest> persist(
            CourseCopy course,
            String attendeeId,
            String nickname,
            Map<UUID, List<Integer>> childcare,
            String kind,
            Long position) {
        CourseRequest request = new CourseRequest();
        request.id = UUID.randomUUID();
        request.courseId = course.id;
        request.attendeeId = attendeeId;
        request.nickname = nickname;
        request.kind = kind;
        request.status = CourseRequest.LOTTERY.equals(kind) ? CourseRequest.APPLIED : CourseRequest.WAITING;
        // drawn apart from the id: the id is in her pages' addresses, the reference in the published draw
        request.lotteryReference = CourseRequest.LOTTERY.equals(kind) ? UUID.randomUUID() : null;
        request.childcare = CourseRequest.childcareOf(childcare);
        request.position = position;
        request.createdAt = now();
        request.updatedAt = request.createdAt;
        return request.<CourseRequest>persist()
                .call(saved -> positionOf(saved)
                        .flatMap(place -> outbox.append(
                                EventTypes.COURSE_REQUEST_CHANGED,
                                course.id,
                                CourseRequestEvents.changed(saved, place, course.sessionIdList()))));
    }

    /** Changes her request's state and announces it (one event per course, never one per date). */
    Uni<CourseRequest> change(CourseRequest request, String status) {
        return change(request, status, null);
    }

    private Uni<CourseRequest> change(CourseRequest request, String status, Boolean declined) {
        request.status = status;
        request.updatedAt = now();
        return CourseCopy.<CourseCopy>findById(request.courseId)
                .flatMap(course -> Panache.getSession()
                        .flatMap(s -> s.flush())
                        .flatMap(flushed -> positionOf(request))
                        .flatMap(position -> outbox.append(
                                EventTypes.COURSE_REQUEST_CHANGED,
                                request.courseId,
                                CourseRequestEvents.changed(request, position, course.sessionIdList(), declined))))
                .replaceWith(request);
    }

    /** Her place in line, hers alone: how many wait before her, plus one. Null unless she waits. */
    static Uni<Integer> positionOf(CourseRequest request) {
        if (!CourseRequest.WAITING.equals(request.status) || request.position == null) {
            return Uni.createFrom().nullItem();
        }
        return CourseRequest.count(
                        "courseId = ?1 and status = ?2 and position <= ?3",
                        request.courseId,
                        CourseRequest.WAITING,
                        request.position)
                .map(Long::intValue);
    }

    private Uni<Place> placeOf(CourseRequest request) {
        return CourseCopy.<CourseCopy>findById(request.courseId)
                .flatMap(course -> positionOf(request).map(position -> new Place(request, course, position)));
    }

    private static Uni<Map<UUID, SessionCopy>> sessionsOf(CourseCopy course) {
        return SessionCopy.<SessionCopy>list("id in ?1", course.sessionIdList())
                .map(sessions -> sessions.stream().collect(Collectors.toMap(s -> s.id, Function.identity())));
    }

    /** 404 for somebody else's request: whether it exists is not hers to know. */
    private static Uni<CourseRequest> own(UUID requestId, String attendeeId) {
        return CourseRequest.<CourseRequest>find("id = ?1 and attendeeId = ?2", requestId, attendeeId)
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .firstResult()
                .onItem()
                .ifNull()
                .failWith(() -> Refusal.notFound("course request"));
    }

    /**
     * An organiser cancelled a session that is a date of a course: each date's registration went with it (and she is
     * told once, by that date's RegistrationCancelled); a course booking with no date left ends, and when every date
     * of the course is cancelled, nobody waits for it any more.
     */
    public Uni<Void> sessionCancelled(SessionCopy session) {
        OffsetDateTime now = now();
        return Registration.<Registration>list(
                        "sessionId = ?1 and courseBookingId is not null and cancelledBy = 'SESSION_CANCELLED'",
                        session.id)
                .flatMap(dates -> {
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (UUID bookingId : dates.stream()
                            .map(r -> r.courseBookingId)
                            .distinct()
                            .toList()) {
                        chain = chain.call(() -> CoursePlaces.endIfNoDateLeft(outbox, bookingId, "ORGANISER", now));
                    }
                    return chain;
                })
                .flatMap(ignored -> CourseCopy.<CourseCopy>list("sessionIds like ?1", "%" + session.id + "%"))
                .flatMap(courses -> {
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (CourseCopy course : courses) {
                        chain = chain.call(() -> SessionCopy.count(
                                        "id in ?1 and status <> 'CANCELLED'", course.sessionIdList())
                                .flatMap(left -> left > 0 ? Uni.createFrom().voidItem() : endOpenRequests(course.id)));
                    }
                    return chain;
                });
    }

    /** Ends the open requests of a course whose booking can no longer happen (every date cancelled). */
    Uni<Void> endOpenRequests(UUID courseId) {
        return CourseRequest.<CourseRequest>find("courseId = ?1 and status in ?2", courseId, CourseRequest.OPEN)
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .list()
                .flatMap(open -> {
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (CourseRequest request : open) {
                        request.offerExpiresAt = null;
                        chain = chain.call(() -> change(request, CourseRequest.ENDED));
                    }
                    return chain;
                });
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock);
    }
}
