package io.ibasho.registration;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * Registration's own copy of a session, built from event-lifecycle events; {@code sequence} drops stale ones. The
 * counters are read-only here: they change only through atomic SQL updates, so a flush of this entity can never write
 * back a stale seat count over a concurrent booking.
 */
@Entity
@Table(name = "session_copy")
public class SessionCopy extends PanacheEntityBase {
    @Id
    public UUID id;

    @Column(name = "organisation_id")
    public String organisationId;

    public String kind;

    /** The venue's id and public names, as published (null online or without a venue): reports count per venue. */
    @Column(name = "venue_id")
    public String venueId;

    @Column(name = "venue_name_ja")
    public String venueNameJa;

    @Column(name = "venue_name_en")
    public String venueNameEn;

    public String allocation;
    public String status;

    @Column(name = "starts_at")
    public OffsetDateTime startsAt;

    @Column(name = "ends_at")
    public OffsetDateTime endsAt;

    public Integer capacity;
    /** Seats taken: confirmed bookings plus seats held for an open waitlist offer. */
    @Column(name = "confirmed_seats", insertable = false, updatable = false)
    public int confirmedSeats;
    /** Seats taken when the capacity was lowered below them: nobody is removed, the database allows up to here. */
    @Column(name = "capacity_floor", insertable = false, updatable = false)
    public int capacityFloor;
    /** Café drop-ins counted at the door, without identity. */
    @Column(name = "drop_in_count", insertable = false, updatable = false)
    public int dropInCount;
    /** Applications and bookings are refused before this (null: from publication on). */
    @Column(name = "application_opens_at")
    public OffsetDateTime applicationOpensAt;
    /** Whether the session offers childcare (託児); a lottery application asking for it elsewhere is refused. */
    @Column(name = "childcare_offered")
    public boolean childcareOffered;
    /** Lottery sessions: applications close here and the draw runs by itself. */
    @Column(name = "application_closes_at")
    public OffsetDateTime applicationClosesAt;
    /** Lottery sessions: the event service's lottery settings (JSON), turned into a policy by LotteryPolicies. */
    @Column(name = "lottery_settings")
    public String lotterySettings;
    /**
     * Parts booked together (1部/2部), as the event service's JSON array of {partId, label, startsAt, endsAt}; null when
     * none. Read through {@link io.ibasho.registration.mapping.SessionParts}.
     */
    public String parts;

    public int sequence;

    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;
}
