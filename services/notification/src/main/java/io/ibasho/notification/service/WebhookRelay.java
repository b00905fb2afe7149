package io.ibasho.notification.service;

import io.ibasho.notification.WebhookDelivery;
import io.ibasho.notification.WebhookEndpoint;
import io.ibasho.notification.config.NotificationConfig;
import io.ibasho.notification.delivery.DestinationVerdict;
import io.ibasho.notification.delivery.RetryDecision;
import io.ibasho.notification.delivery.RetrySchedule;
import io.ibasho.notification.webhook.SecretSealer;
import io.ibasho.notification.webhook.WebhookHeaders;
import io.ibasho.notification.webhook.WebhookSigner;
import io.ibasho.plumbing.time.FrequentPolls;
import io.quarkus.hibernate.reactive.panache.Panache;
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
import java.util.List;
import java.util.Random;

/**
 * Posts queued schedule updates to partner endpoints, signed per Standard Webhooks on every attempt (fresh
 * timestamp, same message id), retried on the RetrySchedule and dead-lettered when it gives up.
 *
 * <p>Each attempt checks the destination again and connects to the address the check approved, not to whatever
 * the name resolves to a moment later (DNS rebinding). Redirects are not followed: a redirect to an internal
 * address would walk around the check.
 */
@ApplicationScoped
public class WebhookRelay {
    private final Vertx vertx;
    private final HttpClient http;
    private final WebhookDestinations destinations;
    private final DeadLetters deadLetters;
    private final NotificationConfig config;
    private final RetrySchedule retries;
    private final WebhookSigner signer = new WebhookSigner(Clock.systemUTC());
    private final SecretSealer sealer;

    private final Clock clock;

    public WebhookRelay(
            Vertx vertx,
            WebhookDestinations destinations,
            DeadLetters deadLetters,
            NotificationConfig config,
            SecretSealer sealer,
            Clock clock) {
        this.clock = clock;
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

    // a Vert.x timer, not @Scheduled: the scheduler cannot poll more often than once a second
    void startSending(@Observes StartupEvent event, FrequentPolls polls) {
        polls.every("WebhookRelay", config.delivery().pollInterval(), Duration.ofSeconds(3), this::sendDue);
    }

    @WithTransaction
    public Uni<Void> sendDue() {
        return Panache.getSession()
                .flatMap(session -> session.createNativeQuery("""
                        select * from webhook_delivery where status = 'PENDING' and next_attempt_at <= now()
                        order by next_attempt_at limit :limit for update skip locked""", WebhookDelivery.class)
                        .setParameter("limit", config.delivery().batchSize())
                        .getResultList())
                .flatMap(this::sendInTurn);
    }

    private Uni<Void> sendInTurn(List<WebhookDelivery> due) {
        if (due.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Multi.createFrom()
                .iterable(due)
                .onItem()
                .transformToUniAndConcatenate(this::sendOne)
                .collect()
                .last()
                .replaceWithVoid();
    }

    private Uni<Void> sendOne(WebhookDelivery delivery) {
        return WebhookEndpoint.<WebhookEndpoint>findById(delivery.endpointId).flatMap(endpoint -> {
            OffsetDateTime now = OffsetDateTime.now(clock);
            if (delivery.firstAttemptAt == null) {
                delivery.firstAttemptAt = now;
            }
            delivery.attempts++;
            if (endpoint == null || !endpoint.active) {
                return failed(delivery, null, "endpoint removed", true);
            }
            URI url;
            try {
                url = URI.create(endpoint.url);
            } catch (IllegalArgumentException e) {
                return failed(delivery, null, "malformed endpoint URL", true);
            }
            // Name resolution blocks, so it runs on a worker; the result comes back on this context.
            return vertx.executeBlocking(Uni.createFrom().item(() -> destinations.check(url)))
                    .flatMap(verdict -> verdict instanceof DestinationVerdict.Allowed allowed
                            ? post(delivery, endpoint, url, allowed)
                            : failed(
                                    delivery,
                                    null,
                                    "destination refused: " + ((DestinationVerdict.Refused) verdict).reason(),
                                    false));
        });
    }

    private Uni<Void> post(
            WebhookDelivery delivery, WebhookEndpoint endpoint, URI url, DestinationVerdict.Allowed allowed) {
        byte[] body = delivery.payload.getBytes(StandardCharsets.UTF_8);
        WebhookHeaders signed;
        try {
            signed = signer.sign(delivery.messageId, body, endpoint.secrets(sealer));
        } catch (RuntimeException e) {
            // Never send unsigned; one endpoint's broken secret must not hold up the batch.
            return failed(delivery, null, "cannot sign: " + e.getClass().getSimpleName(), false);
        }
        int port = url.getPort() != -1 ? url.getPort() : "https".equalsIgnoreCase(url.getScheme()) ? 443 : 80;
        RequestOptions request = new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setAbsoluteURI(url.toString())
                .setServer(SocketAddress.inetSocketAddress(
                        port, allowed.addresses().get(0).getHostAddress()))
                .setFollowRedirects(false)
                .putHeader("content-type", "application/json")
                .putHeader("user-agent", "Ibasho-Webhooks/1");
        signed.asMap().forEach(request::putHeader);
        return http.request(request)
                .flatMap(req -> req.send(Buffer.buffer(body)))
                .flatMap(response -> {
                    delivery.lastStatusCode = response.statusCode();
                    if (response.statusCode() >= 200 && response.statusCode() < 300) {
                        delivery.status = WebhookDelivery.DELIVERED;
                        delivery.deliveredAt = OffsetDateTime.now(clock);
                        delivery.lastError = null;
                        return Uni.createFrom().voidItem();
                    }
                    return failed(delivery, response.statusCode(), "HTTP " + response.statusCode(), false);
                })
                .onFailure()
                .recoverWithUni(
                        failure -> failed(delivery, null, failure.getClass().getSimpleName(), false));
    }

    private Uni<Void> failed(WebhookDelivery delivery, Integer statusCode, String error, boolean giveUpNow) {
        delivery.lastError = error;
        if (statusCode != null) {
            delivery.lastStatusCode = statusCode;
        }
        RetryDecision decision = giveUpNow
                ? new RetryDecision.DeadLetter(error)
                : retries.afterFailure(delivery.attempts, delivery.firstAttemptAt.toInstant(), clock.instant());
        if (decision instanceof RetryDecision.RetryAt retry) {
            delivery.nextAttemptAt = retry.at().atOffset(ZoneOffset.UTC);
            return Uni.createFrom().voidItem();
        }
        delivery.status = WebhookDelivery.DEAD;
        return deadLetters.publish(
                "webhook",
                delivery.id,
                delivery.sourceEventId,
                delivery.attempts,
                ((RetryDecision.DeadLetter) decision).reason() + "; last error: " + error);
    }
}
