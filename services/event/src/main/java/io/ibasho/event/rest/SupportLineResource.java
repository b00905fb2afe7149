package io.ibasho.event.rest;

import io.ibasho.event.mapping.SupportLineView;
import io.ibasho.event.service.SupportLineService;
import io.ibasho.event.service.SupportLinesRequest;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** 相談窓口: places to turn to, public so that a woman can read them without an account or a trace of one. */
@Path("/support-lines")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "support lines")
public class SupportLineResource {
    private final SupportLineService lines;
    private final OrganiserContext organiser;

    public SupportLineResource(SupportLineService lines, OrganiserContext organiser) {
        this.lines = lines;
        this.organiser = organiser;
    }

    @GET
    @PermitAll
    @Operation(summary = "Places to turn to (public): every organisation's, or one organisation's, in its order")
    public Uni<List<SupportLineView>> list(
            @QueryParam("organisation") @Size(max = 64, message = "organisation is at most 64 characters")
                    String organisationId) {
        return lines.lines(organisationId)
                .map(found -> found.stream().map(SupportLineView::of).toList());
    }

    @GET
    @Path("/mine")
    @RolesAllowed("organiser")
    @Operation(summary = "The caller's organisation's places to turn to")
    public Uni<List<SupportLineView>> mine() {
        return lines.lines(organiser.organisationId())
                .map(found -> found.stream().map(SupportLineView::of).toList());
    }

    @PUT
    @Path("/mine")
    @RolesAllowed("organiser")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replace the caller's organisation's places to turn to with this list, in this order")
    public Uni<List<SupportLineView>> replace(@Valid @NotNull SupportLinesRequest request) {
        return lines.replace(organiser.organisationId(), request)
                .map(saved -> saved.stream().map(SupportLineView::of).toList());
    }
}
