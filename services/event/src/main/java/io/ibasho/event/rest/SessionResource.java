package io.ibasho.event.rest;

import io.ibasho.event.Session;
import io.ibasho.event.mapping.OrganiserSessionView;
import io.ibasho.event.mapping.SessionMapper;
import io.ibasho.event.mapping.SessionView;
import io.ibasho.event.service.AttendeeDetailsService;
import io.ibasho.event.service.PublicSessionList;
import io.ibasho.event.service.SessionRequest;
import io.ibasho.event.service.SessionService;
import io.ibasho.event.service.SessionService.Located;
import io.ibasho.plumbing.refusal.Refusal;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/sessions")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "sessions")
public class SessionResource {
    private final SessionService sessions;
    private final PublicSessionList publicList;
    private final AttendeeDetailsService attendeeDetails;
    private final OrganiserContext organiser;
    private final JsonWebToken token;
    private final Clock clock;
    private final jakarta.validation.Validator validator;

    public SessionResource(
            SessionService sessions,
            PublicSessionList publicList,
            AttendeeDetailsService attendeeDetails,
            OrganiserContext organiser,
            JsonWebToken token,
            Clock clock,
            jakarta.validation.Validator validator) {
        this.clock = clock;
        this.validator = validator;
        this.sessions = sessions;
        this.publicList = publicList;
        this.attendeeDetails = attendeeDetails;
        this.organiser = organiser;
        this.token = token;
    }

    @GET
    @PermitAll
    @Operation(
            summary = "Upcoming published sessions (public, no login), filtered and paged. Anonymous answers carry a"
                    + " strong ETag (If-None-Match: 304) and Cache-Control: public with a max-age of a few seconds;"
                    + " answers to a request with a token are no-store")
    @APIResponse(
            responseCode = "200",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = SessionView.class)))
    @APIResponse(responseCode = "304", description = "The list is still the one named in If-None-Match")
    public Uni<Response> upcoming(
            @QueryParam("from") String from,
            @QueryParam("to") String to,
            @QueryParam("venueId") UUID venueId,
            @QueryParam("area") String area,
            @QueryParam("kind")
                    @Pattern(
                            regexp = "cafe|workshop|online|free-space",
                            message = "kind must be cafe, workshop, online or free-space")
                    String kind,
            @QueryParam("childcareOffered") Boolean childcareOffered,
            @QueryParam("online") Boolean online,
            @QueryParam("page") @DefaultValue("0") @Min(value = 0, message = "page starts at 0") int page,
            @QueryParam("size")
                    @DefaultValue("20")
                    @Min(value = 1, message = "size is 1..100")
                    @Max(value = 100, message = "size is 1..100")
                    int size,
            @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        OffsetDateTime fromTime = TimeParams.parse("from", from);
        OffsetDateTime toTime = TimeParams.parse("to", to);
        if (toTime != null && !toTime.isAfter(fromTime == null ? OffsetDateTime.now(clock) : fromTime)) {
            throw Refusal.badRequest("invalid-parameter", "to must be after from");
        }
        // from == null: from now, which the public list's copy treats as "now" at each request
        var filter = new SessionService.Filter(
                fromTime,
                toTime,
                venueId,
                area == null || area.isBlank() ? null : area,
                kind == null ? null : Session.SessionKind.fromWireName(kind),
                childcareOffered,
                online);
        return publicList
                .upcoming(filter, page, size)
                .map(answer -> PublicListAnswers.of(answer, ifNoneMatch, authorization));
    }

    @GET
    @Path("/{id}")
    @PermitAll
    @Operation(summary = "A published (or cancelled/completed) session's public details")
    public Uni<SessionView> published(@PathParam("id") UUID id) {
        return sessions.publishedSession(id).map(l -> SessionMapper.toView(l.session(), l.venue(), l.partVenues()));
    }

    @GET
    @Path("/{id}/attendee-details")
    @RolesAllowed("attendee")
    @Operation(
            summary = "For a confirmed attendee only: the address (unless never shown) and, shortly before an online "
                    + "session, its meeting link. 404 for anyone without a confirmed place; never cached")
    public Uni<Response> attendeeDetails(@PathParam("id") UUID id) {
        return attendeeDetails
                .detailsFor(id, token.getSubject())
                .map(details -> Response.ok(details)
                        .header("Cache-Control", "no-store")
                        .header("Pragma", "no-cache")
                        .build());
    }

    @GET
    @Path("/mine")
    @RolesAllowed("organiser")
    @Operation(
            summary = "The caller's organisation's sessions, drafts included, with private fields; optionally only"
                    + " those starting in [startsFrom, startsBefore); by start, the latest first with newestFirst=true")
    public Uni<List<OrganiserSessionView>> mine(
            @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(200) int size,
            @QueryParam("startsFrom") String startsFrom,
            @QueryParam("startsBefore") String startsBefore,
            @QueryParam("newestFirst") @DefaultValue("false") boolean newestFirst) {
        // a window (the dashboard's month) so that a busy organisation's later months are not beyond the first page
        OffsetDateTime from = TimeParams.parse("startsFrom", startsFrom);
        OffsetDateTime before = TimeParams.parse("startsBefore", startsBefore);
        return sessions.own(organiser.organisationId(), from, before, newestFirst, page, size)
                .map(list -> list.stream()
                        .map(l -> SessionMapper.toOrganiserView(l.session(), l.venue(), l.partVenues()))
                        .toList());
    }

    @GET
    @Path("/{id}/manage")
    @RolesAllowed("organiser")
    @Operation(summary = "One of the caller's organisation's sessions, with private fields")
    public Uni<OrganiserSessionView> manage(@PathParam("id") UUID id) {
        return sessions.ownLocated(organiser.organisationId(), id).map(SessionResource::organiserView);
    }

    @POST
    @RolesAllowed("organiser")
    @Operation(summary = "Create a draft session for the caller's organisation")
    public Uni<Response> create(@NotNull(message = "a JSON body is required") @Valid SessionRequest request) {
        return sessions.create(organiser.organisationId(), request)
                .map(created -> Response.created(URI.create("/api/events/sessions/" + created.session().id))
                        .entity(organiserView(created))
                        .build());
    }

    @POST
    @Path("/check")
    @RolesAllowed("organiser")
    @Operation(
            summary = "What creating this session would refuse, every mistake at once (the fields' syntax and the"
                    + " rules on what reads), without creating anything: 204 when it could be created")
    @APIResponse(responseCode = "204", description = "Nothing to refuse")
    public Uni<Response> checkNew(@NotNull(message = "a JSON body is required") SessionRequest request) {
        var syntax = RequestChecks.syntax(validator, request);
        return RequestChecks.answer(
                syntax, sessions.check(organiser.organisationId(), null, request.without(syntax.brokenMembers())));
    }

    @POST
    @Path("/{id}/check")
    @RolesAllowed("organiser")
    @Operation(
            summary = "What replacing this session's details would refuse, every mistake at once, without changing"
                    + " anything: 204 when the change could be saved")
    @APIResponse(responseCode = "204", description = "Nothing to refuse")
    public Uni<Response> checkChange(
            @PathParam("id") UUID id, @NotNull(message = "a JSON body is required") SessionRequest request) {
        var syntax = RequestChecks.syntax(validator, request);
        return RequestChecks.answer(
                syntax, sessions.check(organiser.organisationId(), id, request.without(syntax.brokenMembers())));
    }

    @PUT
    @Path("/{id}")
    @RolesAllowed("organiser")
    @Operation(summary = "Replace a draft's or a published session's details (published: EventChanged, sequence + 1)")
    public Uni<OrganiserSessionView> update(
            @PathParam("id") UUID id, @NotNull(message = "a JSON body is required") @Valid SessionRequest request) {
        return sessions.update(organiser.organisationId(), id, request).map(SessionResource::organiserView);
    }

    @POST
    @Path("/{id}/publish")
    @RolesAllowed("organiser")
    @Operation(summary = "Publish a draft: announces EventPublished to the other services")
    public Uni<OrganiserSessionView> publish(@PathParam("id") UUID id) {
        return sessions.publish(organiser.organisationId(), id).map(SessionResource::organiserView);
    }

    @POST
    @Path("/{id}/cancel")
    @RolesAllowed("organiser")
    @Operation(summary = "Cancel a session (published: EventCancelled); idempotent")
    public Uni<OrganiserSessionView> cancel(@PathParam("id") UUID id) {
        return sessions.cancel(organiser.organisationId(), id).map(SessionResource::organiserView);
    }

    @POST
    @Path("/{id}/complete")
    @RolesAllowed("organiser")
    @Operation(summary = "Mark a published session as taken place (EventCompleted); a job also does this after the end")
    public Uni<OrganiserSessionView> complete(@PathParam("id") UUID id) {
        return sessions.complete(organiser.organisationId(), id).map(SessionResource::organiserView);
    }

    private static OrganiserSessionView organiserView(Located located) {
        return SessionMapper.toOrganiserView(located.session(), located.venue(), located.partVenues());
    }

    static List<SessionView> views(List<Located> list) {
        return list.stream()
                .map(l -> SessionMapper.toView(l.session(), l.venue(), l.partVenues()))
                .toList();
    }
}
