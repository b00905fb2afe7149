package io.ibasho.plumbing.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.ibasho.plumbing.refusal.FieldViolation;
import io.ibasho.plumbing.refusal.Refusal;
import io.ibasho.plumbing.refusal.ViolationCodes;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Every error leaves as problem+json with a stable type. Unexpected errors are logged with an id but no request
 * data (which could hold personal data) and answered without internals. A service maps its own domain exceptions in
 * its {@code rest} package.
 */
public class ProblemMappers {
    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @Inject
    Instance<UniqueIndexProblem> uniqueIndexes;

    @Inject
    MeterRegistry meters;

    @ServerExceptionMapper
    public Response refusal(Refusal e, UriInfo uri) {
        // by its stable problem type (a closed set such as session-full), never by path, id or detail
        Counter.builder("ibasho.refusals")
                .description("Requests refused with a problem type, e.g. a booking refused because the session is full")
                .tag("type", e.type())
                .tag("status", Integer.toString(status(e.kind())))
                .register(meters)
                .increment();
        ProblemDetail problem = ProblemDetail.of(status(e.kind()), e.type(), e.title(), e.getMessage(), uri.getPath());
        Response response = respond(e.violations().isEmpty() ? problem : problem.withViolations(e.violations()));
        if (e.retryAfter() != null) {
            // whole seconds, rounded up, at least one
            long seconds = Math.max(1, (e.retryAfter().toMillis() + 999) / 1000);
            return Response.fromResponse(response)
                    .header("Retry-After", seconds)
                    .build();
        }
        return response;
    }

    /** The one place a refusal's kind becomes an HTTP status. */
    public static int status(Refusal.Kind kind) {
        return switch (kind) {
            case BAD_INPUT -> 400;
            case FORBIDDEN -> 403;
            case NOT_FOUND -> 404;
            case CONFLICT -> 409;
            case UNPROCESSABLE -> 422;
            case TOO_MANY -> 429;
            case UNAVAILABLE -> 503;
        };
    }

    @ServerExceptionMapper
    public Response validation(ConstraintViolationException e, UriInfo uri) {
        List<FieldViolation> violations = e.getConstraintViolations().stream()
                .map(ViolationCodes::fieldViolation)
                .sorted(Comparator.comparing(FieldViolation::field))
                .toList();
        String summary = violations.stream()
                .map(v -> v.field() + ": " + v.message())
                .reduce((a, b) -> a + "; " + b)
                .orElse("");
        return respond(ProblemDetail.invalid(
                violations.size() + " field(s) need fixing: " + summary, uri.getPath(), violations));
    }

    @ServerExceptionMapper({MismatchedInputException.class, InvalidFormatException.class, JsonProcessingException.class
    })
    public Response unreadable(Exception e, UriInfo uri) {
        String where = e instanceof MismatchedInputException mismatch
                        && !mismatch.getPath().isEmpty()
                ? " at '"
                        + mismatch.getPath().stream()
                                .map(ref ->
                                        ref.getFieldName() == null ? "[" + ref.getIndex() + "]" : ref.getFieldName())
                                .reduce((a, b) -> a + "." + b)
                                .orElse("")
                        + "'"
                : "";
        return respond(ProblemDetail.of(
                400,
                "malformed-json",
                "Malformed JSON",
                "The body is not the JSON this endpoint expects" + where + ".",
                uri.getPath()));
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        if (e instanceof StrictQueryParameters.InvalidQueryParameter invalid) {
            return respond(ProblemDetail.of(
                            400,
                            "invalid-parameter",
                            "Invalid parameter",
                            "Query parameter '" + invalid.parameter() + "' must be " + invalid.expected() + ".",
                            uri.getPath())
                    .withViolations(List.of(new FieldViolation(
                            invalid.parameter(), invalid.parameter() + " must be " + invalid.expected()))));
        }
        int status = e.getResponse().getStatus();
        if (e.getCause() instanceof JsonProcessingException json) {
            return unreadable(json, uri);
        }
        String reason = Response.Status.fromStatusCode(status) == null
                ? "Error"
                : Response.Status.fromStatusCode(status).getReasonPhrase();
        return respond(ProblemDetail.of(status, "http-" + status, reason, reason + ".", uri.getPath()));
    }

    /**
     * A connection that could not be made (the database is down) fails the request with a checked exception, which
     * {@link #unexpected} does not see: Quarkus answered it with a bare 500 and logged nothing (PostgresRestartFaultIT).
     */
    @ServerExceptionMapper
    public Response unreachable(java.net.ConnectException e, UriInfo uri) {
        return unavailable(DatabaseConflicts.problemFor(e, uri.getPath(), List.of()));
    }

    private static Response unavailable(ProblemDetail problem) {
        return Response.fromResponse(respond(problem)).header("Retry-After", 5).build();
    }

    /**
     * Anything no other mapper knows, checked throwables too: PostgreSQL stopping under a request can fail it with the
     * SQL client's {@code NoStackTraceThrowable} ("Connection is not active now, current status: CLOSED", a Throwable,
     * not even an Exception) or a checked I/O exception, which a {@code RuntimeException} mapper never saw, and Quarkus
     * answered a bare 500 that said nothing in the log above DEBUG (PostgresRestartFaultIT, DatabaseConnectionsCutTest,
     * docs/faults.md).
     */
    @ServerExceptionMapper(priority = 10_000)
    public Response unexpected(Throwable e, UriInfo uri) {
        ProblemDetail database = DatabaseConflicts.problemFor(
                e, uri.getPath(), uniqueIndexes.stream().toList());
        if (database != null) {
            return database.status() == 503 ? unavailable(database) : respond(database);
        }
        String incident = UUID.randomUUID().toString();
        LOG.errorf("incident %s: %s", incident, classesOf(e));
        // where it broke, for a developer; never the messages, which may quote a row or her body
        if (LOG.isDebugEnabled()) {
            LOG.debug(MessageFreeTrace.of(incident, e));
        }
        return respond(ProblemDetail.of(
                500,
                "internal",
                "Internal error",
                "Something went wrong on our side; incident " + incident
                        + ". Nothing you sent was lost or shown to anyone.",
                uri.getPath()));
    }

    /**
     * The classes along the failure's causes, and each part of a Mutiny {@code CompositeException} (a failure and its
     * failed rollback): enough to tell what broke; never a message, which may carry a row's values.
     */
    static String classesOf(Throwable e) {
        StringBuilder classes = new StringBuilder();
        int depth = 0;
        for (Throwable cause = e;
                cause != null && depth < 8;
                cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (depth++ > 0) {
                classes.append(" <- ");
            }
            classes.append(cause.getClass().getName());
            if (cause instanceof io.smallrye.mutiny.CompositeException composite) {
                classes.append(composite.getCauses().stream()
                        .filter(part -> part != composite)
                        .map(ProblemMappers::classesOf)
                        .collect(java.util.stream.Collectors.joining(" | ", " [", "]")));
                break;
            }
        }
        return classes.toString();
    }

    /** For a service's own mappers: the one way a problem leaves. */
    public static Response respond(ProblemDetail problem) {
        return Response.status(problem.status())
                .type(ProblemDetail.MEDIA_TYPE)
                .entity(problem)
                .build();
    }
}
