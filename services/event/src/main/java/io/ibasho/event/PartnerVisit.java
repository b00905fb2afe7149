package io.ibasho.event;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.OffsetDateTime;

/**
 * When a partner account's current visit to her schedule began, and the one before: her "changes since your last
 * visit" start at the one before. Requests within {@link #ONE_VISIT} of a visit's start belong to it, so reloading the
 * page or using its forms does not make the changes she is reading disappear.
 */
@Entity
@Table(name = "partner_visit")
public class PartnerVisit extends PanacheEntityBase {
    public static final Duration ONE_VISIT = Duration.ofMinutes(30);

    /** The account's opaque id (the token's subject). */
    @Id
    public String subject;

    @Column(name = "partner_group")
    public String partnerGroup;

    @Column(name = "visit_started_at")
    public OffsetDateTime visitStartedAt;

    @Column(name = "previous_visit_started_at")
    public OffsetDateTime previousVisitStartedAt;

    /** Records a look at the schedule at {@code now}; a new visit when the current one began long enough ago. */
    public void seenAt(OffsetDateTime now) {
        if (!now.isBefore(visitStartedAt.plus(ONE_VISIT))) {
            previousVisitStartedAt = visitStartedAt;
            visitStartedAt = now;
        }
    }
}
