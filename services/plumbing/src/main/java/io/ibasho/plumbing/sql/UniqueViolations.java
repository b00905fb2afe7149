package io.ibasho.plumbing.sql;

import io.vertx.pgclient.PgException;
import org.hibernate.JDBCException;

/**
 * PostgreSQL's unique violations (SQLSTATE 23505) in a failure's causes, as its client reports them or as Hibernate
 * Reactive converts them (often without the constraint's name): for a repository that expects one of its own, and for
 * the HTTP problem of one that escaped (DatabaseConflicts).
 */
public final class UniqueViolations {
    private UniqueViolations() {}

    /** Whether {@code failure}'s causes hold a unique violation whose constraint or message contains {@code text}. */
    public static boolean in(Throwable failure, String text) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            String named = named(cause);
            if (named != null && named.contains(text)) {
                return true;
            }
        }
        return false;
    }

    /** The constraint's name and the message of a unique violation; null when {@code cause} itself is not one. */
    public static String named(Throwable cause) {
        if (cause instanceof PgException pg && "23505".equals(pg.getSqlState())) {
            return pg.getConstraint() + " " + cause.getMessage();
        }
        if (cause instanceof JDBCException jdbc && "23505".equals(jdbc.getSQLState())) {
            String constraint = jdbc instanceof org.hibernate.exception.ConstraintViolationException violation
                    ? violation.getConstraintName()
                    : null;
            return constraint + " " + cause.getMessage();
        }
        return null;
    }
}
