package io.ibasho.notification.rest;

import io.ibasho.notification.WebhookDelivery;
import io.ibasho.notification.WebhookEndpoint;
import io.ibasho.notification.delivery.DestinationVerdict;
import io.ibasho.notification.service.WebhookDestinations;
import io.ibasho.notification.service.WebhookService;
import io.ibasho.plumbing.refusal.Refusal;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
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
import java.net.URISyntaxException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * A partner group's webhook endpoints. The group comes from the token's {@code partner_group} claim; another
 * group's endpoint is 404, never 403.
 */
@Path("/webhooks")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("partner")
public class WebhookResource {
    public record EndpointRequest(
            @NotBlank @Size(max = 2000) String url,

            @NotEmpty @Size(max = 50)
            List<@NotBlank @Pattern(regexp = "[A-Za-z0-9_-]{1,64}", message = "must be a venue id") String> venueIds) {}

    public record EndpointView(UUID id, String url, List<String> venueIds, OffsetDateTime createdAt) {}

    /** The secret appears in this response only; store it now. */
    public record EndpointWithSecret(
            UUID id, String url, List<String> venueIds, OffsetDateTime createdAt, String secret) {}

    public record DeliveryView(
            UUID id,
            String messageId,
            String type,
            String status,
            int attempts,
            Integer lastStatusCode,
            String lastError,
            OffsetDateTime nextAttemptAt,
            OffsetDateTime deliveredAt,
            OffsetDateTime createdAt) {}

    private final WebhookService webhooks;
    private final WebhookDestinations destinations;
    private final JsonWebToken token;
    private final Vertx vertx;

    public WebhookResource(WebhookService webhooks, WebhookDestinations destinations, JsonWebToken token, Vertx vertx) {
        this.webhooks = webhooks;
        this.destinations = destinations;
        this.token = token;
        this.vertx = vertx;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Register an endpoint for the venues the group follows; the signing secret is shown once")
    public Uni<Response> register(@Valid @NotNull EndpointRequest request) {
        String group = partnerGroup();
        URI url;
        try {
            url = new URI(request.url());
        } catch (URISyntaxException e) {
            throw Refusal.invalid("invalid-webhook-url", "url is not a URL.");
        }
        return vertx.executeBlocking(Uni.createFrom().item(() -> destinations.check(url)))
                .flatMap(verdict -> {
                    if (verdict instanceof DestinationVerdict.Refused refused) {
                        return Uni.createFrom()
                                .failure(Refusal.invalid(
                                        "invalid-webhook-url",
                                        "Webhook URLs must be https and reach a public address (" + refused.reason()
                                                + ")."));
                    }
                    List<String> venues = request.venueIds().stream().distinct().toList();
                    return webhooks.notLinked(group, venues).flatMap(notLinked -> {
                        if (!notLinked.isEmpty()) {
                            return Uni.createFrom()
                                    .failure(
                                            Refusal.invalid(
                                                    "venue-not-linked",
                                                    "Your partner group is not linked to venue(s) "
                                                            + String.join(", ", notLinked)
                                                            + "; only venues the organiser linked to your group can be followed."));
                        }
                        return webhooks.register(group, url.toString(), venues)
                                .map(created -> Response.status(201)
                                        .entity(withSecret(created.endpoint(), created.secret()))
                                        .build());
                    });
                });
    }

    @GET
    @Path("/venues")
    @Operation(
            summary =
                    "The ids of the venues the group may follow now (linked to it by their organiser); any other is refused as venue-not-linked")
    public Uni<List<String>> followableVenues() {
        return webhooks.followable(partnerGroup());
    }

    @GET
    @Operation(summary = "The group's endpoints (without secrets)")
    public Uni<List<EndpointView>> list() {
        return webhooks.endpointsOf(partnerGroup())
                .map(all -> all.stream().map(WebhookResource::view).toList());
    }

    @POST
    @Path("/{id}/rotate")
    @Operation(summary = "A new secret; the old one keeps signing alongside it during the overlap")
    public Uni<EndpointWithSecret> rotate(@PathParam("id") UUID id) {
        return webhooks.rotate(partnerGroup(), id).map(created -> {
            if (created == null) {
                throw Refusal.notFound("webhook endpoint");
            }
            return withSecret(created.endpoint(), created.secret());
        });
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Stop deliveries to the endpoint; its delivery log stays readable")
    public Uni<Response> remove(@PathParam("id") UUID id) {
        return webhooks.remove(partnerGroup(), id).map(removed -> {
            if (!removed) {
                throw Refusal.notFound("webhook endpoint");
            }
            return Response.noContent().build();
        });
    }

    @GET
    @Path("/{id}/deliveries")
    @Operation(summary = "The latest 100 deliveries to the endpoint with their attempts and outcome")
    public Uni<List<DeliveryView>> deliveries(@PathParam("id") UUID id) {
        return webhooks.deliveries(partnerGroup(), id).map(deliveries -> {
            if (deliveries == null) {
                throw Refusal.notFound("webhook endpoint");
            }
            return deliveries.stream().map(WebhookResource::view).toList();
        });
    }

    private String partnerGroup() {
        return partnerGroup(token);
    }

    /** The group of a partner token; 403 if the account is not linked to one. */
    static String partnerGroup(JsonWebToken token) {
        Object claim = token.getClaim("partner_group");
        String group = claim == null ? null : claim.toString().replace("\"", "");
        if (group == null || group.isBlank()) {
            throw Refusal.forbidden("no-partner-group", "This account is not linked to a partner group.");
        }
        return group;
    }

    private static EndpointView view(WebhookEndpoint endpoint) {
        return new EndpointView(endpoint.id, endpoint.url, endpoint.venues(), endpoint.createdAt);
    }

    private static EndpointWithSecret withSecret(WebhookEndpoint endpoint, String secret) {
        return new EndpointWithSecret(endpoint.id, endpoint.url, endpoint.venues(), endpoint.createdAt, secret);
    }

    private static DeliveryView view(WebhookDelivery delivery) {
        return new DeliveryView(
                delivery.id,
                delivery.messageId,
                delivery.eventType,
                delivery.status,
                delivery.attempts,
                delivery.lastStatusCode,
                delivery.lastError,
                delivery.status.equals(WebhookDelivery.PENDING) ? delivery.nextAttemptAt : null,
                delivery.deliveredAt,
                delivery.createdAt);
    }
}
