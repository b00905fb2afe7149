package io.ibasho.notification.service;

import io.ibasho.notification.WebhookDelivery;
import io.ibasho.notification.WebhookEndpoint;
import io.ibasho.notification.config.NotificationConfig;
import io.ibasho.notification.delivery.DestinationVerdict;
import io.ibasho.notification.delivery.RetryDecision;
import io.ibasho.notification.delivery.RetrySchedule;
import io.ibasho.notification.repository.DeliveryQueue;
import io.ibasho.notification.repository.DueDeliveries;
import io.ibasho.notification.webhook.SecretSealer;
import io.ibasho.notification.webhook.WebhookHeaders;
import io.ibasho.notification.webhook.WebhookSigner;
import io.ibasho.plumbing.time.CommitWakeUp;
import io.ibasho.plumbing.time.FrequentPolls;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.core.http.HttpClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * Posts queued schedule updates to partner endpoints, signed per Standard Webhooks on every attempt (fresh
 * timestamp, same message id), retried on the RetrySchedule and dead-lettered when it gives up.
 *
 * <p>Each attempt checks the destination again and connects to the address the check approved, not to whatever
 * the name resolves to a moment later (DNS rebinding). Redirects are not followed: a redirect to an internal
 * address would walk around the check.
 */
@ApplicationScoped
public class WebhookSender {
    private final Vertx vertx;
    private final HttpClient http;
    private final WebhookDestinations destinations;
    private final DeadLetters deadLetters;
    private final NotificationConfig config;
    private final RetrySchedule retries;
    private final WebhookSigner signer = new WebhookSigner(Clock.systemUTC());
    private final SecretSealer sealer;

    private final Clock clock;
    private final NotificationMeters meters;

    public WebhookSender(
            Vertx vertx,
            WebhookDestinations destinations,
            DeadLetters deadLetters,
            NotificationConfig config,
            SecretSealer sealer,
            Clock clock,
            NotificationMeters meters) {
        this.clock = clock;
        this.meters = meters;
        this.vertx = vertx;
        this.sealer = sealer;
        this.destinations = destinations;
        this.deadLetters = deadLetters;
        this.config = config;
        this.retries = new RetrySchedule(
                config.delivery().retryDelays(), config.delivery().maxAge(), new Random());
        int timeoutMillis = (int) config.webhooks().requestTimeout().toMillis();
        this.http = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout(timeoutMillis)
                .setIdleTimeout(timeoutMillis)
                .setIdleTimeoutUnit(java.util.concurrent.TimeUnit.MILLISECONDS)
                .setVerifyHost(true));
    }

    // woken by the commit that queued a delivery; the Vert.x timer is the safety net and finds the retries that came
    // due
    void startSending(@Observes StartupEvent event, FrequentPolls polls, CommitWakeUp wakeUp) {
        wakeUp.listen(
                DeliveryQueue.WEBHOOK_QUEUED,
                polls.every("WebhookSender", config.delivery().pollInterval(), Duration.ofSeconds(3), this::sendDue));
    }

    @WithTransaction
    public Uni<Void> sendDue() {
        return DueDeliveries.claim(
                        "webhook_delivery",
                        WebhookDelivery.class,
                        config.delivery().batchSize(),
                        OffsetDateTime.now(clock))
                .flatMap(this::sendInTurn);
    }

    /**
     * One slow or hanging partner must not hold up the others (issue #14): endpoints are posted to side by side, each
     * endpoint's deliveries in their order, one at a time. After an endpoint's failure the rest of its deliveries wait
     * for its retry without an attempt of their own. The database work (finding the endpoints, recording what came of
     * each attempt) stays sequential: one reactive session must never run two statements at once.
     */
    private Uni<Void> sendInTurn(List<WebhookDelivery> due) {
        if (due.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Map<UUID, List<WebhookDelivery>> byEndpoint = new LinkedHashMap<>();
        due.forEach(d -> byEndpoint
                .computeIfAbsent(d.endpointId, id -> new ArrayList<>())
                .add(d));
        return Multi.createFrom()
                .iterable(byEndpoint.keySet())
                .onItem()
                .transformToUniAndConcatenate(id -> WebhookEndpoint.<WebhookEndpoint>findById(id)
                        .map(endpoint -> new EndpointBatch(id, endpoint, byEndpoint.get(id))))
                .collect()
                .asList()
                .flatMap(batches -> Multi.createFrom()
                        .iterable(batches)
                        .onItem()
                        .transformToUni(this::attemptInTurn)
                        .merge(Math.max(1, config.webhooks().parallelEndpoints()))
                        .collect()
                        .asList())
                .flatMap(outcomes -> Multi.createFrom()
                        .iterable(outcomes.stream().flatMap(List::stream).toList())
                        .onItem()
                        .transformToUniAndConcatenate(this::record)
                        .collect()
                        .last()
                        .replaceWithVoid());
    }

    private record EndpointBatch(UUID id, WebhookEndpoint endpoint, List<WebhookDelivery> deliveries) {}

    /** What one delivery's turn came to; recorded after the batch's HTTP work. */
    private record Outcome(
            WebhookDelivery delivery, Integer statusCode, String error, boolean giveUpNow, RetryDecision decision) {
        Outcome(WebhookDelivery delivery, Integer statusCode, String error, boolean giveUpNow) {
            this(delivery, statusCode, error, giveUpNow, null);
        }

        static Outcome delivered(WebhookDelivery delivery) {
            return new Outcome(delivery, null, null, false);
        }

        Outcome decided(RetryDecision decision) {
            return new Outcome(delivery, statusCode, error, giveUpNow, decision);
        }
    }

    /** This endpoint's deliveries in order, one at a time, stopping at its first failure. */
    private Uni<List<Outcome>> attemptInTurn(EndpointBatch batch) {
        List<Outcome> outcomes = new ArrayList<>();
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (WebhookDelivery delivery : batch.deliveries()) {
            chain = chain.flatMap(ignored -> {
                // a removed endpoint or a malformed URL is not a slow partner: those are all given up in this batch
                Outcome failedBefore = outcomes.stream()
                        .filter(o -> o.error() != null && !o.giveUpNow())
                        .findFirst()
                        .orElse(null);
                if (failedBefore != null) {
                    // not attempted: it waits with the endpoint for the failed one's retry
                    delivery.nextAttemptAt = failedBefore.delivery().nextAttemptAt;
                    return Uni.createFrom().voidItem();
                }
                return attempt(delivery, batch.endpoint())
                        // a failure's retry is decided at once, so that the deliveries behind it wait for that moment
                        .map(outcome -> outcome.error() == null ? outcome : outcome.decided(schedule(outcome)))
                        .invoke(outcomes::add)
                        .replaceWithVoid();
            });
        }
        return chain.map(ignored -> outcomes);
    }

    private Uni<Outcome> attempt(WebhookDelivery delivery, WebhookEndpoint endpoint) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        if (delivery.firstAttemptAt == null) {
            delivery.firstAttemptAt = now;
        }
        delivery.attempts++;
        if (endpoint == null || !endpoint.active) {
            return Uni.createFrom().item(new Outcome(delivery, null, "endpoint removed", true));
        }
        URI url;
        try {
            url = URI.create(endpoint.url);
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().item(new Outcome(delivery, null, "malformed endpoint URL", true));
        }
        // Name resolution blocks, so it runs on a worker; the result comes back on this context.
        return vertx.executeBlocking(Uni.createFrom().item(() -> destinations.check(url)))
                .flatMap(verdict -> verdict instanceof DestinationVerdict.Allowed allowed
                        ? post(delivery, endpoint, url, allowed)
                        : Uni.createFrom()
                                .item(new Outcome(
                                        delivery,
                                        null,
                                        "destination refused: " + ((DestinationVerdict.Refused) verdict).reason(),
                                        false)));
    }

    private Uni<Outcome> post(
            WebhookDelivery delivery, WebhookEndpoint endpoint, URI url, DestinationVerdict.Allowed allowed) {
        byte[] body = delivery.payload.getBytes(StandardCharsets.UTF_8);
        WebhookHeaders signed;
        try {
            signed = signer.sign(delivery.messageId, body, endpoint.secrets(sealer));
        } catch (RuntimeException e) {
            // Never send unsigned; one endpoint's broken secret must not hold up the batch.
            return Uni.createFrom()
                    .item(new Outcome(
                            delivery, null, "cannot sign: " + e.getClass().getSimpleName(), false));
        }
        int port = url.getPort() != -1 ? url.getPort() : "https".equalsIgnoreCase(url.getScheme()) ? 443 : 80;
        RequestOptions request = new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setAbsoluteURI(url.toString())
                .setServer(SocketAddress.inetSocketAddress(
                        port, allowed.addresses().get(0).getHostAddress()))
                .setFollowRedirects(false)
                .setConnectTimeout(config.webhooks().requestTimeout().toMillis())
                // the request's own limit: an endpoint that accepts and then never answers fails after this
                .setIdleTimeout(config.webhooks().requestTimeout().toMillis())
                .putHeader("content-type", "application/json")
                .putHeader("user-agent", "Ibasho-Webhooks/1");
        signed.asMap().forEach(request::putHeader);
        return http.request(request)
                .flatMap(req -> req.send(Buffer.buffer(body)))
                .map(response -> {
                    if (response.statusCode() >= 200 && response.statusCode() < 300) {
                        delivery.lastStatusCode = response.statusCode();
                        return Outcome.delivered(delivery);
                    }
                    return new Outcome(delivery, response.statusCode(), "HTTP " + response.statusCode(), false);
                })
                .onFailure()
                .recoverWithItem(failure ->
                        new Outcome(delivery, null, failure.getClass().getSimpleName(), false));
    }

    private Uni<Void> record(Outcome outcome) {
        WebhookDelivery delivery = outcome.delivery();
        if (outcome.error() == null) {
            delivery.status = WebhookDelivery.DELIVERED;
            delivery.deliveredAt = OffsetDateTime.now(clock);
            delivery.lastError = null;
            meters.sent(NotificationMeters.DeliveryChannel.WEBHOOK);
            return Uni.createFrom().voidItem();
        }
        meters.failed(NotificationMeters.DeliveryChannel.WEBHOOK);
        RetryDecision decision = outcome.decision();
        if (decision instanceof RetryDecision.RetryAt) {
            return Uni.createFrom().voidItem();
        }
        delivery.status = WebhookDelivery.DEAD;
        meters.deadLettered(NotificationMeters.DeliveryChannel.WEBHOOK);
        return deadLetters.publish(
                NotificationMeters.DeliveryChannel.WEBHOOK.label(),
                delivery.id,
                delivery.sourceEventId,
                delivery.attempts,
                ((RetryDecision.DeadLetter) decision).reason() + "; last error: " + outcome.error());
    }

    /** Records the failure on the delivery and sets its next attempt (once per attempt: the delay has jitter). */
    private RetryDecision schedule(Outcome outcome) {
        WebhookDelivery delivery = outcome.delivery();
        delivery.lastError = outcome.error();
        if (outcome.statusCode() != null) {
            delivery.lastStatusCode = outcome.statusCode();
        }
        if (outcome.giveUpNow()) {
            return new RetryDecision.DeadLetter(outcome.error());
        }
        RetryDecision decision =
                retries.afterFailure(delivery.attempts, delivery.firstAttemptAt.toInstant(), clock.instant());
        if (decision instanceof RetryDecision.RetryAt retry) {
            delivery.nextAttemptAt = retry.at().atOffset(ZoneOffset.UTC);
        }
        return decision;
    }
}
