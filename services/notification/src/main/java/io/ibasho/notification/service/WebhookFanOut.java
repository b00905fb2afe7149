package io.ibasho.notification.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ibasho.notification.WebhookEndpoint;
import io.ibasho.notification.config.NotificationConfig;
import io.ibasho.notification.repository.DeliveryQueue;
import io.ibasho.notification.repository.VenueLinks;
import io.ibasho.notification.webhook.WebhookSigner;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Queues a thin schedule update for every partner endpoint that follows the session's venue, in the consumer's
 * transaction. The payload names the session and what changed and links to its public details: nothing about
 * who registered, ever.
 */
@ApplicationScoped
public class WebhookFanOut {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ObjectMapper json;
    private final NotificationConfig config;
    private final VenueLinks venueLinks;

    private final Clock clock;

    public WebhookFanOut(ObjectMapper json, NotificationConfig config, VenueLinks venueLinks, Clock clock) {
        this.clock = clock;
        this.json = json;
        this.config = config;
        this.venueLinks = venueLinks;
    }

    /**
     * @param type         e.g. {@code session.published}, {@code session.changed}, {@code session.cancelled}
     * @param linkedGroups the groups linked to the venue at the time of the event ({@code venuePartnerGroups}), or
     *                     null if the event does not say (EventCancelled): then the last known links
     */
    public Uni<Void> sessionUpdate(
            String type,
            UUID sessionId,
            String venueId,
            List<String> linkedGroups,
            List<String> changed,
            String sourceEventId) {
        if (venueId == null || venueId.isBlank()) {
            return Uni.createFrom().voidItem();
        }
        Uni<List<String>> groups =
                linkedGroups != null ? Uni.createFrom().item(linkedGroups) : venueLinks.groupsOf(venueId);
        return groups.flatMap(linked -> linked.isEmpty()
                ? Uni.createFrom().voidItem()
                : queue(type, sessionId, venueId, linked, changed, sourceEventId));
    }

    private Uni<Void> queue(
            String type,
            UUID sessionId,
            String venueId,
            List<String> linkedGroups,
            List<String> changed,
            String sourceEventId) {
        String payload = payload(type, sessionId, changed);
        OffsetDateTime now = OffsetDateTime.now(clock);
        // venue_ids is a short comma-separated list; the wrapping commas make the match exact ("v1" never matches
        // "v10").
        // Only groups linked to the venue when it happened: a group unlinked since hears nothing more about it.
        return WebhookEndpoint.<WebhookEndpoint>list(
                        "active = true and concat(',', venueIds, ',') like ?1 and partnerGroup in ?2",
                        "%," + venueId + ",%",
                        linkedGroups)
                .flatMap(endpoints -> Multi.createFrom()
                        .iterable(endpoints)
                        .onItem()
                        .transformToUniAndConcatenate(endpoint -> DeliveryQueue.queueWebhook(
                                endpoint.id, WebhookSigner.newMessageId(RANDOM), sourceEventId, type, payload, now))
                        .collect()
                        .last()
                        .replaceWithVoid());
    }

    private String payload(String type, UUID sessionId, List<String> changed) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type);
        body.put("sessionId", sessionId.toString());
        body.put("changed", changed);
        body.put("detailsUrl", config.sessionDetailsBaseUrl() + "/" + sessionId);
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
