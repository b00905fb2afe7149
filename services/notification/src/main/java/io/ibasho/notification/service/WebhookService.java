package io.ibasho.notification.service;

import io.ibasho.notification.WebhookDelivery;
import io.ibasho.notification.WebhookEndpoint;
import io.ibasho.notification.config.NotificationConfig;
import io.ibasho.notification.repository.VenueLinks;
import io.ibasho.notification.webhook.SecretSealer;
import io.ibasho.notification.webhook.WebhookSecret;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * A partner group's endpoints. Every lookup is by id and partner group together, so another group's endpoint is
 * simply not found. Secrets are returned once, at creation and rotation.
 *
 * <p>Secrets at rest are sealed ({@link SecretSealer}, key {@code ibasho.notification.webhooks.secret-key} from the
 * deployment's secret store); the partner sees a new secret once, in the answer that created it.
 */
@ApplicationScoped
public class WebhookService {
    private static final SecureRandom RANDOM = new SecureRandom();

    public record Created(WebhookEndpoint endpoint, String secret) {}

    private final NotificationConfig config;
    private final VenueLinks venueLinks;
    private final SecretSealer sealer;

    private final Clock clock;

    public WebhookService(NotificationConfig config, VenueLinks venueLinks, SecretSealer sealer, Clock clock) {
        this.clock = clock;
        this.config = config;
        this.venueLinks = venueLinks;
        this.sealer = sealer;
    }

    /**
     * Secrets stored before sealing existed stay readable ({@link SecretSealer#open} passes them through) but must not
     * stay in plaintext: every hour, and once soon after start, they are sealed in place (issue #14). Idempotent: a
     * sealed value is left alone.
     *
     * @return how many secrets were sealed
     */
    @Scheduled(
            every = "${ibasho.notification.webhooks.reseal-interval:1h}",
            delayed = "30s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> sealPlaintextSecretsOnSchedule() {
        return sealPlaintextSecrets().replaceWithVoid();
    }

    @WithTransaction
    public Uni<Integer> sealPlaintextSecrets() {
        return WebhookEndpoint.<WebhookEndpoint>list(
                        "(secretCurrent is not null and secretCurrent not like ?1) "
                                + "or (secretPrevious is not null and secretPrevious not like ?1)",
                        SecretSealer.PREFIX + "%")
                .map(endpoints -> {
                    int sealed = 0;
                    for (WebhookEndpoint endpoint : endpoints) {
                        if (endpoint.secretCurrent != null && !endpoint.secretCurrent.startsWith(SecretSealer.PREFIX)) {
                            endpoint.secretCurrent = sealer.seal(endpoint.secretCurrent, endpoint.sealedFor());
                            sealed++;
                        }
                        if (endpoint.secretPrevious != null
                                && !endpoint.secretPrevious.startsWith(SecretSealer.PREFIX)) {
                            endpoint.secretPrevious = sealer.seal(endpoint.secretPrevious, endpoint.sealedFor());
                            sealed++;
                        }
                    }
                    return sealed;
                });
    }

    /** The venues the group may follow now: exactly those {@link #notLinked} lets through. */
    @WithSession
    public Uni<List<String>> followable(String partnerGroup) {
        return venueLinks.venuesOf(partnerGroup);
    }

    /**
     * The venues among {@code venueIds} not linked to the group: unknown venues and other groups' venues alike, so
     * the answer never tells a group whether a venue it is not linked to exists.
     */
    @WithSession
    public Uni<List<String>> notLinked(String partnerGroup, List<String> venueIds) {
        return followable(partnerGroup)
                .map(linked ->
                        venueIds.stream().filter(v -> !linked.contains(v)).toList());
    }

    @WithTransaction
    public Uni<Created> register(String partnerGroup, String url, List<String> venueIds) {
        WebhookSecret secret = WebhookSecret.generate(RANDOM);
        WebhookEndpoint endpoint = new WebhookEndpoint();
        endpoint.id = UUID.randomUUID();
        endpoint.partnerGroup = partnerGroup;
        endpoint.url = url;
        endpoint.venueIds = String.join(",", venueIds);
        endpoint.secretCurrent = sealer.seal(secret.encoded(), endpoint.sealedFor());
        endpoint.secretCurrentFrom = now();
        endpoint.active = true;
        endpoint.createdAt = now();
        return endpoint.<WebhookEndpoint>persist().map(saved -> new Created(saved, secret.encoded()));
    }

    @WithSession
    public Uni<List<WebhookEndpoint>> endpointsOf(String partnerGroup) {
        return WebhookEndpoint.list("partnerGroup = ?1 and active = true order by createdAt", partnerGroup);
    }

    /** @return null if the group has no such endpoint */
    @WithTransaction
    public Uni<Created> rotate(String partnerGroup, UUID id) {
        return findActive(partnerGroup, id).map(endpoint -> {
            if (endpoint == null) {
                return null;
            }
            // The current secret keeps signing, next to the new one, for the overlap: the partner switches at leisure.
            OffsetDateTime now = now();
            WebhookSecret next = WebhookSecret.generate(RANDOM);
            String current = openable(endpoint);
            if (current != null) {
                // (re)sealed as it becomes the previous one: also seals a secret stored before sealing existed
                endpoint.secretPrevious = sealer.seal(current, endpoint.sealedFor());
                endpoint.secretPreviousFrom = endpoint.secretCurrentFrom;
                endpoint.secretPreviousUntil = now.plus(config.webhooks().rotationOverlap());
            } else {
                // sealed under a key that was replaced: it cannot sign any more, so there is nothing to overlap with
                endpoint.secretPrevious = null;
                endpoint.secretPreviousFrom = null;
                endpoint.secretPreviousUntil = null;
            }
            endpoint.secretCurrent = sealer.seal(next.encoded(), endpoint.sealedFor());
            endpoint.secretCurrentFrom = now;
            return new Created(endpoint, next.encoded());
        });
    }

    /** The endpoint's current secret in plain text, or null when it was sealed under another key. */
    private String openable(WebhookEndpoint endpoint) {
        try {
            return sealer.open(endpoint.secretCurrent, endpoint.sealedFor());
        } catch (IllegalStateException e) {
            return null;
        }
    }

    /** @return false if the group has no such endpoint */
    @WithTransaction
    public Uni<Boolean> remove(String partnerGroup, UUID id) {
        return findActive(partnerGroup, id).map(endpoint -> {
            if (endpoint == null) {
                return false;
            }
            // Kept (inactive) so its delivery log stays readable; pending deliveries are dropped by the sender.
            endpoint.active = false;
            return true;
        });
    }

    /** @return null if the group has no such endpoint */
    @WithSession
    public Uni<List<WebhookDelivery>> deliveries(String partnerGroup, UUID id) {
        return find(partnerGroup, id)
                .flatMap(endpoint -> endpoint == null
                        ? Uni.createFrom().nullItem()
                        : WebhookDelivery.<WebhookDelivery>find("endpointId = ?1 order by createdAt desc", id)
                                .page(0, 100)
                                .list());
    }

    private static Uni<WebhookEndpoint> findActive(String partnerGroup, UUID id) {
        return WebhookEndpoint.<WebhookEndpoint>find(
                        "id = ?1 and partnerGroup = ?2 and active = true", id, partnerGroup)
                .firstResult();
    }

    /** Removed endpoints included: their delivery log stays readable. */
    private static Uni<WebhookEndpoint> find(String partnerGroup, UUID id) {
        return WebhookEndpoint.<WebhookEndpoint>find("id = ?1 and partnerGroup = ?2", id, partnerGroup)
                .firstResult();
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock);
    }
}
