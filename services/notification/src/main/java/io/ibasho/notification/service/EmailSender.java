package io.ibasho.notification.service;

import io.ibasho.notification.EmailDelivery;
import io.ibasho.notification.InboxMessage;
import io.ibasho.notification.RecipientPreference;
import io.ibasho.notification.SessionCopy;
import io.ibasho.notification.config.NotificationConfig;
import io.ibasho.notification.message.DiscreetEnvelope;
import io.ibasho.notification.repository.DeliveryQueue;
import io.ibasho.notification.repository.DueDeliveries;
import io.ibasho.plumbing.time.CommitWakeUp;
import io.ibasho.plumbing.time.FrequentPolls;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.List;

/**
 * Sends the queued e-mails: one per outbox row, deferred through her quiet hours, retried on the RetrySchedule,
 * and dead-lettered when the schedule gives up (the steps every channel shares: DeliveryAttempts). What she chose is
 * read at send time, so switching e-mail off stops mails already queued.
 */
@ApplicationScoped
public class EmailSender {
    private final ReactiveMailer mailer;
    private final MessageWording wording;
    private final DeliveryAttempts attempts;
    private final NotificationConfig config;

    public EmailSender(
            ReactiveMailer mailer, MessageWording wording, DeliveryAttempts attempts, NotificationConfig config) {
        this.mailer = mailer;
        this.wording = wording;
        this.attempts = attempts;
        this.config = config;
    }

    // woken by the commit that queued a delivery; the Vert.x timer is the safety net and finds the retries that came
    // due
    void startSending(@Observes StartupEvent event, FrequentPolls polls, CommitWakeUp wakeUp) {
        FrequentPolls.Poll[] poll = new FrequentPolls.Poll[1];
        // a full batch leaves more due rows behind: the next batch follows at once, not at the next tick or commit
        poll[0] = polls.every(
                "EmailSender",
                config.delivery().pollInterval(),
                Duration.ofSeconds(2),
                () -> sendBatch()
                        .invoke(full -> {
                            if (full) {
                                poll[0].now();
                            }
                        })
                        .replaceWithVoid());
        wakeUp.listen(DeliveryQueue.EMAIL_QUEUED, poll[0]);
    }

    public Uni<Void> sendDue() {
        return sendBatch().replaceWithVoid();
    }

    /** @return whether the batch was full (more rows may be due) */
    @WithTransaction
    Uni<Boolean> sendBatch() {
        // claimed past the ORM (docs/adr/0070): the rows are not in the session, so the batch's attempts are written
        // after it, in one statement, where the session's flush wrote them at commit
        return attempts.dueEmails()
                .call(this::loadTogether)
                .flatMap(due -> attempts.inTurn(due, this::sendOne)
                        .call(() -> DueDeliveries.recordEmailAttempts(due))
                        .replaceWith(due.size() >= config.delivery().batchSize()));
    }

    private Uni<Void> loadTogether(List<EmailDelivery> due) {
        return due.size() < 2 ? Uni.createFrom().voidItem() : DueDeliveries.loadTogether(due);
    }

    private Uni<Void> sendOne(EmailDelivery delivery) {
        return RecipientPreference.<RecipientPreference>findById(delivery.recipientId)
                .flatMap(preference -> InboxMessage.<InboxMessage>findById(delivery.inboxMessageId)
                        .flatMap(message -> {
                            if (preference == null || !preference.wantsEmail() || message == null) {
                                delivery.status = EmailDelivery.WITHDRAWN;
                                return Uni.createFrom().voidItem();
                            }
                            if (attempts.deferredForQuiet(delivery, preference, message)) {
                                return Uni.createFrom().voidItem();
                            }
                            return attempts.sessionOf(message)
                                    .flatMap(copy -> attempts.stillWanted(message, copy)
                                            .flatMap(wanted -> {
                                                if (!wanted) {
                                                    delivery.status = EmailDelivery.WITHDRAWN;
                                                    return Uni.createFrom().voidItem();
                                                }
                                                return send(delivery, preference, message, copy);
                                            }));
                        }));
    }

    private Uni<Void> send(
            EmailDelivery delivery, RecipientPreference preference, InboxMessage message, SessionCopy session) {
        attempts.attempting(delivery);
        Mail mail;
        try {
            MessageWording.RenderedMail rendered =
                    wording.email(message, session, preference.language(), preference.detail());
            mail = Mail.withText(preference.emailAddress, rendered.subject(), rendered.body())
                    .setFrom(DiscreetEnvelope.SENDER_NAME + " <" + config.senderAddress() + ">")
                    .addHeader("Message-ID", messageId(delivery));
        } catch (RuntimeException e) {
            // One message that cannot be worded must not hold up the batch; it retries and then dead-letters.
            return attempts.failed(delivery, Notifier.EMAIL, e.getClass().getSimpleName(), false);
        }
        return mailer.send(mail)
                .invoke(() -> attempts.sent(delivery, Notifier.EMAIL))
                // The SMTP error text can quote her address, so only the exception type is kept.
                .onFailure()
                .recoverWithUni(failure -> attempts.failed(
                        delivery, Notifier.EMAIL, failure.getClass().getSimpleName(), false));
    }

    /**
     * The same Message-ID on every attempt of one delivery (its row's random id at the sender's domain), so that a
     * retry after a lost {@code 250} is recognisably the same mail; it says nothing about her or the message.
     */
    String messageId(EmailDelivery delivery) {
        String sender = config.senderAddress();
        return "<" + delivery.id + "@" + sender.substring(sender.indexOf('@') + 1) + ">";
    }
}
