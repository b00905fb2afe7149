package io.ibasho.registration.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ibasho.plumbing.refusal.Refusal;
import io.ibasho.registration.Registration;
import io.ibasho.registration.SessionCopy;
import io.ibasho.registration.idempotency.IdempotencyKey;
import io.ibasho.registration.idempotency.IdempotencyService;
import io.ibasho.registration.mapping.CourseBookingView;
import io.ibasho.registration.mapping.CourseRosterView;
import io.ibasho.registration.mapping.RegistrationMapper;
import io.ibasho.registration.service.CourseBookingService;
import io.ibasho.registration.service.CourseBookingService.CourseDates;
import io.ibasho.registration.service.CourseBookingService.CourseRoster;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestHeader;

/**
 * Courses booked as one (docs/adr/0022). Thin, like {@link RegistrationResource}: POSTs are idempotent with the
 * optional {@code Idempotency-Key}. One date is cancelled with the ordinary {@code POST /mine/{registrationId}/cancel}.
 */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public class CourseBookingResource {
    private static final String MINE = "/api/registrations/mine/courses/";

    private final CourseBookingService courses;
    private final JsonWebToken token;
    private final IdempotentPosts posts;

    public CourseBookingResource(
            CourseBookingService courses,
            IdempotencyService idempotency,
            JsonWebToken token,
            ObjectMapper json,
            UriInfo uri,
            HttpHeaders headers) {
        this.courses = courses;
        this.token = token;
        this.posts = new IdempotentPosts(idempotency, token, json, uri, headers);
    }

    @POST
    @Path("/courses/{courseId}/bookings")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("attendee")
    @Operation(
            summary = "Book a whole first-come course under a nickname: a seat on every date and a course place, or "
                    + "nothing (409 course-date-full / course-full). Childcare per date: dates with children's ages are "
                    + "held until childcare answers (202); a date whose childcare is refused keeps its seat without it")
    public Uni<Response> book(
            @PathParam("courseId") UUID courseId,
            @RestHeader(IdempotencyKey.HEADER) String key,
            @NotNull(message = "a JSON body with your nickname is required") @Valid CourseBookingRequest request) {
        return posts.once(
                key,
                request,
                () -> courses.book(
                                courseId, token.getSubject(), request.nickname().strip(), request.childcareByDate())
                        .flatMap(CourseBookingResource::view)
                        .map(view -> posts.answer(
                                view.dates().stream()
                                                .anyMatch(date -> "pending_childcare"
                                                        .equals(date.registration()
                                                                .status()))
                                        ? 202
                                        : 201,
                                view,
                                MINE + view.id())));
    }

    @GET
    @Path("/mine/courses")
    @RolesAllowed("attendee")
    @Operation(summary = "Her own course bookings, each with its dates (cancel one date, or the whole course)")
    public Uni<List<CourseBookingView>> mine() {
        return courses.mine(token.getSubject()).flatMap(list -> {
            Uni<List<CourseBookingView>> all = Uni.createFrom().item(new java.util.ArrayList<>());
            for (CourseDates dates : list) {
                all = all.flatMap(acc -> view(dates).map(view -> {
                    acc.add(view);
                    return acc;
                }));
            }
            return all;
        });
    }

    @POST
    @Path("/mine/courses/{courseBookingId}/cancel")
    @RolesAllowed("attendee")
    @Operation(
            summary = "Cancel her whole course: every date still to come (until each date's cut-off) and the course "
                    + "place; each date's seat and childcare are released and offered down that date's waitlist")
    public Uni<Response> cancel(
            @PathParam("courseBookingId") UUID courseBookingId, @RestHeader(IdempotencyKey.HEADER) String key) {
        return posts.once(
                key,
                null,
                () -> courses.cancelCourse(courseBookingId, token.getSubject())
                        .flatMap(CourseBookingResource::view)
                        .map(view -> posts.answer(200, view, null)));
    }

    @GET
    @Path("/courses/{courseId}/roster")
    @RolesAllowed("organiser")
    @Operation(
            summary = "Organiser: a course's roster per date (nickname, status, door code, childcare status and "
                    + "number of children); every read is recorded like a session roster's")
    public Uni<CourseRosterView> roster(
            @PathParam("courseId") UUID courseId,
            @QueryParam("reason") String reasonParameter,
            @RestHeader("X-Audit-Reason") String reasonHeader) {
        String reason = reasonParameter != null ? reasonParameter : reasonHeader;
        if (reason != null && (reason.length() > 200 || reason.codePoints().anyMatch(Character::isISOControl))) {
            throw Refusal.badRequest("invalid-audit-reason", "reason is plain text of at most 200 characters.");
        }
        Object org = token.getClaim("org");
        String organisation = org == null ? null : org.toString().replace("\"", "");
        return courses.roster(
                        courseId,
                        organisation,
                        token.getSubject(),
                        reason == null || reason.isBlank() ? null : reason.strip())
                .map(CourseBookingResource::rosterView);
    }

    private static CourseRosterView rosterView(CourseRoster roster) {
        return new CourseRosterView(
                roster.course().id,
                roster.course().titleJa,
                roster.course().capacity,
                roster.course().bookedPlaces,
                roster.dates().stream()
                        .map(date -> {
                            List<Registration> entries = roster.byDate().getOrDefault(date.id, List.of());
                            return new CourseRosterView.Date(
                                    date.id,
                                    date.startsAt,
                                    (int) entries.stream()
                                            .filter(r -> r.status == Registration.Status.CONFIRMED)
                                            .count(),
                                    entries.stream()
                                            .map(r -> new CourseRosterView.Entry(
                                                    r.id,
                                                    r.nickname,
                                                    r.status.name().toLowerCase(),
                                                    r.status == Registration.Status.CONFIRMED ? r.bookingCode : null,
                                                    r.childcareStatus == null
                                                            ? null
                                                            : r.childcareStatus
                                                                    .name()
                                                                    .toLowerCase(),
                                                    r.childrenAgeList().size(),
                                                    r.attendance == null ? null : r.attendance.name()))
                                            .toList());
                        })
                        .toList());
    }

    static Uni<CourseBookingView> view(CourseDates dates) {
        return Uni.createFrom().item(toView(dates, dates.sessions()));
    }

    private static CourseBookingView toView(CourseDates dates, Map<UUID, SessionCopy> sessions) {
        return new CourseBookingView(
                dates.booking().id,
                dates.course().id,
                dates.course().titleJa,
                dates.course().titleEn,
                dates.booking().status.toLowerCase(),
                dates.booking().createdAt,
                dates.dates().stream()
                        .map(r -> {
                            SessionCopy session = sessions.get(r.sessionId);
                            return new CourseBookingView.CourseDate(
                                    r.sessionId,
                                    session == null ? null : session.startsAt,
                                    session == null ? null : session.endsAt,
                                    RegistrationMapper.toView(r));
                        })
                        .toList());
    }
}
