package io.ibasho.notification.service;

import io.ibasho.notification.LineLink;
import io.ibasho.notification.config.NotificationConfig;
import io.ibasho.notification.delivery.LineLinkCodes;
import io.ibasho.notification.repository.LineLinks;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * Linking her LINE account as a safe channel (docs/adr/0024). She asks for a one-time code in the app, adds the
 * organisation's official account as a friend and sends it the code; LINE's webhook brings her LINE userId with the
 * code, and the link is made: proof that she holds both the app account and the LINE account. Unlinking is hers (in
 * the app) or LINE's (she blocked the official account: the {@code unfollow} event).
 */
@ApplicationScoped
public class LineChannel {
    /** What her settings show. */
    public record State(
            boolean available,
            boolean linked,
            OffsetDateTime linkedAt,
            String pendingCode,
            OffsetDateTime codeExpiresAt,
            String friendUrl) {}

    /** A new code for her to send; shown once. */
    public record NewCode(String code, OffsetDateTime expiresAt) {}

    /** One event from LINE's webhook, already read: who (LINE userId), what, and when LINE says it happened. */
    public sealed interface WebhookEvent {
        record TextMessage(String lineUserId, String text, Instant at) implements WebhookEvent {}

        record Unfollow(String lineUserId, Instant at) implements WebhookEvent {}
    }

    /** What the webhook changed: counts only, for the caller and the tests; never ids. */
    public record WebhookOutcome(int linked, int unlinked) {}

    private final NotificationConfig config;
    private final Clock clock;
    private final Consents consents;

    public LineChannel(NotificationConfig config, Clock clock, Consents consents) {
        this.config = config;
        this.clock = clock;
        this.consents = consents;
    }

    /** LINE is offered only when this installation has an official account (token and secret both set). */
    public boolean available() {
        return config.line().channelAccessToken().filter(s -> !s.isBlank()).isPresent()
                && config.line().channelSecret().filter(s -> !s.isBlank()).isPresent();
    }

    public Optional<String> channelSecret() {
        return config.line().channelSecret().filter(s -> !s.isBlank());
    }

    @WithSession
    public Uni<State> state(String recipientId) {
        if (!available()) {
            return Uni.createFrom().item(new State(false, false, null, null, null, null));
        }
        return LineLink.<LineLink>findById(recipientId).map(link -> {
            boolean linked = link != null && link.linked();
            boolean codePending = link != null
                    && link.pendingExpiresAt != null
                    && link.pendingExpiresAt.isAfter(OffsetDateTime.now(clock));
            return new State(
                    true,
                    linked,
                    linked ? link.linkedAt : null,
                    null,
                    codePending ? link.pendingExpiresAt : null,
                    config.line().friendUrl().orElse(null));
        });
    }

    /** A fresh code replaces any earlier one; the link in place (if any) stays until a new one is made. */
    @WithTransaction
    public Uni<NewCode> newCode(String recipientId, String consentLanguage) {
        String code = LineLinkCodes.newCode();
        OffsetDateTime now = OffsetDateTime.now(clock);
        OffsetDateTime expires = now.plus(config.line().codeValidity());
        return LineLink.<LineLink>findById(recipientId).flatMap(found -> {
            LineLink link = found;
            if (link == null) {
                link = new LineLink();
                link.recipientId = recipientId;
            }
            link.pendingCodeHash = LineLinkCodes.hash(channelSecret().orElseThrow(), code);
            link.pendingExpiresAt = expires;
            link.pendingConsentLanguage = consentLanguage;
            link.updatedAt = now;
            return (found == null ? link.<LineLink>persist() : Uni.createFrom().item(link))
                    .replaceWith(new NewCode(LineLinkCodes.display(code), expires));
        });
    }

    /** @return true if there was a link (or a pending code) to remove */
    @WithTransaction
    public Uni<Boolean> unlink(String recipientId) {
        return LineLink.delete("recipientId", recipientId).map(deleted -> deleted > 0);
    }

    /**
     * Applies LINE's events in order. Redelivery is harmless: a code works once (it is cleared when used), and an
     * unfollow older than the link it would remove is ignored, so a late redelivered unfollow cannot undo a new link.
     */
    @WithTransaction
    public Uni<WebhookOutcome> apply(List<WebhookEvent> events) {
        int[] counts = new int[2];
        return Multi.createFrom()
                .iterable(events)
                .onItem()
                .transformToUniAndConcatenate(event -> switch (event) {
                    case WebhookEvent.TextMessage text ->
                        LineLinkCodes.inMessage(text.text())
                                .map(code -> link(text.lineUserId(), code).invoke(made -> counts[0] += made ? 1 : 0))
                                .orElse(Uni.createFrom().item(false));
                    case WebhookEvent.Unfollow unfollow ->
                        unlinkLineUser(unfollow.lineUserId(), unfollow.at())
                                .invoke(removed -> counts[1] += removed)
                                .map(removed -> removed > 0);
                })
                .collect()
                .asList()
                .map(ignored -> new WebhookOutcome(counts[0], counts[1]));
    }

    private Uni<Boolean> link(String lineUserId, String code) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        String hash = LineLinkCodes.hash(channelSecret().orElseThrow(), code);
        return LineLink.<LineLink>find("pendingCodeHash", hash).firstResult().flatMap(link -> {
            if (link == null || link.pendingExpiresAt == null || !link.pendingExpiresAt.isAfter(now)) {
                return Uni.createFrom().item(false);
            }
            // One LINE account reaches one person: linking it here takes it from any other account it was linked to.
            return LineLinks.takeFromOthers(lineUserId, link.recipientId).flatMap(ignored -> {
                String language = link.pendingConsentLanguage;
                link.lineUserId = lineUserId;
                link.linkedAt = now;
                link.pendingCodeHash = null;
                link.pendingExpiresAt = null;
                link.pendingConsentLanguage = null;
                link.updatedAt = now;
                // linking is when her consent takes effect, in the language of the page that gave the code
                return consents.lineLinked(link.recipientId, language).replaceWith(true);
            });
        });
    }

    private Uni<Integer> unlinkLineUser(String lineUserId, Instant at) {
        return LineLinks.unlinkLinkedBy(lineUserId, at.atOffset(ZoneOffset.UTC));
    }
}
