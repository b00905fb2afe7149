package io.ibasho.registration;

import java.time.OffsetDateTime;
import java.util.UUID;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One woman's booking or application for one session, under a nickname; her account id is opaque. */
@Entity
@Table(name = "registration")
public class Registration extends PanacheEntityBase {
    @Id
    public UUID id;
    @Column(name = "session_id")
    public UUID sessionId;
    @Column(name = "attendee_id")
    public String attendeeId;
    public String nickname;
    @Enumerated(EnumType.STRING)
    public Status status;
    @Column(name = "created_at")
    public OffsetDateTime createdAt;
    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;

    public enum Status {
        CONFIRMED, APPLIED, WAITLISTED, OFFERED, CANCELLED
    }
}
