package io.ibasho.event.rest;

import io.ibasho.event.mapping.SessionView;
import io.ibasho.event.mapping.Tokyo;
import io.ibasho.event.service.SeriesRequest;
import io.ibasho.event.service.SeriesService;
import io.ibasho.event.service.SeriesService.SeriesWithOccurrences;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Recurring sessions. One occurrence is edited or cancelled through /sessions/{id} like any session. */
@Path("/series")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("organiser")
@Tag(name = "series")
public class SeriesResource {
    private final SeriesService series;
    private final OrganiserContext organiser;
    private final jakarta.validation.Validator validator;

    public SeriesResource(SeriesService series, OrganiserContext organiser, jakarta.validation.Validator validator) {
        this.series = series;
        this.organiser = organiser;
        this.validator = validator;
    }

    @POST
    @Operation(summary = "Create a series; its occurrences over the horizon are stored as draft sessions")
    public Uni<Response> create(@NotNull(message = "a JSON body is required") @Valid SeriesRequest request) {
        return series.create(organiser.organisationId(), request)
                .map(created -> Response.created(URI.create("/api/events/series/" + created.series().id))
                        .entity(view(created))
                        .build());
    }

    @POST
    @Path("/check")
    @Operation(
            summary = "What creating this series would refuse, every mistake at once (the fields' syntax, the series'"
                    + " rules and, when its schedule reads, every date it would make), without creating anything: 204"
                    + " when it could be created")
    @APIResponse(responseCode = "204", description = "Nothing to refuse")
    public Uni<Response> check(@NotNull(message = "a JSON body is required") SeriesRequest request) {
        var syntax = RequestChecks.syntax(validator, request);
        return RequestChecks.answer(
                syntax, series.check(organiser.organisationId(), request.without(syntax.brokenMembers())));
    }

    @GET
    @Operation(
            summary = "The organisation's series, those with a date still to come first (by that date), then the"
                    + " ones that have none left")
    public Uni<List<SeriesView.Summary>> list() {
        return series.list(organiser.organisationId())
                .map(all -> all.stream()
                        .map(one -> {
                            var s = one.series();
                            var next = one.nextDate();
                            return new SeriesView.Summary(
                                    s.id,
                                    s.status.name().toLowerCase(),
                                    s.rrule,
                                    s.firstStart,
                                    s.kind.wireName(),
                                    s.titleJa,
                                    s.titleEn,
                                    s.venueId,
                                    next == null ? null : next.id,
                                    next == null ? null : Tokyo.offset(next.startsAt),
                                    next == null ? null : Tokyo.offset(next.endsAt));
                        })
                        .toList());
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "A series and its stored occurrences")
    public Uni<SeriesView> get(@PathParam("id") UUID id) {
        return series.get(organiser.organisationId(), id).map(SeriesResource::view);
    }

    @PUT
    @Path("/{id}")
    @Operation(
            summary = "Edit the rule or defaults; individually changed or cancelled occurrences are kept as they are")
    public Uni<SeriesView> update(
            @PathParam("id") UUID id, @NotNull(message = "a JSON body is required") @Valid SeriesRequest request) {
        return series.update(organiser.organisationId(), id, request).map(SeriesResource::view);
    }

    @POST
    @Path("/{id}/from/{from}")
    @Operation(
            summary = "Change the series from a date on: it ends the day before, a new series takes over the later"
                    + " occurrences in place (their bookings stay); dates changed or cancelled on their own are kept")
    public Uni<Response> changeFrom(
            @PathParam("id") UUID id,
            @PathParam("from") LocalDate from,
            @NotNull(message = "a JSON body is required") @Valid SeriesRequest request) {
        return series.changeFrom(organiser.organisationId(), id, from, request)
                .map(changed -> Response.created(URI.create("/api/events/series/" + changed.series().id))
                        .entity(view(changed))
                        .build());
    }

    @POST
    @Path("/{id}/from/{from}/preview")
    @Operation(
            summary = "What changing the series from a date on would do, without doing it: every date from then on as"
                    + " ADDED, CHANGED, UNCHANGED, OWN (changed or cancelled on its own: stays) or REMOVED, before and"
                    + " after; the same checks and refusals as the change itself, every mistake at once (the fields'"
                    + " syntax with the rules on what reads)")
    public Uni<SeriesService.ChangePreview> previewChangeFrom(
            @PathParam("id") UUID id,
            @PathParam("from") LocalDate from,
            @NotNull(message = "a JSON body is required") SeriesRequest request) {
        var syntax = RequestChecks.syntax(validator, request);
        return RequestChecks.checked(
                        syntax,
                        series.previewChangeFrom(
                                organiser.organisationId(), id, from, request.without(syntax.brokenMembers())))
                .map(SeriesService.ChangePreview::new);
    }

    @POST
    @Path("/{id}/publish")
    @Operation(
            summary = "Publish the series' draft occurrences (EventPublished each) and later ones as they are planned")
    public Uni<SeriesView> publish(@PathParam("id") UUID id) {
        return series.publish(organiser.organisationId(), id).map(SeriesResource::view);
    }

    private static SessionView.LotteryView lottery(io.ibasho.event.SessionSeries series) {
        if (series.allocation != io.ibasho.event.Session.Allocation.LOTTERY) {
            return null;
        }
        return SessionView.LotteryView.of(io.ibasho.event.mapping.JsonColumns.lottery(series.lotteryJson));
    }

    static SeriesView view(SeriesWithOccurrences result) {
        var s = result.series();
        return new SeriesView(
                s.id,
                s.status.name().toLowerCase(),
                s.rrule,
                s.firstStart,
                s.durationMinutes,
                s.lastDay,
                s.count,
                s.kind.wireName(),
                s.titleJa,
                s.titleEn,
                s.targetAudienceJa,
                s.targetAudienceEn,
                io.ibasho.event.mapping.Flyer.read(s.flyerJson),
                s.venueId,
                s.roomId,
                s.capacity,
                s.allocation.name(),
                s.applicationOpensDaysBefore,
                s.applicationClosesHoursBefore,
                lottery(s),
                io.ibasho.event.mapping.JsonColumns.seriesChildcare(s.childcareJson),
                result.occurrences().stream()
                        .map(o -> new SeriesView.OccurrenceView(
                                o.id,
                                o.recurrenceId,
                                Tokyo.offset(o.startsAt),
                                Tokyo.offset(o.endsAt),
                                o.status.name().toLowerCase(),
                                o.sequence,
                                o.venueId,
                                o.roomId,
                                o.capacity,
                                o.titleJa,
                                o.occurrenceOverride == null ? null : o.occurrenceOverride.name(),
                                Tokyo.offset(o.applicationOpensAt),
                                Tokyo.offset(o.applicationClosesAt)))
                        .toList(),
                result.datesMadeThrough(),
                result.nextDateToMake());
    }
}
