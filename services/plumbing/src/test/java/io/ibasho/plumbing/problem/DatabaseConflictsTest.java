package io.ibasho.plumbing.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.util.List;
import org.hibernate.exception.ConstraintViolationException;
import org.hibernate.exception.JDBCConnectionException;
import org.hibernate.exception.LockAcquisitionException;
import org.junit.jupiter.api.Test;

class DatabaseConflictsTest {
    private static final List<UniqueIndexProblem> INDEXES = List.of(
            new UniqueIndexProblem("registration_one_active", "already-registered", "You already have a booking."));

    @Test
    void aDeadlockOrSerialisationAbortIsBusyNotAnInternalError() {
        for (String state : List.of("40P01", "40001")) {
            ProblemDetail problem = DatabaseConflicts.problemFor(
                    new RuntimeException(new LockAcquisitionException("deadlock", new SQLException("deadlock", state))),
                    "/x",
                    INDEXES);
            assertThat(problem.status()).isEqualTo(503);
            assertThat(problem.type()).endsWith("/busy");
        }
    }

    @Test
    void anUnreachableDatabaseIsUnavailableNotAnInternalError() {
        // refused connections while PostgreSQL is down, 57P01 when it shuts down mid-query, 57P03 while it starts, a
        // pooled connection it closed
        List<Throwable> failures = List.of(
                new RuntimeException(new java.net.ConnectException("Connection refused")),
                new JDBCConnectionException("x", new SQLException("terminating connection", "57P01")),
                new JDBCConnectionException("x", new SQLException("the database system is starting up", "57P03")),
                new RuntimeException(new io.vertx.core.VertxException("Connection was closed", true)),
                // PostgreSQL stopping under a query: the socket reset, or closed when the request writes to it
                new java.net.SocketException("Connection reset"),
                new RuntimeException(new java.nio.channels.ClosedChannelException()),
                // the SQL client on a connection the server closed, for the request and for its rollback
                new io.smallrye.mutiny.CompositeException(
                        new io.vertx.core.impl.NoStackTraceThrowable(
                                "Connection is not active now, current status: CLOSED"),
                        new io.vertx.core.impl.NoStackTraceThrowable(
                                "Pending requests failed to be sent due to connection has been closed.")),
                // the request's failure and its failed rollback together
                new io.smallrye.mutiny.CompositeException(
                        new IllegalStateException("the transaction failed"),
                        new JDBCConnectionException("x", new SQLException("terminating connection", "57P01"))));
        for (Throwable failure : failures) {
            ProblemDetail problem = DatabaseConflicts.problemFor(failure, "/x", INDEXES);
            assertThat(problem).as(failure.toString()).isNotNull();
            assertThat(problem.status()).isEqualTo(503);
            assertThat(problem.type()).endsWith("/database-unavailable");
        }
    }

    @Test
    void aPoolThatGaveNoConnectionInTimeIsBusyNotAnInternalError() {
        ProblemDetail problem = DatabaseConflicts.problemFor(
                new RuntimeException(new io.vertx.core.impl.NoStackTraceThrowable("Timeout")), "/x", INDEXES);

        assertThat(problem.status()).isEqualTo(503);
        assertThat(problem.type()).endsWith("/busy");
        assertThat(problem.detail()).contains("nothing was saved");
    }

    @Test
    void aKnownUniqueIndexSpeaksTheServicesWords() {
        ProblemDetail problem = DatabaseConflicts.problemFor(
                new ConstraintViolationException(
                        "duplicate", new SQLException("duplicate key", "23505"), "registration_one_active"),
                "/r",
                INDEXES);

        assertThat(problem.status()).isEqualTo(409);
        assertThat(problem.type()).endsWith("/already-registered");
        assertThat(problem.detail()).isEqualTo("You already have a booking.");
        assertThat(problem.instance()).isEqualTo("/r");
    }

    @Test
    void anyOtherUniqueIndexIsAGenericConflict() {
        ProblemDetail problem = DatabaseConflicts.problemFor(
                new ConstraintViolationException(
                        "duplicate", new SQLException("duplicate key", "23505"), "venue_name_unique"),
                "/v",
                INDEXES);

        assertThat(problem.status()).isEqualTo(409);
        assertThat(problem.type()).endsWith("/conflict");
    }

    @Test
    void anythingElseIsNotADatabaseConflict() {
        assertThat(DatabaseConflicts.problemFor(new IllegalStateException("boom"), "/x", INDEXES))
                .isNull();
        assertThat(DatabaseConflicts.problemFor(
                        new ConstraintViolationException("check", new SQLException("check", "23514"), "capacity_check"),
                        "/x",
                        INDEXES))
                .isNull();
        // an event payload that Jackson could not write is an I/O exception too, but not the database's
        assertThat(DatabaseConflicts.problemFor(
                        new IllegalStateException(new com.fasterxml.jackson.core.JsonGenerationException(
                                "x", (com.fasterxml.jackson.core.JsonGenerator) null)),
                        "/x",
                        INDEXES))
                .isNull();
    }
}
