package io.ibasho.childcarebooking;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * One read of care notes by staff: who (the token's subject and the role used), what (kind and session, or
 * registration), when and, if given, why. Never the notes themselves: the audit must not become a second copy.
 */
@Entity
@Table(name = "care_notes_audit")
public class CareNotesAudit extends PanacheEntityBase {
    /** The childcare staff's care sheet of one session (every child's notes). */
    public static final String CARE_SHEET = "CARE_SHEET";

    @Id
    public UUID id;

    @Column(name = "organisation_id")
    public String organisationId;

    @Column(name = "session_id")
    public UUID sessionId;

    @Column(name = "registration_id")
    public UUID registrationId;

    public String kind;

    @Column(name = "actor_subject")
    public String actorSubject;

    @Column(name = "actor_role")
    public String actorRole;

    public String reason;

    @Column(name = "read_at")
    public OffsetDateTime readAt;
}
