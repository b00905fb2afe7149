package io.ibasho.registration.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ibasho.registration.idempotency.IdempotencyKey;
import io.ibasho.registration.idempotency.IdempotencyService;
import io.ibasho.registration.idempotency.StoredAnswer;
import io.ibasho.registration.mapping.CourseRequestView;
import io.ibasho.registration.service.CourseLotteryService;
import io.ibasho.registration.service.CourseLotteryService.CourseDrawRecord;
import io.ibasho.registration.service.CourseRequestService;
import io.ibasho.registration.service.CourseRequestService.Place;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestHeader;

/**
 * A whole course asked for without a place yet (docs/adr/0026): the course lottery (one application for every date,
 * its commitment, draw and published draw) and the waitlist of a full first-come course, with the offers of the whole
 * course to the waitlist or the reserve list. Thin, like {@link CourseBookingResource}.
 */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public class CourseRequestResource {
    private static final String MINE = "/api/registrations/mine/course-requests/";

    private final CourseRequestService requests;
    private final CourseLotteryService lottery;
    private final IdempotencyService idempotency;
    private final JsonWebToken token;
    private final ObjectMapper json;
    private final UriInfo uri;
    private final HttpHeaders headers;

    public CourseRequestResource(
            CourseRequestService requests,
            CourseLotteryService lottery,
            IdempotencyService idempotency,
            JsonWebToken token,
            ObjectMapper json,
            UriInfo uri,
            HttpHeaders headers) {
        this.requests = requests;
        this.lottery = lottery;
        this.idempotency = idempotency;
        this.token = token;
        this.json = json;
        this.uri = uri;
        this.headers = headers;
    }

    /**
     * Public facts of a course lottery: the commitment from the start, whether it was drawn and, from the draw on, how
     * many were in it (null before: no live count, docs/adr/0086; her organiser reads it in course-counts).
     */
    public record CourseLotteryView(
            UUID courseId,
            OffsetDateTime applicationsCloseAt,
            String commitment,
            Integer applications,
            boolean drawn,
            OffsetDateTime drawnAt) {}

    @POST
    @Path("/courses/{courseId}/applications")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("attendee")
    @Operation(
            summary = "Apply for a course allocated by lottery: one application for every date, with childcare per "
                    + "date; winners get every date's seat or none (409 applications-closed after the closing)")
    public Uni<Response> apply(
            @PathParam("courseId") UUID courseId,
            @RestHeader(IdempotencyKey.HEADER) String key,
            @NotNull(message = "a JSON body with your nickname is required") @Valid CourseBookingRequest request) {
        return idempotent(
                key,
                request,
                () -> requests.apply(
                                courseId, token.getSubject(), request.nickname().strip(), request.childcareByDate())
                        .map(place -> answer(201, view(place), MINE + place.request().id)));
    }

    @POST
    @Path("/courses/{courseId}/waitlist")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("attendee")
    @Operation(
            summary = "Join the waitlist of a full first-come course (409 course-not-full while it can be booked): the "
                    + "first in line is offered the whole course when a place and every date's seat come free")
    public Uni<Response> joinWaitlist(
            @PathParam("courseId") UUID courseId,
            @RestHeader(IdempotencyKey.HEADER) String key,
            @NotNull(message = "a JSON body with your nickname is required") @Valid CourseBookingRequest request) {
        return idempotent(
                key,
                request,
                () -> requests.joinWaitlist(
                                courseId, token.getSubject(), request.nickname().strip(), request.childcareByDate())
                        .map(place -> answer(201, view(place), MINE + place.request().id)));
    }

    @GET
    @Path("/mine/course-requests")
    @RolesAllowed("attendee")
    @Operation(summary = "Her course lottery applications, waitlist and reserve places (her own position) and offers")
    public Uni<List<CourseRequestView>> mine() {
        return requests.mine(token.getSubject())
                .map(places -> places.stream().map(CourseRequestResource::view).toList());
    }

    @POST
    @Path("/mine/course-requests/{requestId}/withdraw")
    @RolesAllowed("attendee")
    @Operation(summary = "Withdraw her course application or leave the course's waitlist or reserve list")
    public Uni<Response> withdraw(
            @PathParam("requestId") UUID requestId, @RestHeader(IdempotencyKey.HEADER) String key) {
        return idempotent(
                key,
                null,
                () -> requests.withdraw(requestId, token.getSubject()).map(place -> answer(200, view(place), null)));
    }

    @POST
    @Path("/mine/course-requests/{requestId}/accept")
    @RolesAllowed("attendee")
    @Operation(
            summary =
                    "Accept the whole course offered to her: the held seats become her course booking (201; 202 while "
                            + "childcare is asked for the dates that need it); 409 no-open-offer once it lapsed")
    public Uni<Response> accept(@PathParam("requestId") UUID requestId, @RestHeader(IdempotencyKey.HEADER) String key) {
        return idempotent(
                key,
                null,
                () -> requests.accept(requestId, token.getSubject())
                        .flatMap(CourseBookingResource::view)
                        .map(view -> answer(
                                view.dates().stream()
                                                .anyMatch(date -> "pending_childcare"
                                                        .equals(date.registration()
                                                                .status()))
                                        ? 202
                                        : 201,
                                view,
                                "/api/registrations/mine/courses/" + view.id())));
    }

    @POST
    @Path("/mine/course-requests/{requestId}/decline")
    @RolesAllowed("attendee")
    @Operation(summary = "Decline the course offered to her: the held place and seats go to the next in line")
    public Uni<Response> decline(
            @PathParam("requestId") UUID requestId, @RestHeader(IdempotencyKey.HEADER) String key) {
        return idempotent(
                key,
                null,
                () -> requests.decline(requestId, token.getSubject()).map(place -> answer(200, view(place), null)));
    }

    @GET
    @Path("/courses/{courseId}/lottery")
    @PermitAll
    @Operation(
            summary =
                    "Public, no token: a course lottery's closing, seed commitment (published before anyone applies), "
                            + "whether it was drawn and, from the draw on, the number of applications in it (never a "
                            + "live count before)")
    public Uni<CourseLotteryView> info(@PathParam("courseId") UUID courseId) {
        return lottery.info(courseId)
                .map(info -> new CourseLotteryView(
                        info.course().id,
                        info.course().applicationsCloseAt,
                        info.commitment(),
                        info.applications(),
                        info.drawn(),
                        info.drawnAt()));
    }

    @GET
    @Path("/courses/{courseId}/lottery/published")
    @PermitAll
    @Operation(
            summary = "Public, no token: the course's published draw (docs/lottery.md format; the course id is the "
                    + "subject) for anyone to recompute with POST /lottery/verify; 404 before the draw")
    public Uni<Response> published(@PathParam("courseId") UUID courseId) {
        return lottery.published(courseId)
                .map(body -> Response.ok(body, MediaType.APPLICATION_JSON).build());
    }

    @POST
    @Path("/courses/{courseId}/lottery/draw")
    @RolesAllowed("organiser")
    @Operation(
            summary = "Organiser: draw the course's lottery now that applications have closed (409 "
                    + "applications-still-open before; 409 already-drawn afterwards: exactly once); winners are booked "
                    + "on every date at once")
    public Uni<Response> draw(@PathParam("courseId") UUID courseId, @RestHeader(IdempotencyKey.HEADER) String key) {
        return idempotent(
                key,
                null,
                () -> lottery.drawByHand(courseId, organisation(), token.getSubject())
                        .map(record -> answer(200, record, null)));
    }

    @GET
    @Path("/courses/{courseId}/lottery/draw")
    @RolesAllowed("organiser")
    @Operation(summary = "Organiser: the course draw's audit record (who drew and when, seed, digest, counts)")
    public Uni<CourseDrawRecord> drawRecord(@PathParam("courseId") UUID courseId) {
        return lottery.drawRecord(courseId, organisation());
    }

    static CourseRequestView view(Place place) {
        return new CourseRequestView(
                place.request().id,
                place.request().courseId,
                place.course() == null ? null : place.course().titleJa,
                place.course() == null ? null : place.course().titleEn,
                place.request().kind.toLowerCase(),
                place.request().status.toLowerCase(),
                place.position(),
                place.request().offerExpiresAt,
                place.request().courseBookingId,
                List.copyOf(place.request().childcareByDate().keySet()),
                place.request().createdAt,
                place.request().lotteryReference);
    }

    private String organisation() {
        Object org = token.getClaim("org");
        return org == null ? null : org.toString().replace("\"", "");
    }

    private Uni<Response> idempotent(String keyHeader, Object body, Supplier<Uni<StoredAnswer>> work) {
        String key =
                IdempotencyKey.parse(IdempotencyKey.sent(keyHeader, headers.getRequestHeader(IdempotencyKey.HEADER)));
        String fingerprint = IdempotencyKey.fingerprint("POST", uri.getPath(), serialise(body));
        return idempotency.once(token.getSubject(), key, fingerprint, work).map(answer -> {
            Response.ResponseBuilder response = Response.status(answer.status())
                    .type(MediaType.APPLICATION_JSON)
                    .entity(answer.body());
            if (answer.location() != null) {
                response.header("Location", answer.location());
            }
            if (answer.replayed()) {
                response.header("Idempotent-Replayed", "true");
            }
            return response.build();
        });
    }

    private StoredAnswer answer(int status, Object view, String location) {
        return new StoredAnswer(status, serialise(view), location, false);
    }

    private String serialise(Object value) {
        if (value == null) {
            return "";
        }
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("answer not serialisable", e);
        }
    }
}
