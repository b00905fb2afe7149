package io.ibasho.event.service;

import io.ibasho.contracts.EventTypes;
import io.ibasho.event.Course;
import io.ibasho.event.Session;
import io.ibasho.event.Session.SessionStatus;
import io.ibasho.event.Venue;
import io.ibasho.event.mapping.CourseEvents;
import io.ibasho.event.mapping.CourseView;
import io.ibasho.event.mapping.CourseView.CourseDateView;
import io.ibasho.event.mapping.Tokyo;
import io.ibasho.event.repository.CourseDates;
import io.ibasho.event.schedule.CourseChangeRules;
import io.ibasho.event.schedule.CourseRules;
import io.ibasho.event.schedule.CourseRules.CourseDate;
import io.ibasho.plumbing.outbox.Outbox;
import io.ibasho.plumbing.refusal.Refusal;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Courses: dated sessions booked as one (全6回). Made from chosen published sessions or a series, published at once
 * (CoursePublished in the same transaction, so registration learns the course exactly when it exists).
 */
@ApplicationScoped
public class CourseService {
    private final Outbox outbox;
    private final Clock clock;

    public CourseService(Outbox outbox, Clock clock) {
        this.outbox = outbox;
        this.clock = clock;
    }

    @WithTransaction
    public Uni<CourseView> create(String organisationId, CourseRequest request) {
        boolean bySessions =
                request.sessionIds() != null && !request.sessionIds().isEmpty();
        if (bySessions == (request.seriesId() != null)) {
            return Uni.createFrom()
                    .failure(Refusal.invalid(
                            "course-needs-dates", "Give either sessionIds (the chosen dates) or seriesId, not both."));
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        Uni<List<Session>> chosen = bySessions
                ? Session.<Session>list("id in ?1", List.copyOf(new HashSet<>(request.sessionIds())))
                        .invoke(found -> {
                            if (found.size() != new HashSet<>(request.sessionIds()).size()) {
                                throw Refusal.notFound("session");
                            }
                        })
                : Session.<Session>list(
                        "seriesId = ?1 and organisationId = ?2 and status = ?3 and startsAt > ?4",
                        request.seriesId(),
                        organisationId,
                        SessionStatus.PUBLISHED,
                        now);
        return chosen.flatMap(sessions -> inOtherCourses(sessions).flatMap(taken -> {
            List<Session> dates = sessions.stream()
                    .sorted(Comparator.comparing((Session s) -> s.startsAt).thenComparing(s -> s.id))
                    .toList();
            CourseRules.check(
                            organisationId,
                            dates.stream()
                                    .map(s -> new CourseDate(
                                            s.id,
                                            s.organisationId,
                                            s.status.name(),
                                            s.allocation == null ? null : s.allocation.name(),
                                            s.startsAt,
                                            taken.contains(s.id)))
                                    .toList(),
                            now)
                    .ifPresent(broken -> {
                        // another organisation's session answers like a missing one: 404, never 403
                        if (dates.stream().anyMatch(s -> !organisationId.equals(s.organisationId))) {
                            throw Refusal.notFound("session");
                        }
                        throw Refusal.conflict(broken.code(), broken.message());
                    });
            Course course = new Course();
            course.id = UUID.randomUUID();
            course.organisationId = organisationId;
            course.titleJa = request.titleJa().strip();
            course.titleEn = blankToNull(request.titleEn());
            course.descriptionJa = blankToNull(request.descriptionJa());
            course.descriptionEn = blankToNull(request.descriptionEn());
            course.capacity = request.capacity();
            course.allocation = request.allocation() == null ? "FIRST_COME" : request.allocation();
            course.applicationsCloseAt = lotteryClosing(course.allocation, request.applicationsCloseAt(), dates, now);
            course.status = "PUBLISHED";
            course.sequence = 0;
            course.createdAt = now;
            course.updatedAt = now;
            List<UUID> ids = dates.stream().map(s -> s.id).toList();
            return course.persist()
                    .call(() -> Panache.getSession().flatMap(s -> s.flush()))
                    .call(() -> CourseDates.add(course.id, ids))
                    .call(() ->
                            outbox.append(EventTypes.COURSE_PUBLISHED, course.id, CourseEvents.published(course, ids)))
                    .flatMap(ignored -> view(course, dates));
        }));
    }

    /**
     * Changes a course of her organisation within {@link CourseChangeRules}: texts always, a larger capacity, a lottery's
     * closing moved later while open. Announced as CoursePublished with sequence + 1, so registration and notification
     * replace their copies; nothing is announced when nothing changed. Another organisation's course is not found.
     */
    @WithTransaction
    public Uni<CourseView> update(String organisationId, UUID courseId, CourseRequest request) {
        return Course.<Course>find("id = ?1 and organisationId = ?2", courseId, organisationId)
                .firstResult()
                .onItem()
                .ifNull()
                .failWith(() -> Refusal.notFound("course"))
                .flatMap(course -> CourseDates.of(course.id)
                        .flatMap(ids -> Session.<Session>list("id in ?1", ids).flatMap(sessions -> {
                            Map<UUID, Session> byId =
                                    sessions.stream().collect(Collectors.toMap(s -> s.id, Function.identity()));
                            List<Session> dates = ids.stream().map(byId::get).toList();
                            OffsetDateTime first = dates.stream()
                                    .map(s -> s.startsAt)
                                    .min(Comparator.naturalOrder())
                                    .orElse(null);
                            CourseChangeRules.check(
                                            new CourseChangeRules.Current(
                                                    course.status,
                                                    course.allocation,
                                                    course.capacity,
                                                    course.applicationsCloseAt,
                                                    ids,
                                                    first),
                                            new CourseChangeRules.Wanted(
                                                    request.capacity(),
                                                    request.allocation(),
                                                    request.applicationsCloseAt(),
                                                    request.sessionIds(),
                                                    request.seriesId()),
                                            OffsetDateTime.now(clock))
                                    .ifPresent(broken -> {
                                        throw "course-lottery-closing".equals(broken.code())
                                                ? Refusal.invalid(broken.code(), broken.message())
                                                : Refusal.conflict(broken.code(), broken.message());
                                    });
                            boolean changed = apply(course, request);
                            if (!changed) {
                                return view(course, dates);
                            }
                            course.sequence++;
                            course.updatedAt = OffsetDateTime.now(clock);
                            return outbox.append(
                                            EventTypes.COURSE_PUBLISHED, course.id, CourseEvents.published(course, ids))
                                    .flatMap(ignored -> view(course, dates));
                        })));
    }

    /** Copies what may change; true when anything did. */
    private static boolean apply(Course course, CourseRequest request) {
        String titleJa = request.titleJa().strip();
        String titleEn = blankToNull(request.titleEn());
        String descriptionJa = blankToNull(request.descriptionJa());
        String descriptionEn = blankToNull(request.descriptionEn());
        OffsetDateTime closing =
                request.applicationsCloseAt() == null ? course.applicationsCloseAt : request.applicationsCloseAt();
        boolean changed = !titleJa.equals(course.titleJa)
                || !java.util.Objects.equals(titleEn, course.titleEn)
                || !java.util.Objects.equals(descriptionJa, course.descriptionJa)
                || !java.util.Objects.equals(descriptionEn, course.descriptionEn)
                || request.capacity() != course.capacity
                || (closing != null && !closing.isEqual(course.applicationsCloseAt));
        course.titleJa = titleJa;
        course.titleEn = titleEn;
        course.descriptionJa = descriptionJa;
        course.descriptionEn = descriptionEn;
        course.capacity = request.capacity();
        course.applicationsCloseAt = closing;
        return changed;
    }

    /** A published course with its dates, for anyone (no sign-in). */
    @WithSession
    public Uni<CourseView> published(UUID courseId) {
        return Course.<Course>find("id = ?1 and status = 'PUBLISHED'", courseId)
                .firstResult()
                .onItem()
                .ifNull()
                .failWith(() -> Refusal.notFound("course"))
                .flatMap(this::view);
    }

    /** Published courses whose last date is still ahead, soonest first date first. */
    @WithSession
    public Uni<List<CourseView>> upcoming() {
        return Course.<Course>list("status = 'PUBLISHED' order by createdAt")
                .flatMap(this::views)
                .map(views -> views.stream()
                        .filter(view -> view.dates().stream()
                                .anyMatch(date -> date.endsAt().isAfter(OffsetDateTime.now(clock))))
                        .sorted(Comparator.comparing(view -> view.dates().get(0).startsAt()))
                        .toList());
    }

    /** Her organisation's courses (an organiser's list), newest first. */
    @WithSession
    public Uni<List<CourseView>> own(String organisationId) {
        return Course.<Course>list("organisationId = ?1 order by createdAt desc", organisationId)
                .flatMap(this::views);
    }

    private Uni<List<CourseView>> views(List<Course> courses) {
        Uni<List<CourseView>> all = Uni.createFrom().item(new java.util.ArrayList<>());
        for (Course course : courses) {
            all = all.flatMap(list -> view(course).map(view -> {
                list.add(view);
                return list;
            }));
        }
        return all;
    }

    private Uni<CourseView> view(Course course) {
        return CourseDates.of(course.id)
                .flatMap(ids -> Session.<Session>list("id in ?1", ids).map(sessions -> {
                    Map<UUID, Session> byId =
                            sessions.stream().collect(Collectors.toMap(s -> s.id, Function.identity()));
                    return ids.stream().map(byId::get).toList();
                }))
                .flatMap(dates -> view(course, dates));
    }

    private Uni<CourseView> view(Course course, List<Session> dates) {
        List<UUID> venueIds = dates.stream()
                .map(s -> s.venueId)
                .filter(java.util.Objects::nonNull)
                .distinct()
                .toList();
        Uni<Map<UUID, Venue>> venues = venueIds.isEmpty()
                ? Uni.createFrom().item(Map.of())
                : Venue.<Venue>list("id in ?1", venueIds)
                        .map(list -> list.stream().collect(Collectors.toMap(v -> v.id, Function.identity())));
        return venues.map(byId -> new CourseView(
                course.id,
                course.organisationId,
                course.titleJa,
                course.titleEn,
                course.descriptionJa,
                course.descriptionEn,
                course.capacity,
                course.allocation,
                course.applicationsCloseAt == null ? null : Tokyo.offset(course.applicationsCloseAt),
                course.status,
                dates.size(),
                dates.stream()
                        .map(s -> {
                            Venue venue = s.venueId == null ? null : byId.get(s.venueId);
                            return new CourseDateView(
                                    s.id,
                                    s.titleJa,
                                    s.titleEn,
                                    Tokyo.offset(s.startsAt),
                                    Tokyo.offset(s.endsAt),
                                    venue == null ? null : venue.nameJa,
                                    venue == null ? null : venue.nameEn,
                                    s.kind == Session.SessionKind.online,
                                    s.childcareOffered,
                                    s.childcareOffered ? s.childcareMinAge : null,
                                    s.childcareOffered ? s.childcareMaxAge : null,
                                    s.childcareOffered ? Tokyo.offset(s.childcareDeadline) : null,
                                    s.status.name());
                        })
                        .toList()));
    }

    private static Uni<Set<UUID>> inOtherCourses(List<Session> sessions) {
        return CourseDates.alreadyInACourse(sessions.stream().map(x -> x.id).toList());
    }

    /**
     * A lottery course needs the time applications close: in the future and before its first date, so the draw is
     * made before anyone could come. A first-come course has none.
     */
    private static OffsetDateTime lotteryClosing(
            String allocation, OffsetDateTime closing, List<Session> dates, OffsetDateTime now) {
        if (!"LOTTERY".equals(allocation)) {
            if (closing != null) {
                throw Refusal.invalid(
                        "course-closing-without-lottery",
                        "applicationsCloseAt is only for a LOTTERY course; a first-come course takes bookings at once.");
            }
            return null;
        }
        if (closing == null || !closing.isAfter(now)) {
            throw Refusal.invalid(
                    "course-lottery-closing",
                    "A LOTTERY course needs applicationsCloseAt in the future: when applications close and the draw is made.");
        }
        if (!dates.isEmpty() && !closing.isBefore(dates.get(0).startsAt)) {
            throw Refusal.invalid(
                    "course-lottery-closing",
                    "applicationsCloseAt must be before the course's first date, so winners know in time.");
        }
        return closing;
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
