package io.ibasho.notification;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/** Who is registered for which session and in what state: ids and a state only, from registration-lifecycle. */
@Entity
@Table(name = "registration_copy")
public class RegistrationCopy extends PanacheEntityBase {
    /** Registrations that still expect to hear about the session. */
    public static final java.util.List<String> ACTIVE =
            java.util.List.of("APPLIED", "CONFIRMED", "WAITLISTED", "OFFERED", RegistrationCopy.PENDING_CHILDCARE);
    /** A seat held while childcare-booking is asked; active, so a session change reaches her too. */
    public static final String PENDING_CHILDCARE = "PENDING_CHILDCARE";
    /** Cancelled because the whole session was: she still gets the session-cancelled message. */
    public static final String CANCELLED_WITH_SESSION = "CANCELLED_WITH_SESSION";

    @Id
    @Column(name = "registration_id")
    public UUID registrationId;

    @Column(name = "session_id")
    public UUID sessionId;

    @Column(name = "attendee_id")
    public String attendeeId;

    public String status;

    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;
}
