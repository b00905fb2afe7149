package io.ibasho.childcarebooking;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * The reserved childcare places of one registration. {@code attendeeId} (the opaque account id) is kept only so the
 * mother herself can add care notes; it never appears in a staff view or an event.
 */
@Entity
@Table(name = "childcare_booking")
public class ChildcareBooking extends PanacheEntityBase {
    public enum Status {
        RESERVED,
        RELEASED
    }

    @Id
    public UUID id;

    @Column(name = "request_id")
    public UUID requestId;

    @Column(name = "registration_id")
    public UUID registrationId;

    @Column(name = "session_id")
    public UUID sessionId;

    @Column(name = "attendee_id")
    public String attendeeId;

    @Enumerated(EnumType.STRING)
    public Status status;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;

    @Column(name = "released_at")
    public OffsetDateTime releasedAt;
}
