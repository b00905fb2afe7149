package io.ibasho.plumbing.problem;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParseException;
import io.smallrye.mutiny.CompositeException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** The DEBUG line of an unexpected failure: where it broke, never what a message quoted. */
class MessageFreeTraceTest {
    /** What a message can carry: her nickname in a row's detail, or in the body Jackson could not read. */
    private static final String CANARY = "Hana-canary-7f3a";

    @Test
    void framesAndClassesOfEveryCauseButNoMessage() {
        SQLException row = new SQLException(
                "duplicate key value violates unique constraint: Key (nickname)=(" + CANARY + ") already exists",
                "23505");
        IllegalStateException failure = new IllegalStateException("booking of " + CANARY + " failed", row);
        failure.addSuppressed(new RuntimeException("suppressed " + CANARY));

        String line = MessageFreeTrace.of("incident-1", failure);

        assertThat(line)
                .startsWith("incident incident-1: java.lang.IllegalStateException <- java.sql.SQLException")
                .contains("\ncaused by java.sql.SQLException")
                .contains("\tat " + MessageFreeTraceTest.class.getName() + ".framesAndClassesOfEveryCauseButNoMessage(")
                .doesNotContain(CANARY)
                .doesNotContain("duplicate key")
                .doesNotContain("23505");
    }

    @Test
    void aCompositeOfAFailureAndItsFailedRollbackNamesBothPartsWithoutTheirMessages() {
        CompositeException composite = new CompositeException(
                new JsonParseException(null, "Unrecognized token '" + CANARY + "': was expecting JSON"),
                new IllegalStateException("rollback failed for " + CANARY));

        String line = MessageFreeTrace.of("incident-2", composite);

        assertThat(line)
                .contains(JsonParseException.class.getName())
                .contains(IllegalStateException.class.getName())
                .contains("\tat ")
                .doesNotContain(CANARY)
                .doesNotContain("Unrecognized token");
    }

    @Test
    void aCauseThatIsItsOwnCauseOrAVeryLongStackEnds() {
        Throwable deep = new RuntimeException(CANARY);
        StackTraceElement frame = new StackTraceElement("a.B", "c", "B.java", 1);
        StackTraceElement[] frames = new StackTraceElement[MessageFreeTrace.MAX_FRAMES + 5];
        java.util.Arrays.fill(frames, frame);
        deep.setStackTrace(frames);

        String line = MessageFreeTrace.of("incident-3", deep);

        assertThat(line.lines().filter(l -> l.startsWith("\tat ")).count()).isEqualTo(MessageFreeTrace.MAX_FRAMES);
        assertThat(line).endsWith("\t... 5 more").doesNotContain(CANARY);
    }
}
