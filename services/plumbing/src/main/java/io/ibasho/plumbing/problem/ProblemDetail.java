package io.ibasho.plumbing.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.ibasho.plumbing.refusal.FieldViolation;
import java.util.List;

/** RFC 9457 problem details. {@code type} is a relative URI reference documented in docs/errors.md. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ProblemDetail(
        String type, String title, int status, String detail, String instance, List<FieldViolation> violations) {
    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String TYPE_BASE = "https://ibasho.example/problems/";

    public static ProblemDetail of(int status, String type, String title, String detail, String instance) {
        return new ProblemDetail(TYPE_BASE + type, title, status, detail, instance, List.of());
    }

    public static ProblemDetail invalid(String detail, String instance, List<FieldViolation> violations) {
        return new ProblemDetail(TYPE_BASE + "validation", "Invalid request", 400, detail, instance, violations);
    }

    public ProblemDetail withViolations(List<FieldViolation> more) {
        return new ProblemDetail(type, title, status, detail, instance, more);
    }
}
