package io.ibasho.event;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/** The current secret of a non-public iCalendar feed; only its SHA-256 is stored, so a database leak reveals no URL. */
@Entity
@Table(name = "feed_token")
public class FeedToken extends PanacheEntityBase {
    @Id
    public UUID id;

    @Column(name = "organisation_id")
    public String organisationId;

    @Enumerated(EnumType.STRING)
    public Scope scope;

    @Column(name = "partner_group")
    public String partnerGroup;

    @Column(name = "token_hash")
    public String tokenHash;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;

    public enum Scope {
        ORGANISATION,
        PARTNER_GROUP
    }
}
