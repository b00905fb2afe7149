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
 * The reserved childcare places of one registration, or of a drop-in reservation (then {@code registrationId} is the
 * booking's own id). {@code attendeeId} (the opaque account id) is kept only so the
 * mother herself can add care notes; it never appears in a staff view or an event.
 */
@Entity
@Table(name = "childcare_booking")
public class ChildcareBooking extends PanacheEntityBase {
    public enum Status {
        RESERVED,
        RELEASED
    }

    /** SEAT: with a booked seat, through registration's saga. DROP_IN: childcare alone at a drop-in session. */
    public enum Kind {
        SEAT,
        DROP_IN
    }

    @Id
    public UUID id;

    @Enumerated(EnumType.STRING)
    public Kind kind = Kind.SEAT;

    /** The code she shows the carers at the handover; drop-in reservations only. */
    @Column(name = "handover_code")
    public String handoverCode;

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
