package io.ibasho.registration.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ibasho.plumbing.problem.ProblemDetail;
import io.ibasho.plumbing.refusal.Refusal;
import io.ibasho.registration.Registration;
import io.ibasho.registration.idempotency.IdempotencyKey;
import io.ibasho.registration.idempotency.IdempotencyService;
import io.ibasho.registration.idempotency.StoredAnswer;
import io.ibasho.registration.mapping.RegistrationMapper;
import io.ibasho.registration.mapping.RegistrationView;
import io.ibasho.registration.mapping.RosterView;
import io.ibasho.registration.mapping.SessionParts;
import io.ibasho.registration.service.BookingService;
import io.ibasho.registration.service.CheckInService;
import io.ibasho.registration.service.QrCodeSvg;
import io.smallrye.mutiny.Multi;
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
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestHeader;

/**
 * Thin: every POST goes through {@link IdempotencyService} (the optional {@code Idempotency-Key} header), in the same
 * transaction as the change it makes.
 */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public class RegistrationResource {
    private static final String MINE = "/api/registrations/mine/";
    static final String QR_SVG = "image/svg+xml";

    private final BookingService bookings;
    private final CheckInService checkIn;
    private final JsonWebToken token;
    private final IdempotentPosts posts;

    public RegistrationResource(
            BookingService bookings,
            CheckInService checkIn,
            IdempotencyService idempotency,
            JsonWebToken token,
            ObjectMapper json,
            UriInfo uri,
            HttpHeaders headers) {
        this.bookings = bookings;
        this.checkIn = checkIn;
        this.token = token;
        this.posts = new IdempotentPosts(idempotency, token, json, uri, headers);
    }

    @POST
    @Path("/sessions/{sessionId}/bookings")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("attendee")
    @Operation(
            summary = "Book a seat in a first-come session under a nickname; with children's ages the seat is held "
                    + "(202, pending_childcare) until childcare answers, then confirmed or released: both or neither")
    public Uni<Response> book(
            @PathParam("sessionId") UUID sessionId,
            @RestHeader(IdempotencyKey.HEADER) String key,
            @NotNull(message = "a JSON body with your nickname is required") @Valid BookingRequest request) {
        return posts.onceInItsOwnTransactions(
                key,
                request,
                () -> bookings.book(
                                sessionId,
                                token.getSubject(),
                                request.nickname().strip(),
                                request.childrenAges())
                        // 202: her seat is held but the booking is not done until childcare answers; GET /mine shows
                        // the
                        // outcome
                        .map(booked -> posts.answer(
                                booked.status == Registration.Status.PENDING_CHILDCARE ? 202 : 201,
                                RegistrationMapper.toView(booked),
                                MINE + booked.id)));
    }

    @POST
    @Path("/sessions/{sessionId}/waitlist")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("attendee")
    @Operation(
            summary = "Join the waitlist of a full first-come session; the answer says her position. With children's "
                    + "ages it is the waitlist for a seat and childcare together")
    public Uni<Response> joinWaitlist(
            @PathParam("sessionId") UUID sessionId,
            @RestHeader(IdempotencyKey.HEADER) String key,
            @NotNull(message = "a JSON body with your nickname is required") @Valid BookingRequest request) {
        return posts.once(
                key,
                request,
                () -> bookings.joinWaitlist(
                                sessionId,
                                token.getSubject(),
                                request.nickname().strip(),
                                request.childrenAges())
                        .map(place -> posts.answer(
                                201,
                                RegistrationMapper.toView(place.registration(), place.position()),
                                MINE + place.registration().id)));
    }

    @GET
    @Path("/mine")
    @RolesAllowed("attendee")
    @Operation(summary = "Her own bookings and applications, with waitlist positions, and nobody else's")
    public Uni<List<RegistrationView>> mine() {
        return bookings.mine(token.getSubject())
                .flatMap(list -> bookings.sessionsOf(list)
                        .flatMap(sessions -> Multi.createFrom()
                                .iterable(list)
                                .onItem()
                                .transformToUniAndConcatenate(r -> BookingService.position(r)
                                        .map(position -> RegistrationMapper.toView(
                                                r,
                                                position,
                                                SessionParts.of(sessions.get(r.sessionId)),
                                                bookings.cancellableUntil(r, sessions.get(r.sessionId)))))
                                .collect()
                                .asList()));
    }

    @GET
    @Path("/mine/{registrationId}/qr")
    @RolesAllowed("attendee")
    @Produces({QR_SVG, ProblemDetail.MEDIA_TYPE})
    @Operation(
            summary = "The QR code of her own confirmed booking, as SVG: it encodes the check-in payload (the booking "
                    + "code) and nothing else; never stored by caches")
    public Uni<Response> qr(@PathParam("registrationId") UUID registrationId) {
        return bookings.ownConfirmed(registrationId, token.getSubject())
                .map(registration -> Response.ok(QrCodeSvg.svg(RegistrationMapper.checkInPayload(registration)), QR_SVG)
                        // the image is her ticket: no shared or browser cache may keep it
                        .header("Cache-Control", "no-store")
                        .build());
    }

    @POST
    @Path("/mine/{registrationId}/accept")
    @RolesAllowed("attendee")
    @Operation(summary = "Accept a seat offered from the waitlist before it expires")
    public Uni<Response> accept(
            @PathParam("registrationId") UUID registrationId, @RestHeader(IdempotencyKey.HEADER) String key) {
        return posts.once(
                key,
                null,
                () -> bookings.acceptOffer(registrationId, token.getSubject()).map(this::ok));
    }

    @POST
    @Path("/mine/{registrationId}/decline")
    @RolesAllowed("attendee")
    @Operation(summary = "Decline a seat offer; it passes to the next person")
    public Uni<Response> decline(
            @PathParam("registrationId") UUID registrationId, @RestHeader(IdempotencyKey.HEADER) String key) {
        return posts.once(
                key,
                null,
                () -> bookings.declineOffer(registrationId, token.getSubject()).map(this::ok));
    }

    @POST
    @Path("/mine/{registrationId}/cancel")
    @RolesAllowed("attendee")
    @Operation(summary = "Cancel her own booking (until the cut-off before the start) or waitlist place")
    public Uni<Response> cancelOwn(
            @PathParam("registrationId") UUID registrationId, @RestHeader(IdempotencyKey.HEADER) String key) {
        return posts.once(
                key,
                null,
                () -> bookings.cancelOwn(registrationId, token.getSubject()).map(this::ok));
    }

    @POST
    @Path("/sessions/{sessionId}/registrations/{registrationId}/cancel")
    @RolesAllowed("organiser")
    @Operation(
            summary = "Organiser: cancel anybody's booking in an own-organisation session, with a reason shown to her")
    public Uni<Response> cancelByOrganiser(
            @PathParam("sessionId") UUID sessionId,
            @PathParam("registrationId") UUID registrationId,
            @RestHeader(IdempotencyKey.HEADER) String key,
            @NotNull(message = "a JSON body with the reason is required") @Valid
                    OrganiserRequests.CancelRequest request) {
        return posts.once(
                key,
                request,
                () -> bookings.cancelByOrganiser(
                                sessionId,
                                registrationId,
                                organisation(),
                                request.reason().strip())
                        .map(this::ok));
    }

    @GET
    @Path("/sessions/{sessionId}/roster")
    @RolesAllowed("organiser")
    @Operation(
            summary =
                    "Organiser: nickname, status and booking code of everybody booked or waiting, and the drop-in count")
    public Uni<RosterView> roster(
            @PathParam("sessionId") UUID sessionId,
            @QueryParam("reason") String reasonParameter,
            @RestHeader("X-Audit-Reason") String reasonHeader) {
        String reason = reasonParameter != null ? reasonParameter : reasonHeader;
        if (reason != null && (reason.length() > 200 || reason.codePoints().anyMatch(Character::isISOControl))) {
            throw Refusal.badRequest("invalid-audit-reason", "reason is plain text of at most 200 characters.");
        }
        return checkIn.roster(
                        sessionId,
                        organisation(),
                        token.getSubject(),
                        reason == null || reason.isBlank() ? null : reason.strip())
                .map(RegistrationMapper::toView);
    }

    @POST
    @Path("/sessions/{sessionId}/registrations/{registrationId}/attendance")
    @RolesAllowed("organiser")
    @Operation(summary = "Organiser: mark a confirmed booking attended or no-show")
    public Uni<Response> attendance(
            @PathParam("sessionId") UUID sessionId,
            @PathParam("registrationId") UUID registrationId,
            @RestHeader(IdempotencyKey.HEADER) String key,
            @NotNull(message = "a JSON body with attendance is required") @Valid
                    OrganiserRequests.AttendanceRequest request) {
        return posts.once(
                key,
                request,
                () -> checkIn.recordAttendance(sessionId, registrationId, organisation(), request.attendance())
                        .map(r -> posts.answer(
                                200,
                                new RosterView.Entry(
                                        r.id,
                                        r.nickname,
                                        r.status.name().toLowerCase(),
                                        r.bookingCode,
                                        r.attendance.name(),
                                        r.attendedAt),
                                null)));
    }

    @POST
    @Path("/sessions/{sessionId}/drop-ins")
    @RolesAllowed("organiser")
    @Operation(summary = "Organiser: count café drop-ins, without anything about who they are")
    public Uni<Response> dropIns(
            @PathParam("sessionId") UUID sessionId,
            @RestHeader(IdempotencyKey.HEADER) String key,
            @NotNull(message = "a JSON body with count is required") @Valid OrganiserRequests.DropInRequest request) {
        return posts.once(
                key,
                request,
                () -> checkIn.countDropIns(sessionId, organisation(), request.count())
                        .map(total ->
                                posts.answer(200, java.util.Map.of("sessionId", sessionId, "dropIns", total), null)));
    }

    private String organisation() {
        Object org = token.getClaim("org");
        return org == null ? null : org.toString().replace("\"", "");
    }

    private StoredAnswer ok(Registration registration) {
        return posts.answer(200, RegistrationMapper.toView(registration), null);
    }
}
