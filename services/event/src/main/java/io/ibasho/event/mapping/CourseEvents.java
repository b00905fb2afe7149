package io.ibasho.event.mapping;

import io.ibasho.event.Course;
import java.util.List;
import java.util.UUID;

/** CoursePublished: ids, states, public titles and numbers; never anything about who booked. */
public final class CourseEvents {
    private CourseEvents() {}

    public record CoursePublished(
            String courseId,
            String organisationId,
            String titleJa,
            String titleEn,
            String status,
            String allocation,
            int capacity,
            String applicationsCloseAt,
            List<String> sessionIds,
            int sequence) {}

    public static CoursePublished published(Course course, List<UUID> sessionIds) {
        return new CoursePublished(
                course.id.toString(),
                course.organisationId,
                course.titleJa,
                course.titleEn,
                course.status,
                course.allocation,
                course.capacity,
                course.applicationsCloseAt == null
                        ? null
                        : course.applicationsCloseAt.toInstant().toString(),
                sessionIds.stream().map(UUID::toString).toList(),
                course.sequence);
    }
}
