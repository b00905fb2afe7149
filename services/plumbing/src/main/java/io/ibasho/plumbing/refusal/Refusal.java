package io.ibasho.plumbing.refusal;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;

/**
 * A request a service refuses, for a stated reason: a {@link Kind}, a stable {@code type} (docs/errors.md) and a
 * {@code detail} that says what to do. It knows no HTTP: the rest layer (the kit's {@code ProblemMappers}) turns the
 * kind into a status and the whole into RFC 9457 problem+json.
 */
public class Refusal extends RuntimeException {
    /** Why a request is refused; each has one HTTP status at the edge. */
    public enum Kind {
        /** The input cannot be read or is incomplete (400). */
        BAD_INPUT,
        /** The caller may not do this (403). */
        FORBIDDEN,
        /** No such thing, or another organisation's (404). */
        NOT_FOUND,
        /** The current state does not allow it (409). */
        CONFLICT,
        /** Well-formed, but against the rules (422). */
        UNPROCESSABLE,
        /** Too many attempts; retry after {@link #retryAfter()} (429). */
        TOO_MANY,
        /** Something it depends on is unavailable now; try again later (503). */
        UNAVAILABLE
    }

    private final Kind kind;
    private final String type;
    private final String title;
    private final List<FieldViolation> violations;
    private final Duration retryAfter;

    public Refusal(Kind kind, String type, String title, String detail) {
        this(kind, type, title, detail, List.of(), null);
    }

    private Refusal(
            Kind kind, String type, String title, String detail, List<FieldViolation> violations, Duration retryAfter) {
        // an answer, not a fault: nobody reads its stack, and a rush refuses thousands a second from deep reactive
        // stacks, each of which the JVM would otherwise walk and copy
        super(detail, null, false, false);
        this.kind = kind;
        this.type = type;
        this.title = title;
        this.violations = List.copyOf(violations);
        this.retryAfter = retryAfter;
    }

    /** Against the rules, with every broken rule at once, so a form can show them together. */
    public static Refusal rules(String type, String detail, List<FieldViolation> violations) {
        return new Refusal(Kind.UNPROCESSABLE, type, "Unprocessable request", detail, violations, null);
    }

    /** {@code validation} found by the service rather than by Bean Validation, with one violation per field. */
    public static Refusal invalidFields(List<FieldViolation> violations) {
        List<FieldViolation> sorted = violations.stream()
                .sorted(Comparator.comparing(FieldViolation::field))
                .toList();
        String summary = sorted.stream()
                .map(v -> v.field() + ": " + v.message())
                .reduce((a, b) -> a + "; " + b)
                .orElse("");
        return new Refusal(
                Kind.BAD_INPUT,
                "validation",
                "Invalid request",
                sorted.size() + " field(s) need fixing: " + summary,
                sorted,
                null);
    }

    /** Too many attempts; {@code retryAfter} says when to try again. */
    public static Refusal tooManyRequests(String type, String detail, Duration retryAfter) {
        return new Refusal(Kind.TOO_MANY, type, "Too many requests", detail, List.of(), retryAfter);
    }

    public static Refusal badRequest(String type, String detail) {
        return new Refusal(Kind.BAD_INPUT, type, "Bad request", detail);
    }

    public static Refusal notFound(String what) {
        return new Refusal(Kind.NOT_FOUND, "not-found", "Not found", "No such " + what + ".");
    }

    public static Refusal conflict(String type, String detail) {
        return new Refusal(Kind.CONFLICT, type, "Conflict", detail);
    }

    /** The current state does not allow it, naming the fields it concerns so a form can show it beside them. */
    public static Refusal conflict(String type, String detail, List<FieldViolation> violations) {
        return new Refusal(Kind.CONFLICT, type, "Conflict", detail, violations, null);
    }

    public static Refusal forbidden(String type, String detail) {
        return new Refusal(Kind.FORBIDDEN, type, "Forbidden", detail);
    }

    public static Refusal invalid(String type, String detail) {
        return new Refusal(Kind.UNPROCESSABLE, type, "Unprocessable request", detail);
    }

    /**
     * The same refusal with {@code earlier} violations ahead of its own: a check that found mistakes in a request's
     * syntax and then the rules' refusal answers both at once.
     */
    public Refusal after(List<FieldViolation> earlier) {
        if (earlier.isEmpty()) {
            return this;
        }
        List<FieldViolation> all = new java.util.ArrayList<>(earlier);
        all.addAll(violations);
        return new Refusal(kind, type, title, getMessage(), all, retryAfter);
    }

    public Kind kind() {
        return kind;
    }

    public String type() {
        return type;
    }

    public String title() {
        return title;
    }

    public List<FieldViolation> violations() {
        return violations;
    }

    /** @return when to try again (with {@link Kind#TOO_MANY}), or null */
    public Duration retryAfter() {
        return retryAfter;
    }
}
