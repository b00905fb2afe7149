package io.ibasho.childcarebooking.rest;

/** A failure with an RFC 9457 problem type; {@code type} is stable and documented, {@code detail} says what to do. */
public class ProblemException extends RuntimeException {
    private final int status;
    private final String type;
    private final String title;
    private final java.util.List<ProblemDetail.Violation> violations;

    public ProblemException(int status, String type, String title, String detail) {
        this(status, type, title, detail, java.util.List.of());
    }

    private ProblemException(int status, String type, String title, String detail,
            java.util.List<ProblemDetail.Violation> violations) {
        super(detail);
        this.status = status;
        this.type = type;
        this.title = title;
        this.violations = java.util.List.copyOf(violations);
    }

    /** 400 {@code validation} found by the service rather than by Bean Validation, with one violation per field. */
    public static ProblemException invalidFields(java.util.List<ProblemDetail.Violation> violations) {
        java.util.List<ProblemDetail.Violation> sorted = violations.stream()
                .sorted(java.util.Comparator.comparing(ProblemDetail.Violation::field)).toList();
        String summary = sorted.stream().map(v -> v.field() + ": " + v.message())
                .reduce((a, b) -> a + "; " + b).orElse("");
        return new ProblemException(400, "validation", "Invalid request",
                sorted.size() + " field(s) need fixing: " + summary, sorted);
    }

    public static ProblemException noOrganisation() {
        return forbidden("no-organisation", "This account belongs to no organisation (no org claim); ask an"
                + " administrator to assign one.");
    }

    public static ProblemException notFound(String what) {
        return new ProblemException(404, "not-found", "Not found", "No such " + what + ".");
    }

    public static ProblemException conflict(String type, String detail) {
        return new ProblemException(409, type, "Conflict", detail);
    }

    public static ProblemException forbidden(String type, String detail) {
        return new ProblemException(403, type, "Forbidden", detail);
    }

    public static ProblemException invalid(String type, String detail) {
        return new ProblemException(422, type, "Unprocessable request", detail);
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    public String title() {
        return title;
    }

    public java.util.List<ProblemDetail.Violation> violations() {
        return violations;
    }
}
