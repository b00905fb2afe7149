package io.ibasho.notification.rest;

import io.ibasho.notification.service.TalkRequests;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** 「話したいことがあります」: her own requests to talk, keyed by her token's subject; nobody else's are ever loaded. */
@Path("/talk-requests")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed("attendee")
public class TalkRequestResource {
    /** How and when she can be reached; no reason is asked for. */
    public record TalkRequestBody(
            @Size(max = 64) String organisationId,
            @Size(max = 16) String channel,
            @Size(max = 32) String callbackPhone,
            @Size(max = 32) String timeWindow,
            @Size(max = 7) List<@Size(max = 3) String> days,
            @Size(max = 400) String note) {}

    private final TalkRequests requests;
    private final JsonWebToken token;

    public TalkRequestResource(TalkRequests requests, JsonWebToken token) {
        this.requests = requests;
        this.token = token;
    }

    @GET
    @Operation(summary = "Her requests to talk, newest first, with where each stands")
    public Uni<List<TalkRequests.View>> mine() {
        return requests.mine(token.getSubject());
    }

    @POST
    @Operation(summary = "Ask one organisation's consultation staff to contact her, how and when it is safe")
    public Uni<Response> send(@NotNull(message = "a JSON body is required") TalkRequestBody body) {
        return requests.send(
                        token.getSubject(),
                        new TalkRequests.NewRequest(
                                body.organisationId(),
                                body.channel(),
                                body.callbackPhone(),
                                body.timeWindow(),
                                body.days(),
                                body.note()))
                .map(view -> Response.created(URI.create("/api/notifications/talk-requests/" + view.id()))
                        .entity(view)
                        .build());
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Withdraw one of her requests: deleted at once, with its note and number")
    public Uni<Response> withdraw(@PathParam("id") UUID id) {
        return requests.withdraw(token.getSubject(), id)
                .map(ignored -> Response.noContent().build());
    }
}
