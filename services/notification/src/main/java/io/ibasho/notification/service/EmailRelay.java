package io.ibasho.notification.service;

import io.ibasho.notification.EmailDelivery;
import io.ibasho.notification.InboxMessage;
import io.ibasho.notification.RecipientPreference;
import io.ibasho.notification.RegistrationCopy;
import io.ibasho.notification.SessionCopy;
import io.ibasho.notification.config.NotificationConfig;
import io.ibasho.notification.delivery.RetryDecision;
import io.ibasho.notification.delivery.RetrySchedule;
import io.ibasho.notification.delivery.SendDecision;
import io.ibasho.notification.message.DiscreetEnvelope;
import io.ibasho.notification.message.MessageKind;
import io.ibasho.plumbing.time.FrequentPolls;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * Sends the queued e-mails: one per outbox row, deferred through her quiet hours, retried on the RetrySchedule,
 * and dead-lettered when the schedule gives up. What she chose is read at send time, so switching e-mail off
 * stops mails already queued.
 */
@ApplicationScoped
public class EmailRelay {
    private final ReactiveMailer mailer;
    private final MessageWording wording;
    private final DeadLetters deadLetters;
    private final NotificationConfig config;
    private final RetrySchedule retries;

    private final Clock clock;

    public EmailRelay(
            ReactiveMailer mailer,
            MessageWording wording,
            DeadLetters deadLetters,
            NotificationConfig config,
            Clock clock) {
        this.clock = clock;
        this.mailer = mailer;
        this.wording = wording;
        this.deadLetters = deadLetters;
        this.config = config;
        this.retries = new RetrySchedule(
                config.delivery().retryDelays(), config.delivery().maxAge(), new Random());
    }

    // a Vert.x timer, not @Scheduled: the scheduler cannot poll more often than once a second
    void startSending(@Observes StartupEvent event, FrequentPolls polls) {
        polls.every("EmailRelay", config.delivery().pollInterval(), Duration.ofSeconds(2), this::sendDue);
    }

    @WithTransaction
    public Uni<Void> sendDue() {
        return Panache.getSession()
                .flatMap(session -> session.createNativeQuery("""
                        select * from email_delivery where status = 'PENDING' and next_attempt_at <= now()
                        order by next_attempt_at limit :limit for update skip locked""", EmailDelivery.class)
                        .setParameter("limit", config.delivery().batchSize())
                        .getResultList())
                .flatMap(this::sendInTurn);
    }

    private Uni<Void> sendInTurn(List<EmailDelivery> due) {
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

    private Uni<Void> sendOne(EmailDelivery delivery) {
        return RecipientPreference.<RecipientPreference>findById(delivery.recipientId)
                .flatMap(preference -> InboxMessage.<InboxMessage>findById(delivery.inboxMessageId)
                        .flatMap(message -> {
                            if (preference == null || !preference.wantsEmail() || message == null) {
                                delivery.status = EmailDelivery.WITHDRAWN;
                                return Uni.createFrom().voidItem();
                            }
                            Instant now = clock.instant();
                            Optional<Instant> deadline =
                                    Optional.ofNullable(message.deadline).map(OffsetDateTime::toInstant);
                            if (preference.quietHours().decide(now, deadline)
                                    instanceof SendDecision.DeferUntil defer) {
                                // Not an attempt: nothing failed, she asked for quiet.
                                delivery.nextAttemptAt = defer.at().atOffset(ZoneOffset.UTC);
                                return Uni.createFrom().voidItem();
                            }
                            Uni<SessionCopy> session = message.sessionId == null
                                    ? Uni.createFrom().nullItem()
                                    : SessionCopy.findById(message.sessionId);
                            return session.flatMap(
                                    copy -> stillWanted(message, copy).flatMap(wanted -> {
                                        if (!wanted) {
                                            delivery.status = EmailDelivery.WITHDRAWN;
                                            return Uni.createFrom().voidItem();
                                        }
                                        return send(delivery, preference, message, copy);
                                    }));
                        }));
    }

    /**
     * A meeting-link notice still queued (a retry, an SMTP outage) is dropped once it is pointless or wrong: she
     * cancelled, the session was cancelled, or it is over.
     */
    private Uni<Boolean> stillWanted(InboxMessage message, SessionCopy session) {
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

    private Uni<Void> send(
            EmailDelivery delivery, RecipientPreference preference, InboxMessage message, SessionCopy session) {
        OffsetDateTime attemptAt = OffsetDateTime.now(clock);
        if (delivery.firstAttemptAt == null) {
            delivery.firstAttemptAt = attemptAt;
        }
        delivery.attempts++;
        Mail mail;
        try {
            MessageWording.RenderedMail rendered =
                    wording.email(message, session, preference.language(), preference.detail());
            mail = Mail.withText(preference.emailAddress, rendered.subject(), rendered.body())
                    .setFrom(DiscreetEnvelope.SENDER_NAME + " <" + config.senderAddress() + ">");
        } catch (RuntimeException e) {
            // One message that cannot be worded must not hold up the batch; it retries and then dead-letters.
            return failed(delivery, e.getClass().getSimpleName());
        }
        return mailer.send(mail)
                .invoke(() -> {
                    delivery.status = EmailDelivery.SENT;
                    delivery.sentAt = OffsetDateTime.now(clock);
                    delivery.lastError = null;
                })
                // The SMTP error text can quote her address, so only the exception type is kept.
                .onFailure()
                .recoverWithUni(failure -> failed(delivery, failure.getClass().getSimpleName()));
    }

    private Uni<Void> failed(EmailDelivery delivery, String error) {
        delivery.lastError = error;
        RetryDecision decision =
                retries.afterFailure(delivery.attempts, delivery.firstAttemptAt.toInstant(), clock.instant());
        if (decision instanceof RetryDecision.RetryAt retry) {
            delivery.nextAttemptAt = retry.at().atOffset(ZoneOffset.UTC);
            return Uni.createFrom().voidItem();
        }
        delivery.status = EmailDelivery.DEAD;
        return deadLetters.publish(
                Notifier.EMAIL,
                delivery.id,
                delivery.sourceEventId,
                delivery.attempts,
                ((RetryDecision.DeadLetter) decision).reason() + "; last error: " + error);
    }
}
