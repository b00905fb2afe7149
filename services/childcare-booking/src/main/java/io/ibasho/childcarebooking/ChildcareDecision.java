package io.ibasho.childcarebooking;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * The answer given to one ChildcareRequested, by {@code requestId}: a repeated request is answered the same way and
 * reserves nothing twice. {@code outcome} is RESERVED or a ChildcareRejected reason code.
 */
@Entity
@Table(name = "childcare_decision")
public class ChildcareDecision extends PanacheEntityBase {
    public static final String RESERVED = "RESERVED";

    @Id
    @Column(name = "request_id")
    public UUID requestId;

    @Column(name = "registration_id")
    public UUID registrationId;

    @Column(name = "session_id")
    public UUID sessionId;

    public String outcome;
    public int children;

    @Column(name = "decided_at")
    public OffsetDateTime decidedAt;

    public boolean reserved() {
        return RESERVED.equals(outcome);
    }
}
