package io.ibasho.plumbing.inbox;

import io.ibasho.plumbing.time.CommitWakeUp;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.pgclient.PgException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.hibernate.JDBCException;
import org.jboss.logging.Logger;

/**
 * A consumed message is handled in its own transaction, and a <em>transient</em> failure (the database restarting, a
 * dropped connection, a deadlock or serialisation abort, a lock timeout) is retried with backoff before anything goes
 * to the dead-letter topic. Only what fails again and again, or fails for a reason no retry can fix (a message that
 * cannot be read), is dead-lettered: issue #14 found a transient database error sent messages to the DLQ for good.
 */
public final class TransientFailures {
    private static final Logger LOG = Logger.getLogger(TransientFailures.class);
    /** PostgreSQL SQLSTATEs worth another try: aborts, lock timeouts, the server going away or starting up. */
    private static final Set<String> TRANSIENT_STATES = Set.of("40001", "40P01", "55P03", "57P01", "57P02", "57P03");

    /** PostgreSQL going away or starting up: another try succeeds once it is back. */
    private static final Set<String> UNREACHABLE_STATES = Set.of("57P01", "57P02", "57P03");

    static final int ATTEMPTS = 5;
    static final Duration FIRST_BACKOFF = Duration.ofMillis(200);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(5);
    /**
     * How long a message waits for an unreachable database before it is dead-lettered: longer than a PostgreSQL restart
     * (the fault tests stop it for 10 s), shorter than the Kafka connector's 60 s limit for an unacknowledged record
     * (throttled commits), past which the channel reports itself unhealthy.
     */
    static final Duration UNREACHABLE_FOR = Duration.ofSeconds(45);

    private TransientFailures() {}

    /**
     * Runs {@code handling} in a transaction, again (a new transaction each time) after a transient failure. What it
     * signals wakes this application's polls when it has ended, without a NOTIFY per commit (ADR 0090).
     */
    public static Uni<Void> inTransactionWithRetry(Supplier<Uni<Void>> handling) {
        return CommitWakeUp.collecting(() -> retried(handling));
    }

    private static Uni<Void> retried(Supplier<Uni<Void>> handling) {
        return Uni.createFrom().deferred(() -> {
            // A database that is down is waited for (up to UNREACHABLE_FOR): five quick tries took 3 s, and every
            // message read during a PostgreSQL restart went to the dead-letter topic (found by PostgresRestartFaultIT).
            // Other transient failures get ATTEMPTS tries.
            AtomicInteger otherFailures = new AtomicInteger();
            return Uni.createFrom()
                    .deferred(() -> Panache.withTransaction(handling))
                    .onFailure(TransientFailures::isTransient)
                    .invoke(e -> LOG.infof(
                            "transient failure (%s), retrying", e.getClass().getSimpleName()))
                    .onFailure(e ->
                            isDatabaseUnreachable(e) || isTransient(e) && otherFailures.incrementAndGet() < ATTEMPTS)
                    .retry()
                    .withBackOff(FIRST_BACKOFF, MAX_BACKOFF)
                    .expireIn(UNREACHABLE_FOR.toMillis());
        });
    }

    /**
     * Whether the database cannot be reached at all (refused or lost connections, the server shutting down or
     * starting): worth waiting for, and for a request a 503, never a 500.
     */
    public static boolean isDatabaseUnreachable(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            // a failed transaction whose rollback failed too (the connection went with the server): either will do
            if (cause instanceof io.smallrye.mutiny.CompositeException composite) {
                return composite.getCauses().stream()
                        .anyMatch(part -> part != composite && isDatabaseUnreachable(part));
            }
            if (cause.getClass().getSimpleName().equals("ClosedConnectionException")) {
                return true; // "the underlying connection may have been lost unexpectedly"
            }
            String state = cause instanceof PgException pg
                    ? pg.getSqlState()
                    : cause instanceof JDBCException jdbc ? jdbc.getSQLState() : null;
            if (state != null) {
                return UNREACHABLE_STATES.contains(state) || state.startsWith("08");
            }
            if (cause instanceof java.net.ConnectException
                    || isLostConnection(cause)
                    || cause instanceof io.vertx.core.VertxException vertx
                            && String.valueOf(vertx.getMessage()).contains("closed")) {
                return true;
            }
        }
        return false;
    }

    /**
     * A connection the server cut under a query (PostgreSQL stopping: the socket reset or already closed when the
     * request writes to it). Netty reports these as checked I/O exceptions, not as the SQL client's own.
     */
    private static boolean isLostConnection(Throwable cause) {
        if (cause.getClass().getName().equals("io.vertx.core.impl.NoStackTraceThrowable")) {
            // the SQL client's own words for a connection the server closed: "Connection is not active now, current
            // status: CLOSED" (a query or the rollback after it), "Pending requests failed to be sent due to
            // connection has been closed." A checked Throwable, not an Exception
            String message = String.valueOf(cause.getMessage()).toLowerCase(java.util.Locale.ROOT);
            return message.contains("connection") && (message.contains("closed") || message.contains("not active"));
        }
        return cause instanceof java.net.SocketException
                || cause instanceof java.nio.channels.ClosedChannelException
                || cause instanceof java.io.EOFException
                || cause instanceof java.io.IOException
                        && cause.getClass().getName().startsWith("io.netty.");
    }

    /**
     * Whether another try may succeed: a database state in {@link #TRANSIENT_STATES}, a lost connection, or a message
     * ahead of the one it depends on ({@link NotYetKnown}).
     */
    public static boolean isTransient(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof NotYetKnown) {
                return true;
            }
            String state = cause instanceof PgException pg
                    ? pg.getSqlState()
                    : cause instanceof JDBCException jdbc ? jdbc.getSQLState() : null;
            if (state != null) {
                return TRANSIENT_STATES.contains(state) || state.startsWith("08");
            }
            if (cause instanceof java.net.ConnectException
                    || cause instanceof java.util.concurrent.TimeoutException
                    || isPoolRefusal(cause)
                    || cause instanceof io.vertx.core.VertxException vertx
                            && String.valueOf(vertx.getMessage()).contains("closed")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether {@code failure} or a cause is the pool's refusal to wait longer for a free connection (every connection
     * busy for the whole wait, or the wait queue full): the database is up but overloaded, and another try later may
     * succeed. The SQL client says so in a bare {@code NoStackTraceThrowable}: "Timeout", "Timeout waiting for
     * connection", "Connection pool reached max wait queue size of N".
     */
    public static boolean isPoolBusy(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (isPoolRefusal(cause)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isPoolRefusal(Throwable cause) {
        if (!cause.getClass().getName().equals("io.vertx.core.impl.NoStackTraceThrowable")) {
            return false;
        }
        String message = String.valueOf(cause.getMessage());
        return message.equals("Timeout")
                || message.startsWith("Timeout waiting for connection")
                || message.contains("max wait queue size");
    }
}
