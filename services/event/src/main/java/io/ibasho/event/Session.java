package io.ibasho.event;

import java.time.OffsetDateTime;
import java.util.UUID;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A café, workshop, online dialogue or free space at one time; owned by one organisation. Never leaves the service. */
@Entity
@Table(name = "session")
public class Session extends PanacheEntityBase {
    @Id
    public UUID id;
    @Column(name = "organisation_id")
    public String organisationId;
    @Enumerated(EnumType.STRING)
    public SessionKind kind;
    @Column(name = "title_ja")
    public String titleJa;
    @Column(name = "title_en")
    public String titleEn;
    @Column(name = "starts_at")
    public OffsetDateTime startsAt;
    @Column(name = "ends_at")
    public OffsetDateTime endsAt;
    public Integer capacity;
    @Enumerated(EnumType.STRING)
    public Allocation allocation;
    @Enumerated(EnumType.STRING)
    public SessionStatus status;
    /** Grows on every published change; becomes the iCalendar SEQUENCE and lets consumers ignore stale events. */
    public int sequence;
    @Column(name = "created_at")
    public OffsetDateTime createdAt;
    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;

    public enum SessionKind {
        cafe, workshop, online, free_space;

        /** The wire name: {@code free-space}, as in the contracts. */
        public String wireName() {
            return name().replace('_', '-');
        }
    }

    public enum Allocation {
        NONE, FIRST_COME, LOTTERY
    }

    public enum SessionStatus {
        DRAFT, PUBLISHED, CANCELLED, COMPLETED
    }
}
