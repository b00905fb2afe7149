package io.ibasho.notification.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ibasho.notification.InboxMessage;
import io.ibasho.notification.LineDelivery;
import io.ibasho.notification.LineLink;
import io.ibasho.notification.RecipientPreference;
import io.ibasho.notification.SessionCopy;
import io.ibasho.notification.config.NotificationConfig;
import io.ibasho.notification.message.DetailPreference;
import io.ibasho.notification.message.Language;
import io.ibasho.notification.repository.DeliveryQueue;
import io.ibasho.plumbing.time.CommitWakeUp;
import io.ibasho.plumbing.time.FrequentPolls;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.core.http.HttpClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;

/**
 * Pushes the queued LINE messages through the Messaging API ({@code POST /v2/bot/message/push}), with the same
 * discreet words, quiet hours, retry schedule and dead-lettering as e-mail. Every attempt of one delivery carries the
 * delivery's id as {@code X-Line-Retry-Key}: when an answer is lost (a timeout, a 5xx) the retry cannot be delivered
 * twice, and LINE's {@code 409} for a key it already accepted means it went out. 429 and 5xx are retried; any other
 * 4xx is permanent (a bad token, a userId that is not ours) and dead-letters at once.
 */
@ApplicationScoped
public class LineSender {
    static final String PUSH_PATH = "/v2/bot/message/push";
    /** LINE's limit for one text message. */
    static final int MAX_TEXT_LENGTH = 5000;

    private final HttpClient http;
    private final MessageWording wording;
    private final DeliveryAttempts attempts;
    private final NotificationConfig config;
    private final LineChannel line;
    private final ObjectMapper json;

    public LineSender(
            Vertx vertx,
            MessageWording wording,
            DeliveryAttempts attempts,
            NotificationConfig config,
            LineChannel line,
            ObjectMapper json) {
        this.wording = wording;
        this.attempts = attempts;
        this.config = config;
        this.line = line;
        this.json = json;
        int timeoutMillis = (int) config.line().requestTimeout().toMillis();
        this.http = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout(timeoutMillis)
                .setIdleTimeout(timeoutMillis)
                .setIdleTimeoutUnit(java.util.concurrent.TimeUnit.MILLISECONDS));
    }

    // woken by the commit that queued a delivery; the Vert.x timer is the safety net and finds the retries that came
    // due
    void startSending(@Observes StartupEvent event, FrequentPolls polls, CommitWakeUp wakeUp) {
        wakeUp.listen(
                DeliveryQueue.LINE_QUEUED,
                polls.every("LineSender", config.delivery().pollInterval(), Duration.ofSeconds(4), this::sendDue));
    }

    @WithTransaction
    public Uni<Void> sendDue() {
        return attempts.due("line_delivery", LineDelivery.class).flatMap(due -> attempts.inTurn(due, this::sendOne));
    }

    private Uni<Void> sendOne(LineDelivery delivery) {
        if (!line.available()) {
            delivery.status = LineDelivery.WITHDRAWN;
            return Uni.createFrom().voidItem();
        }
        return LineLink.<LineLink>findById(delivery.recipientId)
                .flatMap(link -> RecipientPreference.<RecipientPreference>findById(delivery.recipientId)
                        .flatMap(preference -> InboxMessage.<InboxMessage>findById(delivery.inboxMessageId)
                                .flatMap(message -> {
                                    if (link == null || !link.linked() || message == null) {
                                        // She unlinked (or blocked the account) since: nothing goes out.
                                        delivery.status = LineDelivery.WITHDRAWN;
                                        return Uni.createFrom().voidItem();
                                    }
                                    if (attempts.deferredForQuiet(delivery, preference, message)) {
                                        return Uni.createFrom().voidItem();
                                    }
                                    return attempts.sessionOf(message)
                                            .flatMap(copy -> attempts.stillWanted(message, copy)
                                                    .flatMap(wanted -> {
                                                        if (!wanted) {
                                                            delivery.status = LineDelivery.WITHDRAWN;
                                                            return Uni.createFrom()
                                                                    .voidItem();
                                                        }
                                                        return push(delivery, link, preference, message, copy);
                                                    }));
                                })));
    }

    private Uni<Void> push(
            LineDelivery delivery,
            LineLink link,
            RecipientPreference preference,
            InboxMessage message,
            SessionCopy session) {
        attempts.attempting(delivery);
        String body;
        try {
            Language language = preference == null ? Language.DEFAULT : preference.language();
            DetailPreference detail = preference == null ? DetailPreference.DISCREET : preference.detail();
            String text = limit(wording.lineText(message, session, language, detail));
            ObjectNode request = json.createObjectNode().put("to", link.lineUserId);
            request.putArray("messages").addObject().put("type", "text").put("text", text);
            body = json.writeValueAsString(request);
        } catch (Exception e) {
            // One message that cannot be worded must not hold up the batch; it retries and then dead-letters.
            return failed(delivery, null, e.getClass().getSimpleName(), false);
        }
        RequestOptions request = new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setAbsoluteURI(config.line().apiBaseUrl().resolve(PUSH_PATH).toString())
                .setFollowRedirects(false)
                .setIdleTimeout(config.line().requestTimeout().toMillis())
                .putHeader("content-type", "application/json")
                .putHeader(
                        "authorization",
                        "Bearer " + config.line().channelAccessToken().orElseThrow())
                .putHeader("x-line-retry-key", delivery.id.toString());
        return http.request(request)
                .flatMap(req -> req.send(Buffer.buffer(body)))
                .flatMap(response -> response.body().map(ignored -> response.statusCode()))
                .flatMap(status -> {
                    delivery.lastStatusCode = status;
                    // 409: LINE already accepted this retry key, so an earlier attempt went out.
                    if ((status >= 200 && status < 300) || status == 409) {
                        attempts.sent(delivery, Notifier.LINE);
                        return Uni.createFrom().voidItem();
                    }
                    boolean permanent = status >= 400 && status < 500 && status != 429;
                    return failed(delivery, status, "HTTP " + status, permanent);
                })
                // Only the exception type: a client error text is not ours to keep.
                .onFailure()
                .recoverWithUni(
                        failure -> failed(delivery, null, failure.getClass().getSimpleName(), false));
    }

    /** A text over LINE's limit is cut rather than refused (only full detail could ever come near it). */
    static String limit(String text) {
        if (text.codePointCount(0, text.length()) <= MAX_TEXT_LENGTH) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, MAX_TEXT_LENGTH - 1)) + "…";
    }

    private Uni<Void> failed(LineDelivery delivery, Integer status, String error, boolean giveUpNow) {
        if (status != null) {
            delivery.lastStatusCode = status;
        }
        return attempts.failed(delivery, Notifier.LINE, error, giveUpNow);
    }
}
