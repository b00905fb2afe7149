package io.ibasho.event.rest;

import io.ibasho.event.schedule.InvalidScheduleException;
import io.ibasho.plumbing.problem.ProblemDetail;
import io.ibasho.plumbing.problem.ProblemMappers;
import io.ibasho.plumbing.refusal.FieldViolation;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** A schedule the recurrence rules refuse: 422 {@code invalid-schedule}, naming the field to fix and a stable code. */
public class ScheduleProblemMapper {
    @ServerExceptionMapper
    public Response schedule(InvalidScheduleException e, UriInfo uri) {
        String field = switch (e.reason()) {
            case DURATION_OUT_OF_RANGE -> "durationMinutes";
            case LAST_DAY_BEFORE_FIRST_START -> "lastDay";
            case COUNT_OUT_OF_RANGE -> "count";
            case MISSING_VALUE -> "firstStart";
            default -> "rrule";
        };
        var violation = new FieldViolation(field, e.getMessage(), e.reason().name());
        return ProblemMappers.respond(
                ProblemDetail.of(422, "invalid-schedule", "Unprocessable request", e.getMessage(), uri.getPath())
                        .withViolations(List.of(violation)));
    }
}
