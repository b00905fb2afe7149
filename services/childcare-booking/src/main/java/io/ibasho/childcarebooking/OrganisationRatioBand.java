package io.ibasho.childcarebooking;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.UUID;

/** One age band of an organisation's ratio table: one carer for at most {@code childrenPerCarer} children. */
@Entity
@Table(name = "organisation_ratio_band")
public class OrganisationRatioBand extends PanacheEntityBase {
    @Id
    public UUID id;

    @Column(name = "organisation_id")
    public String organisationId;

    public int youngest;
    public int oldest;

    @Column(name = "children_per_carer")
    public int childrenPerCarer;
}
