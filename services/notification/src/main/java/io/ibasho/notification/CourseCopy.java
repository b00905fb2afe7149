package io.ibasho.notification;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** A course's dates and allocation, kept from CoursePublished to word course messages: no title, no personal data. */
@Entity
@Table(name = "course_copy")
public class CourseCopy extends PanacheEntityBase {
    @Id
    public UUID id;

    /** The dates' session ids in date order, separated by commas. */
    @Column(name = "session_ids")
    public String sessionIds;

    public String allocation;
    public String status;
    public int sequence;

    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;

    public List<UUID> sessionIdList() {
        return sessionIds.isBlank()
                ? List.of()
                : Arrays.stream(sessionIds.split(",")).map(UUID::fromString).toList();
    }

    public boolean lottery() {
        return "LOTTERY".equals(allocation);
    }
}
