package io.ibasho.notification.service;

import io.ibasho.notification.PartnerContact;
import io.ibasho.notification.config.NotificationConfig;
import io.ibasho.notification.delivery.VerificationCodes;
import io.ibasho.notification.message.DiscreetEnvelope;
import io.ibasho.notification.message.Language;
import io.ibasho.notification.message.TemplateRef;
import io.ibasho.notification.repository.SettingsRows;
import io.ibasho.notification.service.PreferenceService.VerifyOutcome;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Map;

/**
 * A partner group's digest contact: the same proof of address as an attendee's (a code to the new address, a salted
 * hash, expiry, a limit on wrong codes and on code requests), keyed by the group from the token.
 */
@ApplicationScoped
public class PartnerContactService {
    private final NotificationConfig config;
    private final ReactiveMailer mailer;
    private final MessageWording wording;
    private final CodeRequests codeRequests;

    private final Clock clock;

    public PartnerContactService(
            NotificationConfig config,
            ReactiveMailer mailer,
            MessageWording wording,
            CodeRequests codeRequests,
            Clock clock) {
        this.clock = clock;
        this.config = config;
        this.mailer = mailer;
        this.wording = wording;
        this.codeRequests = codeRequests;
    }

    @WithSession
    public Uni<PartnerContact> of(String group) {
        return PartnerContact.<PartnerContact>findById(group)
                .map(found -> found != null ? found : PartnerContact.defaults(group, now()));
    }

    /** @return the saved contact, or null if the digest was asked for without a verified address */
    @WithTransaction
    public Uni<PartnerContact> update(String group, Language language, boolean weeklyDigest) {
        return findOrCreate(group).map(contact -> {
            if (weeklyDigest && contact.emailVerifiedAt == null) {
                return null;
            }
            contact.language = language.tag();
            contact.weeklyDigest = weeklyDigest;
            contact.updatedAt = now();
            return contact;
        });
    }

    public Uni<Void> requestEmailCode(String group, String address) {
        String normalised = address.trim();
        String code = VerificationCodes.newCode();
        return Panache.withTransaction(() -> findOrCreate(group)
                        .flatMap(contact -> codeRequests
                                .checkNotLocked(contact.verifyLockedUntil)
                                .flatMap(ignored -> codeRequests.admit("partner:" + group))
                                .replaceWith(contact))
                        .map(contact -> {
                            contact.pendingEmail = normalised;
                            contact.pendingCodeSalt = VerificationCodes.newSalt();
                            contact.pendingCodeHash = VerificationCodes.hash(
                                    contact.pendingCodeSalt, "partner:" + group, normalised, code);
                            contact.pendingExpiresAt =
                                    now().plus(config.emailVerification().codeValidity());
                            contact.pendingAttempts = 0;
                            contact.updatedAt = now();
                            return contact.language();
                        }))
                .flatMap(language -> mailer.send(codeMail(normalised, code, language)));
    }

    @WithTransaction
    public Uni<VerifyOutcome> verify(String group, String code) {
        return PartnerContact.<PartnerContact>findById(group).map(contact -> {
            if (contact != null && contact.verifyLockedUntil != null && contact.verifyLockedUntil.isAfter(now())) {
                return VerifyOutcome.TOO_MANY_ATTEMPTS;
            }
            if (contact == null || contact.pendingEmail == null) {
                return VerifyOutcome.NOTHING_PENDING;
            }
            if (contact.pendingExpiresAt.isBefore(now())) {
                clearPending(contact);
                return VerifyOutcome.EXPIRED;
            }
            if (!VerificationCodes.matches(
                    contact.pendingCodeHash, contact.pendingCodeSalt, "partner:" + group, contact.pendingEmail, code)) {
                contact.pendingAttempts++;
                if (contact.pendingAttempts >= config.emailVerification().maxAttempts()) {
                    clearPending(contact);
                    contact.verifyLockedUntil =
                            now().plus(config.emailVerification().lockDuration());
                    return VerifyOutcome.TOO_MANY_ATTEMPTS;
                }
                return VerifyOutcome.WRONG_CODE;
            }
            contact.emailAddress = contact.pendingEmail;
            contact.emailVerifiedAt = now();
            clearPending(contact);
            contact.updatedAt = now();
            return VerifyOutcome.VERIFIED;
        });
    }

    private Mail codeMail(String address, String code, Language language) {
        String body = wording.render(new TemplateRef(
                "email/verification-code." + language.tag() + ".txt",
                Map.of(
                        "code",
                        code,
                        "minutes",
                        config.emailVerification().codeValidity().toMinutes())));
        return Mail.withText(address, DiscreetEnvelope.neutralSubject(language), body)
                .setFrom(DiscreetEnvelope.SENDER_NAME + " <" + config.senderAddress() + ">");
    }

    /**
     * The group's row, locked for this transaction. Two first requests at once (a partner's double tap) would both
     * miss a plain find and one insert would fail, so the default row is inserted with ON CONFLICT DO NOTHING first.
     */
    private Uni<PartnerContact> findOrCreate(String group) {
        PartnerContact defaults = PartnerContact.defaults(group, now());
        return SettingsRows.ensurePartnerGroup(group, defaults.language, defaults.updatedAt)
                .flatMap(ignored -> PartnerContact.<PartnerContact>findById(group, LockModeType.PESSIMISTIC_WRITE));
    }

    private static void clearPending(PartnerContact contact) {
        contact.pendingEmail = null;
        contact.pendingCodeHash = null;
        contact.pendingCodeSalt = null;
        contact.pendingExpiresAt = null;
        contact.pendingAttempts = 0;
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock);
    }
}
