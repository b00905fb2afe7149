package io.ibasho.event;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.UUID;

/**
 * Whether one registration holds a confirmed place, as registration announced it. The minimum this service needs to
 * release a hidden address or a meeting link to her and nobody else: no nickname, no contact, no times. Never leaves
 * the service and is never logged together with the session id.
 */
@Entity
@Table(name = "attendee_confirmation")
public class AttendeeConfirmation extends PanacheEntityBase {
    @Id
    @Column(name = "registration_id")
    public UUID registrationId;

    @Column(name = "session_id")
    public UUID sessionId;
    /** The opaque Keycloak subject, as in registration's events. */
    @Column(name = "attendee_id")
    public String attendeeId;

    public boolean confirmed;
}
