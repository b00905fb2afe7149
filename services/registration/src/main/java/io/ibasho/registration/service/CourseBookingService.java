package io.ibasho.registration.service;

import io.ibasho.contracts.EventTypes;
import io.ibasho.plumbing.refusal.Refusal;
import io.ibasho.registration.CourseBooking;
import io.ibasho.registration.CourseCopy;
import io.ibasho.registration.Registration;
import io.ibasho.registration.SessionCopy;
import io.ibasho.registration.mapping.CourseEvents;
import io.ibasho.registration.mapping.RegistrationEvents.ChildcarePurpose;
import io.ibasho.registration.messaging.RegistrationOutbox;
import io.ibasho.registration.repository.CourseLedger;
import io.ibasho.registration.repository.CourseWaitlist;
import io.ibasho.registration.repository.RosterAudit;
import io.ibasho.registration.repository.SeatLedger;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
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
 * A course booked as one (docs/adr/0022): one booking takes a seat on every date and one course place, or nothing.
 * <p>
 * Every date's seat is taken by the same conditional UPDATE on the session row as a single booking (so no date is ever
 * overbooked, whoever books it), in one transaction: a full date fails the whole booking and the rollback gives back
 * the seats already taken. Rows are locked in one order (the dates' sessions by id, then the course), so concurrent
 * course bookers and cancellations never deadlock. Each date then lives as an ordinary registration: childcare per date
 * through the saga, cancelling one date releases only that seat and its childcare and offers it down that date's
 * waitlist.
 */
@ApplicationScoped
public class CourseBookingService {
    private final BookingService bookings;
    private final RegistrationOutbox outbox;
    private final Clock clock;

    public CourseBookingService(BookingService bookings, RegistrationOutbox outbox, Clock clock) {
        this.bookings = bookings;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** Her booking of a course with its dates (in date order) and the course's copy. */
    public record CourseDates(
            CourseBooking booking, CourseCopy course, List<Registration> dates, Map<UUID, SessionCopy> sessions) {}

    /**
     * @param childcareByDate her children's ages for the dates that need childcare (託児), by session id; dates not
     *     named get no childcare
     */
    @WithTransaction
    public Uni<CourseDates> book(
            UUID courseId, String attendeeId, String nickname, Map<UUID, List<Integer>> childcareByDate) {
        OffsetDateTime now = now();
        return openCourse(courseId).flatMap(course -> {
            if (course.lottery()) {
                return Uni.createFrom()
                        .failure(Refusal.conflict(
                                "course-by-lottery",
                                "This course is allocated by lottery: apply for it (one application for every date)."));
            }
            List<UUID> dateIds = course.sessionIdList();
            for (UUID asked : childcareByDate.keySet()) {
                if (!dateIds.contains(asked)) {
                    return Uni.createFrom()
                            .failure(
                                    Refusal.invalid(
                                            "course-childcare-date",
                                            "Childcare was asked for a date that is not in this course: choose among its dates."));
                }
            }
            return noActiveCourseBooking(courseId, attendeeId)
                    .flatMap(ignored -> SessionCopy.<SessionCopy>list("id in ?1", dateIds))
                    .flatMap(sessions -> {
                        if (sessions.size() != dateIds.size()) {
                            return Uni.createFrom()
                                    .failure(
                                            Refusal.conflict(
                                                    "course-not-open",
                                                    "This course's dates are still being set up; please try again in a minute."));
                        }
                        Map<UUID, SessionCopy> byId =
                                sessions.stream().collect(Collectors.toMap(s -> s.id, Function.identity()));
                        List<SessionCopy> lockOrder = sessions.stream()
                                .sorted(Comparator.comparing(s -> s.id))
                                .toList();
                        Uni<Void> seats = Uni.createFrom().voidItem();
                        for (SessionCopy session : lockOrder) {
                            boolean wantsChildcare = childcareByDate.containsKey(session.id);
                            seats = seats.call(() -> takeDateSeat(session, attendeeId, wantsChildcare, now));
                        }
                        return seats.flatMap(ignored -> CourseLedger.take(courseId))
                                .flatMap(
                                        placed -> placed
                                                ? Uni.createFrom().voidItem()
                                                : Uni.createFrom()
                                                        .<Void>failure(
                                                                Refusal.conflict(
                                                                        "course-full",
                                                                        "Every place of this course is taken. You can join the course's "
                                                                                + "waitlist, or book single dates that still have seats.")))
                                .flatMap(ignored ->
                                        bookTakenSeats(course, attendeeId, nickname, childcareByDate, byId, now))
                                // she booked it herself: a waitlist place she still held is no longer needed
                                .call(ignored -> CourseWaitlist.withdraw(courseId, attendeeId, now));
                    });
        });
    }

    /**
     * Her course booking once its seats and course place are taken (a first-come booking, a lottery win, an accepted
     * offer): the booking and one registration per date, with CourseBooked.
     */
    Uni<CourseDates> bookTakenSeats(
            CourseCopy course,
            String attendeeId,
            String nickname,
            Map<UUID, List<Integer>> childcareByDate,
            Map<UUID, SessionCopy> byId,
            OffsetDateTime now) {
        return newBooking(course, attendeeId, now)
                .flatMap(booking -> datesOf(
                                booking,
                                // a date its organiser cancelled while the course was offered holds no seat and gets no
                                // booking
                                course.sessionIdList().stream()
                                        .map(byId::get)
                                        .filter(session -> !"CANCELLED".equals(session.status))
                                        .toList(),
                                nickname,
                                childcareByDate,
                                now)
                        .call(dates ->
                                outbox.append(EventTypes.COURSE_BOOKED, course.id, CourseEvents.booked(booking, dates)))
                        .map(dates -> new CourseDates(booking, course, dates, byId)));
    }

    /**
     * She cancels the whole course: every date still to come is cancelled (seat, childcare, waitlist offer of that
     * date) and the course place goes back. A date too close to its start stays (she tells the organiser), as for a
     * single booking.
     */
    @WithTransaction
    public Uni<CourseDates> cancelCourse(UUID courseBookingId, String attendeeId) {
        return CourseBooking.<CourseBooking>find("id = ?1 and attendeeId = ?2", courseBookingId, attendeeId)
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .firstResult()
                .onItem()
                .ifNull()
                .failWith(() -> Refusal.notFound("course booking"))
                .flatMap(booking -> {
                    if (!CourseBooking.BOOKED.equals(booking.status)) {
                        return Uni.createFrom()
                                .failure(Refusal.conflict("not-active", "This course booking is already cancelled."));
                    }
                    return Registration.<Registration>find(
                                    "courseBookingId = ?1 and status in ?2 order by sessionId",
                                    booking.id,
                                    BookingService.ACTIVE)
                            .withLock(LockModeType.PESSIMISTIC_WRITE)
                            .list()
                            // the last date's cancellation ends the booking and gives the course place back
                            // (CoursePlaces.endIfNoDateLeft); dates too close to the start keep it
                            .flatMap(active -> cancelDates(active))
                            .flatMap(ignored -> mineOf(booking));
                });
    }

    /** Her course bookings, newest first, each with its course and its dates. */
    @WithSession
    public Uni<List<CourseDates>> mine(String attendeeId) {
        return CourseBooking.<CourseBooking>list("attendeeId = ?1 order by createdAt desc", attendeeId)
                .flatMap(list -> {
                    Uni<List<CourseDates>> all = Uni.createFrom().item(new ArrayList<>());
                    for (CourseBooking booking : list) {
                        all = all.flatMap(acc -> mineOf(booking).map(dates -> {
                            acc.add(dates);
                            return acc;
                        }));
                    }
                    return all;
                });
    }

    /** A course's roster: the course, its dates (in date order) and who holds or held each date. */
    public record CourseRoster(CourseCopy course, List<SessionCopy> dates, Map<UUID, List<Registration>> byDate) {}

    /**
     * A course's roster per date for an organiser of its organisation (another organisation's: 404). Like a session's
     * roster, each read is recorded per date (roster_audit: who, when, why), because it names the women who booked.
     */
    @WithTransaction
    public Uni<CourseRoster> roster(UUID courseId, String organisationId, String reader, String reason) {
        return CourseCopy.<CourseCopy>find("id = ?1 and organisationId = ?2", courseId, organisationId)
                .firstResult()
                .onItem()
                .ifNull()
                .failWith(() -> Refusal.notFound("course"))
                .flatMap(course -> SessionCopy.<SessionCopy>list("id in ?1", course.sessionIdList())
                        .flatMap(sessions -> {
                            List<UUID> order = course.sessionIdList();
                            List<SessionCopy> dates = sessions.stream()
                                    .sorted(Comparator.comparingInt(session -> order.indexOf(session.id)))
                                    .toList();
                            Uni<Void> audited = Uni.createFrom().voidItem();
                            for (SessionCopy date : dates) {
                                audited = audited.call(
                                        () -> RosterAudit.record(date.id, organisationId, reader, reason, now()));
                            }
                            return audited.flatMap(ignored -> Registration.<Registration>list(
                                            "courseBookingId in (select b.id from CourseBooking b where b.courseId = ?1) "
                                                    + "order by createdAt",
                                            courseId))
                                    .map(registrations -> {
                                        Map<UUID, List<Registration>> byDate = new java.util.LinkedHashMap<>();
                                        order.forEach(id -> byDate.put(id, new ArrayList<>()));
                                        registrations.forEach(
                                                r -> byDate.computeIfAbsent(r.sessionId, id -> new ArrayList<>())
                                                        .add(r));
                                        return new CourseRoster(course, dates, byDate);
                                    });
                        }));
    }

    private Uni<CourseDates> mineOf(CourseBooking booking) {
        return CourseCopy.<CourseCopy>findById(booking.courseId)
                .flatMap(course -> Registration.<Registration>list("courseBookingId = ?1", booking.id)
                        .flatMap(dates -> SessionCopy.<SessionCopy>list("id in ?1", course.sessionIdList())
                                .map(sessions -> {
                                    List<UUID> order = course.sessionIdList();
                                    return new CourseDates(
                                            booking,
                                            course,
                                            dates.stream()
                                                    .sorted(Comparator.comparingInt(r -> order.indexOf(r.sessionId)))
                                                    .toList(),
                                            sessions.stream()
                                                    .collect(Collectors.toMap(s -> s.id, Function.identity())));
                                })));
    }

    private Uni<Void> cancelDates(List<Registration> active) {
        return SessionCopy.<SessionCopy>list(
                        "id in ?1", active.stream().map(r -> r.sessionId).toList())
                .flatMap(sessions -> {
                    Map<UUID, SessionCopy> byId =
                            sessions.stream().collect(Collectors.toMap(s -> s.id, Function.identity()));
                    // every date goes: she is told once, by CourseCancelled; if a date too close to its start stays,
                    // the course is not cancelled as a whole and each date she gave back gets its own message
                    boolean whole = active.stream().noneMatch(r -> tooCloseToCancel(r, byId.get(r.sessionId)));
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (Registration registration : active) {
                        SessionCopy session = byId.get(registration.sessionId);
                        chain = chain.call(() -> tooCloseToCancel(registration, session)
                                ? Uni.createFrom().voidItem()
                                : bookings.cancel(registration, session, "ATTENDEE", null, whole));
                    }
                    return chain;
                });
    }

    private boolean tooCloseToCancel(Registration registration, SessionCopy session) {
        return BookingService.holdsSeat(registration) && bookings.pastCancellationCutOff(session);
    }

    private Uni<Void> takeDateSeat(SessionCopy session, String attendeeId, boolean wantsChildcare, OffsetDateTime now) {
        if (!"PUBLISHED".equals(session.status)) {
            return Uni.createFrom()
                    .failure(Refusal.conflict(
                            "course-date-not-open",
                            "The date " + session.startsAt + " of this course is " + session.status.toLowerCase()
                                    + " and takes no bookings."));
        }
        var closed = ApplicationWindow.refusal(session, now, true);
        if (closed.isPresent()) {
            return Uni.createFrom()
                    .failure(Refusal.conflict(
                            "course-date-not-open",
                            "The date " + session.startsAt + " of this course takes no bookings now: "
                                    + closed.get().getMessage()));
        }
        if (wantsChildcare && !session.childcareOffered) {
            return Uni.createFrom()
                    .failure(Refusal.invalid(
                            "childcare-not-offered",
                            "The date " + session.startsAt + " offers no childcare: ask for childcare only on dates "
                                    + "that offer it."));
        }
        return BookingService.noActiveRegistration(session.id, attendeeId)
                .flatMap(ignored -> SeatLedger.take(session.id))
                .flatMap(taken -> taken
                        ? Uni.createFrom().voidItem()
                        : Uni.createFrom()
                                .failure(Refusal.conflict(
                                        "course-date-full",
                                        "The date " + session.startsAt + " of this course is full, so the course "
                                                + "cannot be booked as a whole: no seat was taken.")));
    }

    private Uni<CourseBooking> newBooking(CourseCopy course, String attendeeId, OffsetDateTime now) {
        CourseBooking booking = new CourseBooking();
        booking.id = UUID.randomUUID();
        booking.courseId = course.id;
        booking.attendeeId = attendeeId;
        booking.status = CourseBooking.BOOKED;
        booking.createdAt = now;
        booking.updatedAt = now;
        return booking.<CourseBooking>persist().call(() -> Panache.getSession().flatMap(s -> s.flush()));
    }

    /** One registration per date, in date order: confirmed at once, or held while childcare is asked for that date. */
    private Uni<List<Registration>> datesOf(
            CourseBooking booking,
            List<SessionCopy> sessions,
            String nickname,
            Map<UUID, List<Integer>> childcareByDate,
            OffsetDateTime now) {
        List<Registration> dates = new ArrayList<>();
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (SessionCopy session : sessions) {
            Registration registration = new Registration();
            registration.id = UUID.randomUUID();
            registration.sessionId = session.id;
            registration.attendeeId = booking.attendeeId;
            registration.nickname = nickname;
            registration.courseBookingId = booking.id;
            registration.createdAt = now;
            registration.updatedAt = now;
            dates.add(registration);
            List<Integer> ages = childcareByDate.getOrDefault(session.id, List.of());
            if (ages.isEmpty()) {
                chain = chain.call(() -> bookings.confirm(registration));
            } else {
                registration.childrenAges = Registration.childrenAgesOf(ages);
                chain = chain.call(() -> ChildcareRequests.ask(outbox, registration, ChildcarePurpose.BOOKING, now));
            }
        }
        return chain.replaceWith(dates);
    }

    static Uni<CourseCopy> openCourse(UUID courseId) {
        return CourseCopy.<CourseCopy>findById(courseId)
                .onItem()
                .ifNull()
                .failWith(() -> Refusal.notFound("course"))
                .invoke(course -> {
                    if (!"PUBLISHED".equals(course.status)) {
                        throw Refusal.conflict(
                                "course-not-open",
                                "This course is " + course.status.toLowerCase() + " and takes no bookings.");
                    }
                });
    }

    static Uni<Void> noActiveCourseBooking(UUID courseId, String attendeeId) {
        return CourseBooking.count(
                        "courseId = ?1 and attendeeId = ?2 and status = ?3", courseId, attendeeId, CourseBooking.BOOKED)
                .invoke(count -> {
                    if (count > 0) {
                        throw Refusal.conflict("already-registered", "You have already booked this course.");
                    }
                })
                .replaceWithVoid();
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock);
    }
}
