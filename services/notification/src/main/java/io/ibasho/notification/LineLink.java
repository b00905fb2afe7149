package io.ibasho.notification;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/**
 * Her LINE account as a safe channel: linked once she sent her one-time code to the official account. The LINE userId
 * is personal data: never logged, never on Kafka, exported with her data and deleted with her.
 */
@Entity
@Table(name = "line_link")
public class LineLink extends PanacheEntityBase {
    @Id
    @Column(name = "recipient_id")
    public String recipientId;

    @Column(name = "line_user_id")
    public String lineUserId;

    @Column(name = "linked_at")
    public OffsetDateTime linkedAt;

    @Column(name = "pending_code_hash")
    public String pendingCodeHash;

    @Column(name = "pending_expires_at")
    public OffsetDateTime pendingExpiresAt;

    /** The language the page showed the consent wording in when she asked for the code (ConsentWording). */
    @Column(name = "pending_consent_language")
    public String pendingConsentLanguage;

    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;

    public boolean linked() {
        return lineUserId != null;
    }
}
