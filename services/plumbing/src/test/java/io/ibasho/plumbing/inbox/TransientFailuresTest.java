package io.ibasho.plumbing.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.pgclient.PgException;
import org.junit.jupiter.api.Test;

/** Which failures are retried before dead-lettering, and which go to the dead-letter topic at once. */
class TransientFailuresTest {
    private static PgException state(String sqlState) {
        return new PgException("x", "ERROR", sqlState, "x");
    }

    @Test
    void abortsLockTimeoutsAndLostConnectionsAreTransient() {
        for (String sqlState : new String[] {"40001", "40P01", "55P03", "57P01", "08006"}) {
            assertThat(TransientFailures.isTransient(new RuntimeException("wrapped", state(sqlState))))
                    .as(sqlState)
                    .isTrue();
        }
        assertThat(TransientFailures.isTransient(new java.net.ConnectException("refused")))
                .isTrue();
    }

    @Test
    void onlyALostOrRefusedConnectionOrAServerGoingAwayIsAnUnreachableDatabase() {
        for (String sqlState : new String[] {"57P01", "57P03", "08006", "08001"}) {
            assertThat(TransientFailures.isDatabaseUnreachable(new RuntimeException("wrapped", state(sqlState))))
                    .as(sqlState)
                    .isTrue();
        }
        assertThat(TransientFailures.isDatabaseUnreachable(new java.net.ConnectException("refused")))
                .isTrue();
        for (String sqlState : new String[] {"40001", "40P01", "55P03", "23505"}) {
            assertThat(TransientFailures.isDatabaseUnreachable(state(sqlState)))
                    .as(sqlState)
                    .isFalse();
        }
        assertThat(TransientFailures.isDatabaseUnreachable(new NotYetKnown("the registration")))
                .isFalse();
    }

    @Test
    void aPoolThatGaveNoConnectionInTimeIsBusyAndTriedAgainButNotUnreachable() {
        // the SQL client's words (vertx-sql-client 4.5: SqlConnectionPool and its PoolRequest)
        for (String words : new String[] {
            "Timeout", "Timeout waiting for connection", "Connection pool reached max wait queue size of 200"
        }) {
            Throwable failure = new RuntimeException(new io.vertx.core.impl.NoStackTraceThrowable(words));
            assertThat(TransientFailures.isPoolBusy(failure)).as(words).isTrue();
            assertThat(TransientFailures.isTransient(failure)).as(words).isTrue();
            assertThat(TransientFailures.isDatabaseUnreachable(failure))
                    .as(words)
                    .isFalse();
        }
        assertThat(TransientFailures.isPoolBusy(new io.vertx.core.impl.NoStackTraceThrowable("something else")))
                .isFalse();
        assertThat(TransientFailures.isPoolBusy(new IllegalStateException("Timeout")))
                .as("only the SQL client's own refusal")
                .isFalse();
    }

    @Test
    void aMessageAheadOfTheOneItDependsOnIsTriedAgain() {
        assertThat(TransientFailures.isTransient(new NotYetKnown("the registration")))
                .isTrue();
        assertThat(TransientFailures.isTransient(new IllegalStateException("anything else")))
                .isFalse();
    }

    @Test
    void unreadableMessagesAndDataErrorsArePoison() {
        assertThat(TransientFailures.isTransient(new IllegalArgumentException("requestId is not a UUID")))
                .isFalse();
        assertThat(TransientFailures.isTransient(state("23505"))).isFalse();
        assertThat(TransientFailures.isTransient(state("22008"))).isFalse();
    }
}
