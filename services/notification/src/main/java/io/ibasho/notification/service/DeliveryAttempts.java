package io.ibasho.notification.service;

import io.ibasho.notification.EmailDelivery;
import io.ibasho.notification.InboxMessage;
import io.ibasho.notification.QueuedDelivery;
import io.ibasho.notification.RecipientPreference;
import io.ibasho.notification.RegistrationCopy;
import io.ibasho.notification.SessionCopy;
import io.ibasho.notification.config.NotificationConfig;
import io.ibasho.notification.delivery.RetryDecision;
import io.ibasho.notification.delivery.RetrySchedule;
import io.ibasho.notification.delivery.SendDecision;
import io.ibasho.notification.message.MessageKind;
import io.ibasho.notification.repository.DueDeliveries;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.Function;

/**
 * The steps every message to her through a channel beyond the inbox takes, whatever the channel (issue #12): the due
 * rows taken in turn, her quiet hours, a meeting link no longer wanted, an attempt counted, and a failure retried on
 * the RetrySchedule or dead-lettered. The e-mail and LINE senders add only how they send.
 */
@ApplicationScoped
public class DeliveryAttempts {
    private final DeadLetters deadLetters;
    private final NotificationConfig config;
    private final RetrySchedule retries;
    private final Clock clock;
    private final NotificationMeters meters;

    public DeliveryAttempts(
            DeadLetters deadLetters, NotificationConfig config, Clock clock, NotificationMeters meters) {
        this.deadLetters = deadLetters;
        this.meters = meters;
        this.config = config;
        this.clock = clock;
        this.retries = new RetrySchedule(
                config.delivery().retryDelays(), config.delivery().maxAge(), new Random());
    }

    /**
     * The due rows of one outbox table, locked so that another instance's sender skips them; call inside a transaction.
     */
    public <D extends QueuedDelivery> Uni<List<D>> due(String table, Class<D> type) {
        return DueDeliveries.claim(table, type, config.delivery().batchSize(), OffsetDateTime.now(clock));
    }

    /**
     * The due e-mails, locked as {@link #due} locks them, but read past the ORM (docs/adr/0070): not in the session,
     * so the caller writes the batch's attempts with {@link DueDeliveries#recordEmailAttempts}.
     */
    public Uni<List<EmailDelivery>> dueEmails() {
        return DueDeliveries.claimEmails(config.delivery().batchSize(), OffsetDateTime.now(clock));
    }

    /** One after another: one reactive session must never run two statements at once. */
    public <D extends QueuedDelivery> Uni<Void> inTurn(List<D> due, Function<D, Uni<Void>> send) {
        if (due.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Multi.createFrom()
                .iterable(due)
                .onItem()
                .transformToUniAndConcatenate(delivery -> send.apply(delivery))
                .collect()
                .last()
                .replaceWithVoid();
    }

    /**
     * @return true when she asked for quiet now: the delivery waits until it ends (not an attempt: nothing failed)
     */
    public boolean deferredForQuiet(QueuedDelivery delivery, RecipientPreference preference, InboxMessage message) {
        if (preference == null) {
            return false;
        }
        Optional<java.time.Instant> deadline =
                Optional.ofNullable(message.deadline).map(OffsetDateTime::toInstant);
        if (preference.quietHours().decide(clock.instant(), deadline) instanceof SendDecision.DeferUntil defer) {
            delivery.nextAttemptAt = defer.at().atOffset(ZoneOffset.UTC);
            return true;
        }
        return false;
    }

    /** The session a message is about, if any. */
    public Uni<SessionCopy> sessionOf(InboxMessage message) {
        return message.sessionId == null ? Uni.createFrom().nullItem() : SessionCopy.findById(message.sessionId);
    }

    /**
     * A meeting-link notice still queued (a retry, an outage) is dropped once it is pointless or wrong: she cancelled,
     * the session was cancelled, or it is over. Every other message is always still wanted.
     */
    public Uni<Boolean> stillWanted(InboxMessage message, SessionCopy session) {
        if (!MessageKind.MEETING_LINK.name().equals(message.kind)) {
            return Uni.createFrom().item(true);
        }
        OffsetDateTime end = session == null ? null : session.endsAt != null ? session.endsAt : session.startsAt;
        if (session == null || !"PUBLISHED".equals(session.status) || end.isBefore(OffsetDateTime.now(clock))) {
            return Uni.createFrom().item(false);
        }
        return message.registrationId == null
                ? Uni.createFrom().item(false)
                : RegistrationCopy.<RegistrationCopy>findById(message.registrationId)
                        .map(registration -> registration != null && "CONFIRMED".equals(registration.status));
    }

    /** Counts an attempt about to be made (the first one starts the schedule's clock). */
    public void attempting(QueuedDelivery delivery) {
        if (delivery.firstAttemptAt == null) {
            delivery.firstAttemptAt = OffsetDateTime.now(clock);
        }
        delivery.attempts++;
    }

    public void sent(QueuedDelivery delivery, String channel) {
        meters.sent(NotificationMeters.DeliveryChannel.of(channel));
        delivery.status = QueuedDelivery.SENT;
        delivery.sentAt = OffsetDateTime.now(clock);
        delivery.lastError = null;
    }

    /**
     * Records a failed attempt: retried on the schedule, or dead-lettered when it gives up or {@code giveUpNow}.
     *
     * @param error what failed, never a text that could quote her (only a status or an exception's type)
     */
    public Uni<Void> failed(QueuedDelivery delivery, String channel, String error, boolean giveUpNow) {
        delivery.lastError = error;
        NotificationMeters.DeliveryChannel meter = NotificationMeters.DeliveryChannel.of(channel);
        meters.failed(meter);
        RetryDecision decision = giveUpNow
                ? new RetryDecision.DeadLetter("permanent failure")
                : retries.afterFailure(delivery.attempts, delivery.firstAttemptAt.toInstant(), clock.instant());
        if (decision instanceof RetryDecision.RetryAt retry) {
            delivery.nextAttemptAt = retry.at().atOffset(ZoneOffset.UTC);
            return Uni.createFrom().voidItem();
        }
        delivery.status = QueuedDelivery.DEAD;
        meters.deadLettered(meter);
        return deadLetters.publish(
                channel,
                delivery.id,
                delivery.sourceEventId,
                delivery.attempts,
                ((RetryDecision.DeadLetter) decision).reason() + "; last error: " + error);
    }
}
