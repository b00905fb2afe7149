package io.ibasho.notification;

import io.ibasho.notification.delivery.QuietHours;
import io.ibasho.notification.message.DetailPreference;
import io.ibasho.notification.message.Language;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;

/** Her own choices of language, safe channels and quiet hours, and the one address she verified. */
@Entity
@Table(name = "recipient_preference")
public class RecipientPreference extends PanacheEntityBase {
    @Id
    @Column(name = "recipient_id")
    public String recipientId;

    /** The language messages outside the app are written in; Japanese (the default) until she chooses. */
    public String language;

    /** Whether she chose {@link #language} herself (saved her settings), or it is still the default. */
    @Column(name = "language_chosen")
    public boolean languageChosen;

    @Column(name = "email_enabled")
    public boolean emailEnabled;

    @Column(name = "full_detail")
    public boolean fullDetail;

    @Column(name = "quiet_start")
    public LocalTime quietStart;

    @Column(name = "quiet_end")
    public LocalTime quietEnd;

    @Column(name = "quiet_zone")
    public String quietZone;

    @Column(name = "email_address")
    public String emailAddress;

    @Column(name = "email_verified_at")
    public OffsetDateTime emailVerifiedAt;

    @Column(name = "pending_email")
    public String pendingEmail;

    @Column(name = "pending_code_hash")
    public String pendingCodeHash;

    @Column(name = "pending_code_salt")
    public String pendingCodeSalt;

    @Column(name = "pending_expires_at")
    public OffsetDateTime pendingExpiresAt;

    @Column(name = "pending_attempts")
    public int pendingAttempts;
    /** After too many wrong codes: no new code and no verifying until then. */
    @Column(name = "verify_locked_until")
    public OffsetDateTime verifyLockedUntil;

    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;

    public static RecipientPreference defaults(String recipientId, OffsetDateTime now) {
        RecipientPreference preference = new RecipientPreference();
        preference.recipientId = recipientId;
        preference.language = Language.DEFAULT.tag();
        preference.updatedAt = now;
        return preference;
    }

    public Language language() {
        return Language.fromTag(language);
    }

    /**
     * The language of a mail that answers what she just did on a page shown in {@code pageLanguage} (the code to
     * confirm an address, sent to that address): her choice if she made one, otherwise the page's, so that a woman
     * reading the English app who never chose gets her code in English. Messages with no page behind them (notices by
     * e-mail and LINE, the notice to an address that was replaced) use {@link #language()}.
     */
    public Language language(String pageLanguage) {
        return languageChosen || pageLanguage == null ? language() : Language.fromTag(pageLanguage);
    }

    public DetailPreference detail() {
        return fullDetail ? DetailPreference.FULL_DETAIL : DetailPreference.DISCREET;
    }

    public QuietHours quietHours() {
        if (quietStart == null || quietEnd == null) {
            return QuietHours.none();
        }
        return QuietHours.between(
                quietStart, quietEnd, quietZone == null ? QuietHours.DEFAULT_ZONE : ZoneId.of(quietZone));
    }

    /** E-mail goes out only if she chose it and proved the address is hers. */
    public boolean wantsEmail() {
        return emailEnabled && emailAddress != null && emailVerifiedAt != null;
    }
}
