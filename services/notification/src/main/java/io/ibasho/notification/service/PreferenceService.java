package io.ibasho.notification.service;

import io.ibasho.notification.RecipientPreference;
import io.ibasho.notification.config.NotificationConfig;
import io.ibasho.notification.delivery.VerificationCodes;
import io.ibasho.notification.message.DiscreetEnvelope;
import io.ibasho.notification.message.Language;
import io.ibasho.notification.message.TemplateRef;
import io.ibasho.notification.repository.SettingsRows;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Clock;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import org.jboss.logging.Logger;

/**
 * Her preferences and the proof that an e-mail address is hers. A code goes to the new address; only the salted
 * hash is kept, it expires, and a few wrong guesses void it. Until the code is confirmed the old verified address
 * (if any) stays the one in use: someone who got hold of her account cannot silently redirect her messages.
 * Confirming records her consent to messages by e-mail (Consents), in the language the page showed its wording in.
 */
@ApplicationScoped
public class PreferenceService {
    private static final Logger LOG = Logger.getLogger(PreferenceService.class);

    public enum VerifyOutcome {
        VERIFIED,
        WRONG_CODE,
        EXPIRED,
        TOO_MANY_ATTEMPTS,
        NOTHING_PENDING
    }

    /** The account key of her code requests in the rate limit. */
    static String requester(String recipientId) {
        return "attendee:" + recipientId;
    }

    public record Changes(
            Language language,
            boolean email,
            boolean fullDetail,
            LocalTime quietStart,
            LocalTime quietEnd,
            String quietZone) {}

    private final NotificationConfig config;
    private final ReactiveMailer mailer;
    private final MessageWording wording;
    private final CodeRequests codeRequests;
    private final Consents consents;

    private final Clock clock;

    public PreferenceService(
            NotificationConfig config,
            ReactiveMailer mailer,
            MessageWording wording,
            CodeRequests codeRequests,
            Consents consents,
            Clock clock) {
        this.consents = consents;
        this.clock = clock;
        this.config = config;
        this.mailer = mailer;
        this.wording = wording;
        this.codeRequests = codeRequests;
    }

    @WithSession
    public Uni<RecipientPreference> of(String recipientId) {
        return RecipientPreference.<RecipientPreference>findById(recipientId)
                .map(found -> found != null ? found : RecipientPreference.defaults(recipientId, now()));
    }

    /** @return the saved preferences, or null if she asked for e-mail without a verified address */
    @WithTransaction
    public Uni<RecipientPreference> update(String recipientId, Changes changes) {
        return findOrCreate(recipientId).map(preference -> {
            if (changes.email() && preference.emailVerifiedAt == null) {
                return null;
            }
            preference.language = changes.language().tag();
            // her settings always carry a language: saving them is choosing it
            preference.languageChosen = true;
            preference.emailEnabled = changes.email();
            preference.fullDetail = changes.fullDetail();
            preference.quietStart = changes.quietStart();
            preference.quietEnd = changes.quietEnd();
            preference.quietZone = changes.quietZone();
            preference.updatedAt = now();
            return preference;
        });
    }

    /**
     * Stores a fresh code for {@code address} (replacing any earlier one) and mails it there, in her language, or in the
     * language of the page she asked from ({@code pageLanguage}, may be null) if she never chose one.
     * Fails with a 429 problem while verifying is locked or when she asked for too many codes in the window.
     */
    public Uni<Void> requestEmailCode(String recipientId, String address, String pageLanguage) {
        String normalised = address.trim();
        String code = VerificationCodes.newCode();
        return Panache.withTransaction(() -> storeCode(recipientId, normalised, code, pageLanguage))
                .flatMap(language -> mailer.send(codeMail(normalised, code, language)));
    }

    private Uni<Language> storeCode(String recipientId, String address, String code, String pageLanguage) {
        return findOrCreate(recipientId)
                .flatMap(preference -> codeRequests
                        .checkNotLocked(preference.verifyLockedUntil)
                        .flatMap(ignored -> codeRequests.admit(requester(recipientId)))
                        .replaceWith(preference))
                .map(preference -> {
                    preference.pendingEmail = address;
                    preference.pendingCodeSalt = VerificationCodes.newSalt();
                    preference.pendingCodeHash =
                            VerificationCodes.hash(preference.pendingCodeSalt, recipientId, address, code);
                    preference.pendingExpiresAt =
                            now().plus(config.emailVerification().codeValidity());
                    preference.pendingAttempts = 0;
                    preference.updatedAt = now();
                    return preference.language(pageLanguage);
                });
    }

    /** The outcome, and the verified address the new one replaced (to be told), if any. */
    private record Verification(VerifyOutcome outcome, String replacedAddress, Language language) {
        static Verification of(VerifyOutcome outcome) {
            return new Verification(outcome, null, null);
        }
    }

    /**
     * Never throws for a wrong code: the attempt count must commit, so the caller turns the outcome into a problem. When
     * the confirmed address replaces another verified one, that one is told (after the commit) that it no longer
     * receives messages: if someone else moved her channel, she learns it where she used to read.
     */
    public Uni<VerifyOutcome> verify(String recipientId, String code, String consentLanguage) {
        return Panache.withTransaction(() -> check(recipientId, code)
                        .call(verification -> verification.outcome() == VerifyOutcome.VERIFIED
                                ? consents.emailConfirmed(
                                        recipientId,
                                        consentLanguage != null
                                                ? consentLanguage
                                                : verification.language().tag())
                                : Uni.createFrom().voidItem()))
                .flatMap(verification -> {
                    if (verification.replacedAddress() == null) {
                        return Uni.createFrom().item(verification.outcome());
                    }
                    return mailer.send(changedMail(verification.replacedAddress(), verification.language()))
                            .onFailure()
                            .recoverWithUni(failure -> {
                                // the change stands; the address is not logged
                                LOG.warnf(
                                        "could not tell the replaced address of a channel change: %s",
                                        failure.getClass().getSimpleName());
                                return Uni.createFrom().voidItem();
                            })
                            .replaceWith(verification.outcome());
                });
    }

    private Uni<Verification> check(String recipientId, String code) {
        return RecipientPreference.<RecipientPreference>findById(recipientId).map(preference -> {
            if (preference != null
                    && preference.verifyLockedUntil != null
                    && preference.verifyLockedUntil.isAfter(now())) {
                return Verification.of(VerifyOutcome.TOO_MANY_ATTEMPTS);
            }
            if (preference == null || preference.pendingEmail == null) {
                return Verification.of(VerifyOutcome.NOTHING_PENDING);
            }
            if (preference.pendingExpiresAt.isBefore(now())) {
                clearPending(preference);
                return Verification.of(VerifyOutcome.EXPIRED);
            }
            if (!VerificationCodes.matches(
                    preference.pendingCodeHash,
                    preference.pendingCodeSalt,
                    recipientId,
                    preference.pendingEmail,
                    code)) {
                preference.pendingAttempts++;
                if (preference.pendingAttempts >= config.emailVerification().maxAttempts()) {
                    clearPending(preference);
                    // Locked for a while: no guessing on with fresh codes either.
                    preference.verifyLockedUntil =
                            now().plus(config.emailVerification().lockDuration());
                    return Verification.of(VerifyOutcome.TOO_MANY_ATTEMPTS);
                }
                return Verification.of(VerifyOutcome.WRONG_CODE);
            }
            String replaced = preference.emailVerifiedAt != null
                            && preference.emailAddress != null
                            && !preference.emailAddress.equalsIgnoreCase(preference.pendingEmail)
                    ? preference.emailAddress
                    : null;
            preference.emailAddress = preference.pendingEmail;
            preference.emailVerifiedAt = now();
            clearPending(preference);
            preference.updatedAt = now();
            // the notice to her old address is in her language, never the page's: whoever confirmed may not be her
            return new Verification(VerifyOutcome.VERIFIED, replaced, preference.language());
        });
    }

    /** To the address she used before: neutral words, not the new address, nothing about what the service is for. */
    private Mail changedMail(String address, Language language) {
        String body = wording.render(
                new TemplateRef("email/address-replaced." + language.tag() + ".txt", java.util.Map.of()));
        return Mail.withText(address, DiscreetEnvelope.neutralSubject(language), body)
                .setFrom(DiscreetEnvelope.SENDER_NAME + " <" + config.senderAddress() + ">");
    }

    private Mail codeMail(String address, String code, Language language) {
        String body = wording.render(new TemplateRef(
                "email/verification-code." + language.tag() + ".txt",
                java.util.Map.of(
                        "code",
                        code,
                        "minutes",
                        config.emailVerification().codeValidity().toMinutes())));
        // The same neutral subject as every other message: the code mail must not say what the service is for.
        return Mail.withText(address, DiscreetEnvelope.neutralSubject(language), body)
                .setFrom(DiscreetEnvelope.SENDER_NAME + " <" + config.senderAddress() + ">");
    }

    /**
     * Her row, locked for this transaction. Two first saves at once (a double tap) would both miss a plain find and
     * one insert would fail, so the default row is inserted with ON CONFLICT DO NOTHING first.
     */
    private Uni<RecipientPreference> findOrCreate(String recipientId) {
        RecipientPreference defaults = RecipientPreference.defaults(recipientId, now());
        return SettingsRows.ensureRecipient(
                        recipientId, defaults.language, defaults.emailEnabled, defaults.fullDetail, defaults.updatedAt)
                .flatMap(ignored ->
                        RecipientPreference.<RecipientPreference>findById(recipientId, LockModeType.PESSIMISTIC_WRITE));
    }

    private static void clearPending(RecipientPreference preference) {
        preference.pendingEmail = null;
        preference.pendingCodeHash = null;
        preference.pendingCodeSalt = null;
        preference.pendingExpiresAt = null;
        preference.pendingAttempts = 0;
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock);
    }
}
