package io.ibasho.registration;

import java.time.OffsetDateTime;
import java.util.UUID;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** Registration's own copy of a session, built from event-lifecycle events; {@code sequence} drops stale ones. */
@Entity
@Table(name = "session_copy")
public class SessionCopy extends PanacheEntityBase {
    @Id
    public UUID id;
    @Column(name = "organisation_id")
    public String organisationId;
    public String kind;
    public String allocation;
    public String status;
    @Column(name = "starts_at")
    public OffsetDateTime startsAt;
    @Column(name = "ends_at")
    public OffsetDateTime endsAt;
    public Integer capacity;
    @Column(name = "confirmed_seats")
    public int confirmedSeats;
    public int sequence;
    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;
}
