package io.ibasho.childcarebooking;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/**
 * An organisation's own childcare settings: its optional cap on children per session; its bands are
 * {@link OrganisationRatioBand} rows. No row: the April 2024 standard and no cap.
 */
@Entity
@Table(name = "organisation_ratios")
public class OrganisationRatios extends PanacheEntityBase {
    @Id
    @Column(name = "organisation_id")
    public String organisationId;

    @Column(name = "max_children_per_session")
    public Integer maxChildrenPerSession;

    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;
}
