package io.ibasho.event;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A course: dated sessions of one organisation booked as one (全6回), with its own capacity. Its dates are rows of
 * {@code course_session}, read through {@link io.ibasho.event.service.CourseService}. Never leaves the service.
 */
@Entity
@Table(name = "course")
public class Course extends PanacheEntityBase {
    @Id
    public UUID id;

    @Column(name = "organisation_id")
    public String organisationId;

    @Column(name = "title_ja")
    public String titleJa;

    @Column(name = "title_en")
    public String titleEn;

    @Column(name = "description_ja")
    public String descriptionJa;

    @Column(name = "description_en")
    public String descriptionEn;

    /** How many women can book the whole course; each date's own capacity still applies. */
    public int capacity;
    /** FIRST_COME, or LOTTERY: one application for every date, drawn when applications close (docs/adr/0026). */
    public String allocation;

    /** When applications for a LOTTERY course close and the draw is made; null for a first-come course. */
    @Column(name = "applications_close_at")
    public OffsetDateTime applicationsCloseAt;

    public String status;
    /** Grows on every change announced, so registration drops a stale CoursePublished. */
    public int sequence;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;

    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;
}
