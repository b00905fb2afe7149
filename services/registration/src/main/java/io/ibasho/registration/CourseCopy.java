package io.ibasho.registration;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * Registration's copy of a course (dated sessions booked as one), from CoursePublished. {@code bookedPlaces} is
 * read-only here: it changes only through conditional SQL updates, like a session's seat counter.
 */
@Entity
@Table(name = "course_copy")
public class CourseCopy extends PanacheEntityBase {
    @Id
    public UUID id;

    @Column(name = "organisation_id")
    public String organisationId;

    @Column(name = "title_ja")
    public String titleJa;

    @Column(name = "title_en")
    public String titleEn;

    public String status;
    public String allocation;
    public int capacity;

    @Column(name = "booked_places", insertable = false, updatable = false)
    public int bookedPlaces;
    /** The dates in date order, comma-separated session ids. */
    @Column(name = "session_ids")
    public String sessionIds;

    public int sequence;

    /** When applications for a LOTTERY course close and it is drawn; null for a first-come course. */
    @Column(name = "applications_close_at")
    public OffsetDateTime applicationsCloseAt;

    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;

    public boolean lottery() {
        return "LOTTERY".equals(allocation);
    }

    public List<UUID> sessionIdList() {
        return Arrays.stream(sessionIds.split(",")).map(UUID::fromString).toList();
    }
}
