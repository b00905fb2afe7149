package io.ibasho.notification.rest;

/** A failure with an RFC 9457 problem type; {@code type} is stable and documented, {@code detail} says what to do. */
public class ProblemException extends RuntimeException {
    private final int status;
    private final String type;
    private final String title;
    /** Seconds for a Retry-After header (429), or null. */
    private final Long retryAfterSeconds;

    public ProblemException(int status, String type, String title, String detail) {
        this(status, type, title, detail, null);
    }

    private ProblemException(int status, String type, String title, String detail, Long retryAfterSeconds) {
        super(detail);
        this.status = status;
        this.type = type;
        this.title = title;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** 429 with a Retry-After header (whole seconds, at least one). */
    public static ProblemException tooManyRequests(String type, String detail, java.time.Duration retryAfter) {
        long seconds = Math.max(1, (retryAfter.toMillis() + 999) / 1000);
        return new ProblemException(429, type, "Too many requests", detail, seconds);
    }

    public Long retryAfterSeconds() {
        return retryAfterSeconds;
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
}
