package io.ibasho.plumbing.problem;

import io.ibasho.plumbing.inbox.TransientFailures;
import io.ibasho.plumbing.sql.UniqueViolations;
import io.vertx.pgclient.PgException;
import java.util.List;
import org.hibernate.JDBCException;

/**
 * The database's own guards, reached only when two requests race past the checks above them (a unique index,
 * PostgreSQL's deadlock / serialisation aborts, an optimistic lock's version) or when a value slipped past validation
 * that PostgreSQL cannot store (its data exceptions, SQLSTATE class 22), the database being unreachable (a
 * restart: 503) and the connection pool too busy to give a connection in time (503). None of them is a 500.
 */
public final class DatabaseConflicts {
    private DatabaseConflicts() {}

    /** @return the problem for a conflict somewhere in {@code e}'s causes, or null when it holds none */
    public static ProblemDetail problemFor(Throwable e, String path, List<UniqueIndexProblem> uniqueIndexes) {
        if (TransientFailures.isDatabaseUnreachable(e)) {
            // PostgreSQL restarting or gone: nothing was saved, and the same request will work once it is back
            return ProblemDetail.of(
                    503,
                    "database-unavailable",
                    "Unavailable",
                    "This cannot be done right now; nothing was saved. Please try again in a moment.",
                    path);
        }
        if (TransientFailures.isPoolBusy(e)) {
            // every connection stayed busy for the pool's whole wait: overloaded, not broken (the open-loop browse
            // of round 22 answered 29,073 of these with 500)
            return ProblemDetail.of(
                    503,
                    "busy",
                    "Busy",
                    "Many people are using this at the moment; nothing was saved. Please try again in a moment.",
                    path);
        }
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof jakarta.persistence.OptimisticLockException
                    || cause instanceof org.hibernate.StaleStateException) {
                // a row's @Version moved between our read and our write: somebody else's change won
                return ProblemDetail.of(
                        409,
                        "conflict",
                        "Conflict",
                        "Someone changed this at the same moment; please look again.",
                        path);
            }
            String sqlState = null;
            String constraint = null;
            if (cause instanceof PgException pg) {
                sqlState = pg.getSqlState();
                constraint = pg.getConstraint();
            } else if (cause instanceof JDBCException jdbc) {
                // Hibernate Reactive reports PostgreSQL's errors as JDBCException subclasses, without the PgException
                sqlState = jdbc.getSQLState();
                constraint = jdbc instanceof org.hibernate.exception.ConstraintViolationException violation
                        ? violation.getConstraintName()
                        : null;
            }
            if (sqlState == null) {
                continue;
            }
            if ("23505".equals(sqlState)) {
                String named = UniqueViolations.named(cause);
                return uniqueIndexes.stream()
                        .filter(index -> named.contains(index.index()))
                        .findFirst()
                        .map(index -> ProblemDetail.of(409, index.type(), "Conflict", index.detail(), path))
                        .orElseGet(() -> ProblemDetail.of(
                                409,
                                "conflict",
                                "Conflict",
                                "Someone changed this at the same moment; please look again.",
                                path));
            }
            if (sqlState.startsWith("22")) {
                // PostgreSQL's data exceptions: a value it cannot store (a date beyond its range, a NUL, text too
                // long for its column). Only a request carries such a value, so it is the request's fault: 400.
                return ProblemDetail.of(
                        400,
                        "invalid-value",
                        "Invalid value",
                        "A value cannot be stored: a date or time out of range (years 1 to 9999), text too long, or a "
                                + "character that is not allowed.",
                        path);
            }
            if ("40P01".equals(sqlState) || "40001".equals(sqlState)) {
                return ProblemDetail.of(
                        503, "busy", "Busy", "Many people are booking at this moment; please try again.", path);
            }
        }
        return null;
    }
}
