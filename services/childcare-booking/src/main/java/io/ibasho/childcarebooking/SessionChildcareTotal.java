package io.ibasho.childcarebooking;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * What is left of a past session's childcare after its bookings were deleted (ChildcareRetentionPurge): anonymous
 * totals for reports. Children by age band are {@link SessionChildcareBandTotal} rows.
 */
@Entity
@Table(name = "session_childcare_total")
public class SessionChildcareTotal extends PanacheEntityBase {
    @Id
    @Column(name = "session_id")
    public UUID sessionId;

    @Column(name = "organisation_id")
    public String organisationId;
    /** Reserved bookings (siblings count once). */
    public int families;

    public int children;
    public int carers;

    @Column(name = "carers_needed")
    public int carersNeeded;

    @Column(name = "anonymised_at")
    public OffsetDateTime anonymisedAt;
}
