package io.ibasho.childcarebooking;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A session's childcare offer (託児) as the event service announced it; capacity is computed from it. */
@Entity
@Table(name = "session_offer")
public class SessionOffer extends PanacheEntityBase {
    @Id
    @Column(name = "session_id")
    public UUID sessionId;

    @Column(name = "organisation_id")
    public String organisationId;

    public boolean offered;

    @Column(name = "min_age_years")
    public Integer minAgeYears;

    @Column(name = "max_age_years")
    public Integer maxAgeYears;

    public int carers;
    public OffsetDateTime deadline;

    @Column(name = "max_children")
    public Integer maxChildren;

    @Column(name = "starts_at")
    public OffsetDateTime startsAt;
    /** Null only for offers stored before V2; the care-notes purge then falls back to {@code startsAt}. */
    @Column(name = "ends_at")
    public OffsetDateTime endsAt;

    /** FIRST_COME, LOTTERY or NONE (drop-in); null for offers stored before V8, treated as not drop-in. */
    public String allocation;

    public String status;
    public int sequence;

    /** A session without bookings (allocation NONE) whose childcare a mother reserves on its own. */
    public boolean dropIn() {
        return "NONE".equals(allocation);
    }
}
