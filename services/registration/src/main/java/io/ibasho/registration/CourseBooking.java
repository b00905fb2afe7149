package io.ibasho.registration;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * One woman's booking of a whole course: it holds one of the course's places; each date is a {@link Registration}
 * carrying this id. BOOKED while any date is still hers, CANCELLED when she cancelled the course or no date is left.
 */
@Entity
@Table(name = "course_booking")
public class CourseBooking extends PanacheEntityBase {
    public static final String BOOKED = "BOOKED";
    public static final String CANCELLED = "CANCELLED";

    @Id
    public UUID id;

    @Column(name = "course_id")
    public UUID courseId;

    @Column(name = "attendee_id")
    public String attendeeId;

    public String status;

    @Column(name = "cancelled_by")
    public String cancelledBy;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;

    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;
}
