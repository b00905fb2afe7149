package io.ibasho.e2e;

import io.ibasho.localstack.LocalStack;
import io.ibasho.localstack.ManagedProcess;
import io.ibasho.localstack.Ports;
import io.ibasho.localstack.PostgresServer;
import io.ibasho.localstack.QuarkusApp;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A second replica of a producing service beside the stack's own, as Kubernetes runs them (k8s/, two replicas each):
 * the same jar, database, Kafka and Keycloak, on ports of its own. Started by a class that needs it
 * (TwoRegistrationInstancesIT, OrderAcrossReplicasIT) and stopped when that class ends, so that it never takes part
 * in another class's journeys.
 *
 * <p>The second replica's relay hears back from Kafka slowly: its producer waits {@value #SLOW_RELAY_MS} ms before it
 * sends (Kafka's {@code linger.ms}), as a replica far from the broker or in a GC pause does. When it takes a change
 * first, the change stays locked that long while the stack's relay publishes the one that follows, and one
 * aggregate's events reach Kafka out of order. Whether it takes a change first is a race, which the stack's warm
 * relay mostly wins: runs have seen 0-3 out-of-order arrivals, so the test reports them and checks the end state either way.
 */
final class SecondReplicas {
    static final int SLOW_RELAY_MS = 2500;

    private static final Map<String, QuarkusApp> started = new LinkedHashMap<>();

    private SecondReplicas() {}

    /**
     * The second replica of {@code service} ("registration" or "event"), launched at the first call without waiting;
     * {@link #awaitReady(QuarkusApp)} before calling it.
     */
    static synchronized QuarkusApp of(String service) {
        QuarkusApp running = started.get(service);
        if (running != null) {
            return running;
        }
        SecurityStack stack = SecurityStack.get();
        LocalStack local = stack.stack;
        // the environment LocalStack gives the service, with other ports and without the demo data (loaded once)
        Map<String, String> env = new LinkedHashMap<>();
        String database = LocalStack.databaseOf(service);
        env.put("QUARKUS_DATASOURCE_REACTIVE_URL", local.postgres().reactiveUrl(database));
        env.put("QUARKUS_DATASOURCE_JDBC_URL", local.postgres().jdbcUrl(database));
        env.put("QUARKUS_DATASOURCE_USERNAME", PostgresServer.USER);
        env.put("QUARKUS_DATASOURCE_PASSWORD", "");
        env.put("KAFKA_BOOTSTRAP_SERVERS", local.kafka().bootstrapServers());
        env.put("QUARKUS_OIDC_AUTH_SERVER_URL", local.keycloak().realmUrl());
        env.put("IBASHO_PUBLIC_BASE_URL", "http://localhost:" + stack.settings.gatewayPort());
        // a system property, which SmallRye passes to the outbox channel's Kafka producer as linger.ms
        env.put("JAVA_TOOL_OPTIONS", "-Dmp.messaging.outgoing.outbox.linger.ms=" + SLOW_RELAY_MS);
        // its relay, like the stack's, is woken by each commit (ADR 0032): whichever replica takes a change first
        // publishes it
        String name = service + "-2";
        QuarkusApp app = new QuarkusApp(
                name,
                stack.settings.projectDir().resolve("services/" + service),
                Ports.freePort(),
                Ports.freePort(),
                env,
                stack.settings.logs().resolve(name + ".log"),
                stack.settings.run().resolve(name + ".pid"));
        app.launch();
        if (started.isEmpty()) {
            // at the JVM's end (a class that failed before its @AfterAll): killed with the stack's applications
            Runtime.getRuntime().addShutdownHook(new Thread(SecondReplicas::killAll, "ibasho-second-replicas-stop"));
        }
        started.put(service, app);
        return app;
    }

    static void awaitReady(QuarkusApp app) {
        try {
            app.awaitHealthy(Duration.ofSeconds(Long.getLong("ibasho.e2e.extra-start-seconds", 600)));
        } catch (RuntimeException e) {
            app.runningProcess().ifPresent(p -> ManagedProcess.stop(p, Duration.ofSeconds(15)));
            throw e;
        }
    }

    /** The replica's own base URL (not through the gateway). */
    static String url(QuarkusApp app) {
        return "http://127.0.0.1:" + app.port();
    }

    /**
     * Stops the second replicas: each class that uses them calls it when it ends, so that a deliberately slow replica
     * never takes part in another class's journeys (it would make every saga hop it relays 2.5 s slower).
     */
    static synchronized void stopAllNow() {
        stopAll();
        started.clear();
    }

    /** Stops the second replica of {@code service} only, if it runs. */
    static synchronized void stopNow(String service) {
        QuarkusApp app = started.remove(service);
        if (app != null) {
            app.runningProcess().ifPresent(p -> ManagedProcess.stop(p, Duration.ofSeconds(15)));
        }
    }

    /**
     * At the JVM's end, when the stack's data are thrown away too: killed at once (SecurityStack). During the run a
     * replica is stopped gracefully instead, so that its Kafka consumers leave their groups at once: a killed member
     * would hold its partitions from the stack's own replica until its session times out.
     */
    private static synchronized void killAll() {
        SecurityStack.killApplications(
                started.values().stream().map(QuarkusApp::runningProcess).toList());
    }

    private static synchronized void stopAll() {
        started.values()
                .forEach(app -> app.runningProcess().ifPresent(p -> ManagedProcess.stop(p, Duration.ofSeconds(15))));
    }
}
