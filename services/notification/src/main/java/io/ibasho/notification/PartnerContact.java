package io.ibasho.notification;

import io.ibasho.notification.message.Language;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** A partner group's contact address for the weekly digest, proven with a code; one per group. */
@Entity
@Table(name = "partner_contact")
public class PartnerContact extends PanacheEntityBase {
    @Id
    @Column(name = "partner_group")
    public String partnerGroup;

    public String language;

    @Column(name = "weekly_digest")
    public boolean weeklyDigest;

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

    @Column(name = "verify_locked_until")
    public OffsetDateTime verifyLockedUntil;

    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;

    public static PartnerContact defaults(String partnerGroup, OffsetDateTime now) {
        PartnerContact contact = new PartnerContact();
        contact.partnerGroup = partnerGroup;
        contact.language = Language.DEFAULT.tag();
        contact.updatedAt = now;
        return contact;
    }

    public Language language() {
        return Language.fromTag(language);
    }

    public boolean wantsDigest() {
        return weeklyDigest && emailAddress != null && emailVerifiedAt != null;
    }
}
