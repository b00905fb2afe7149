package io.ibasho.notification.service;

import io.ibasho.notification.ConsentRecord;
import io.ibasho.notification.LineLink;
import io.ibasho.notification.RecipientPreference;
import io.ibasho.plumbing.refusal.Refusal;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * Her consent to messages by e-mail (issue #18): recorded when she confirms an address (the code proves the address
 * is hers, the page showed the wording), withdrawn from her data page. Withdrawing removes the address, so nothing
 * more is mailed (the sender looks at her settings when it sends, queued messages included).
 */
@ApplicationScoped
public class Consents {
    private final Clock clock;

    public Consents(Clock clock) {
        this.clock = clock;
    }

    /** {@code addressRemoved}: her address (e-mail) or her LINE link was there and is gone. */
    public record Withdrawal(String purpose, int records, boolean addressRemoved, OffsetDateTime withdrawnAt) {}

    /** Inside the verifying transaction: a new record unless one for the same wording and language is in force. */
    Uni<Void> emailConfirmed(String recipientId, String language) {
        return given(recipientId, ConsentWording.EMAIL_CHANNEL, language);
    }

    /** Inside the linking transaction (LINE's webhook): her code was asked for on a page in {@code language}. */
    Uni<Void> lineLinked(String recipientId, String language) {
        return given(recipientId, ConsentWording.LINE_CHANNEL, language == null ? "ja" : language);
    }

    private Uni<Void> given(String recipientId, String purpose, String language) {
        return ConsentRecord.count(
                        "recipientId = ?1 and purpose = ?2 and wordingVersion = ?3 and language = ?4"
                                + " and withdrawnAt is null",
                        recipientId,
                        purpose,
                        ConsentWording.CURRENT_VERSION,
                        language)
                .flatMap(inForce -> {
                    if (inForce > 0) {
                        return Uni.createFrom().voidItem();
                    }
                    ConsentRecord record = new ConsentRecord();
                    record.id = UUID.randomUUID();
                    record.recipientId = recipientId;
                    record.purpose = purpose;
                    record.language = language;
                    record.wordingVersion = ConsentWording.CURRENT_VERSION;
                    record.givenAt = OffsetDateTime.now(clock);
                    return record.persist().replaceWithVoid();
                });
    }

    /** Closes her records and removes her address (and one being confirmed); idempotent. */
    @WithTransaction
    public Uni<Withdrawal> withdraw(String recipientId, String purpose) {
        if (ConsentWording.LINE_CHANNEL.equals(purpose)) {
            return withdrawLine(recipientId);
        }
        if (!ConsentWording.EMAIL_CHANNEL.equals(purpose)) {
            return Uni.createFrom().failure(Refusal.notFound("consent"));
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        return ConsentRecord.update(
                        "withdrawnAt = ?1 where recipientId = ?2 and purpose = ?3 and withdrawnAt is null",
                        now,
                        recipientId,
                        purpose)
                .flatMap(records -> RecipientPreference.<RecipientPreference>findById(
                                recipientId, LockModeType.PESSIMISTIC_WRITE)
                        .map(preference -> {
                            boolean removed = preference != null
                                    && (preference.emailAddress != null || preference.pendingEmail != null);
                            if (preference != null) {
                                preference.emailEnabled = false;
                                preference.emailAddress = null;
                                preference.emailVerifiedAt = null;
                                preference.pendingEmail = null;
                                preference.pendingCodeHash = null;
                                preference.pendingCodeSalt = null;
                                preference.pendingExpiresAt = null;
                                preference.pendingAttempts = 0;
                                preference.updatedAt = now;
                            }
                            return new Withdrawal(purpose, records, removed, now);
                        }));
    }

    /** Closes her LINE records and unlinks LINE (and a code waiting to be sent): nothing more is pushed there. */
    private Uni<Withdrawal> withdrawLine(String recipientId) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        return ConsentRecord.update(
                        "withdrawnAt = ?1 where recipientId = ?2 and purpose = ?3 and withdrawnAt is null",
                        now,
                        recipientId,
                        ConsentWording.LINE_CHANNEL)
                .flatMap(records -> LineLink.delete("recipientId", recipientId)
                        .map(unlinked -> new Withdrawal(ConsentWording.LINE_CHANNEL, records, unlinked > 0, now)));
    }
}
