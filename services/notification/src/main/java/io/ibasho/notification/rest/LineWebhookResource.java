package io.ibasho.notification.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ibasho.notification.delivery.LineSignature;
import io.ibasho.notification.service.LineChannel;
import io.ibasho.plumbing.problem.ProblemDetail;
import io.ibasho.plumbing.problem.ProblemMappers;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.logging.Logger;

/**
 * LINE's webhook (docs/adr/0024): LINE calls it, so it takes no Keycloak token; instead every request must carry
 * {@code X-Line-Signature} over the raw body with this installation's channel secret, or it is refused with 401 before
 * anything in it is read. The gateway relays the body unchanged. It answers 200 quickly for anything signed, also for
 * events it does not act on, as LINE expects; a redelivered event changes nothing (see {@link LineChannel#apply}).
 * Nothing of a message is logged: not the userId, not the text.
 */
@Path("/line/webhook")
@PermitAll
public class LineWebhookResource {
    private static final Logger LOG = Logger.getLogger(LineWebhookResource.class);

    private final LineChannel line;
    private final ObjectMapper json;

    public LineWebhookResource(LineChannel line, ObjectMapper json) {
        this.line = line;
        this.json = json;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "LINE's webhook: links her LINE when she sends her code; unfollow unlinks. Signed by LINE")
    public Uni<Response> receive(@HeaderParam("X-Line-Signature") String signature, byte[] body) {
        if (!line.available()) {
            return Uni.createFrom().failure(LineResource.notOffered());
        }
        byte[] raw = body == null ? new byte[0] : body;
        if (!LineSignature.valid(line.channelSecret().orElseThrow(), raw, signature)) {
            return Uni.createFrom()
                    .item(ProblemMappers.respond(ProblemDetail.of(
                            401,
                            "line-signature",
                            "Signature not valid",
                            "X-Line-Signature does not match the body for this channel.",
                            "/api/notifications/line/webhook")));
        }
        List<LineChannel.WebhookEvent> events;
        try {
            events = read(json.readTree(raw));
        } catch (IOException | RuntimeException e) {
            return Uni.createFrom()
                    .item(ProblemMappers.respond(ProblemDetail.of(
                            400,
                            "bad-request",
                            "Bad request",
                            "The webhook body is not LINE's JSON.",
                            "/api/notifications/line/webhook")));
        }
        return line.apply(events).map(outcome -> {
            LOG.debugf(
                    "LINE webhook: %d event(s), %d linked, %d unlinked",
                    events.size(), outcome.linked(), outcome.unlinked());
            return Response.ok("{}", MediaType.APPLICATION_JSON).build();
        });
    }

    /** Only what is acted on: a text from a user (maybe her code) and unfollow. Others (follow, join, ...) are skipped. */
    static List<LineChannel.WebhookEvent> read(JsonNode root) {
        List<LineChannel.WebhookEvent> events = new ArrayList<>();
        for (JsonNode event : root.path("events")) {
            JsonNode source = event.path("source");
            if (!"user".equals(source.path("type").asText()) || !source.hasNonNull("userId")) {
                continue;
            }
            String userId = source.path("userId").asText();
            Instant at = Instant.ofEpochMilli(event.path("timestamp").asLong(0));
            switch (event.path("type").asText()) {
                case "message" -> {
                    JsonNode message = event.path("message");
                    if ("text".equals(message.path("type").asText())) {
                        events.add(new LineChannel.WebhookEvent.TextMessage(
                                userId, message.path("text").asText(""), at));
                    }
                }
                case "unfollow" -> events.add(new LineChannel.WebhookEvent.Unfollow(userId, at));
                default -> {
                    // follow, postback, ...: nothing to do
                }
            }
        }
        return events;
    }
}
