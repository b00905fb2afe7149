package io.ibasho.notification;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/**
 * An organisation as a woman picks it for a request to talk: its public name, and whether its consultation staff read
 * requests now. Set only by that organisation's consultation staff (docs/consultation.md).
 */
@Entity
@Table(name = "talk_organisation")
public class TalkOrganisation extends PanacheEntityBase {
    @Id
    @Column(name = "organisation_id")
    public String organisationId;

    @Column(name = "name_ja")
    public String nameJa;

    @Column(name = "name_en")
    public String nameEn;

    public boolean accepting;

    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;

    @Column(name = "updated_by")
    public String updatedBy;
}
