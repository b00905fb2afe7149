package io.ibasho.event;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/** One of the places an organisation points women to (相談窓口), in the organisation's order. Public. */
@Entity
@Table(name = "support_line")
public class SupportLine extends PanacheEntityBase {
    @Id
    public UUID id;

    @Column(name = "organisation_id")
    public String organisationId;

    public int position;

    @Column(name = "name_ja")
    public String nameJa;

    @Column(name = "name_en")
    public String nameEn;

    public String phone;

    @Column(name = "hours_ja")
    public String hoursJa;

    @Column(name = "hours_en")
    public String hoursEn;

    @Column(name = "helps_with_ja")
    public String helpsWithJa;

    @Column(name = "helps_with_en")
    public String helpsWithEn;

    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;
}
