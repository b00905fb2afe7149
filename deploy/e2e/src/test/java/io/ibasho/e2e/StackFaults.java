package io.ibasho.e2e;

import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.ibasho.localstack.ManagedProcess;
import io.ibasho.localstack.Ports;
import io.ibasho.localstack.QuarkusApp;
import io.ibasho.testsupport.TestServers;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The faults the *FaultIT classes cause in the stack this JVM started, found by the PIDs the stack keeps in its run
 * folder: Kafka and a service killed with SIGKILL (no shutdown hook, no goodbye to the broker or the database), and
 * PostgreSQL stopped and started again. Only on a stack of this JVM's own: under {@code ./ibasho test} the servers are
 * the build's, shared by other modules, and must never be killed.
 */
final class StackFaults {
    private final SecurityStack stack;

    private StackFaults(SecurityStack stack) {
        this.stack = stack;
    }

    static StackFaults onOwnStack() {
        assumeFalse(
                TestServers.sharedByTheBuild(),
                "fault tests kill servers: they run on a stack of their own (deploy/faults/run.sh), not on the build's");
        return new StackFaults(SecurityStack.get());
    }

    SecurityStack stack() {
        return stack;
    }

    /** kill -9 of the Kafka broker (broker and controller in one JVM); answers its PID. */
    long killKafka() {
        ProcessHandle kafka = stack.stack.kafka().runningProcess().orElseThrow(() -> new AssertionError("no Kafka"));
        kill(kafka);
        return kafka.pid();
    }

    /** Starts the broker again on its data (the same topics, offsets and consumer groups); back once it listens. */
    void startKafka() {
        stack.stack.kafka().start(Duration.ofSeconds(180));
        if (!Ports.isOpen(stack.stack.kafka().port())) {
            throw new AssertionError("Kafka does not listen again");
        }
    }

    /** PostgreSQL stopped as an operator restarting it would ({@code pg_ctl stop -m fast}: open connections cut). */
    void stopPostgres() {
        stack.stack.postgres().stop();
        if (stack.stack.postgres().isRunning()) {
            throw new AssertionError("PostgreSQL still runs");
        }
    }

    void startPostgres() {
        stack.stack.postgres().start();
    }

    QuarkusApp app(String name) {
        return stack.stack.apps().stream()
                .filter(app -> app.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown application " + name));
    }

    long pidOf(String application) {
        return app(application)
                .runningProcess()
                .orElseThrow(() -> new AssertionError(application + " does not run"))
                .pid();
    }

    /** kill -9 of a service; answers its PID. */
    long killApp(String name) {
        ProcessHandle process =
                app(name).runningProcess().orElseThrow(() -> new AssertionError(name + " does not run"));
        kill(process);
        return process.pid();
    }

    /** Starts the service again as the stack did (same ports, settings, log) and waits until it is ready. */
    Duration restartApp(String name) {
        long started = System.nanoTime();
        QuarkusApp app = app(name);
        app.launch();
        try {
            app.awaitHealthy(Duration.ofSeconds(Long.getLong("ibasho.e2e.extra-start-seconds", 600)));
        } catch (RuntimeException e) {
            app.runningProcess().ifPresent(p -> ManagedProcess.stop(p, Duration.ofSeconds(15)));
            throw e;
        }
        return Duration.ofNanos(System.nanoTime() - started);
    }

    private static void kill(ProcessHandle process) {
        process.destroyForcibly(); // SIGKILL on Linux and macOS
        try {
            process.onExit().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("pid " + process.pid() + " survived SIGKILL", e);
        }
    }
}
