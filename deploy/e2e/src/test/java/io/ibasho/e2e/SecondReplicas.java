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
 * the same jar, database, Kafka and Keycloak, on ports of its own. Started once for every class of this JVM that
 * needs it (TwoRegistrationInstancesIT, OrderAcrossReplicasIT) and stopped when the JVM ends, like the stack: a
 * Quarkus start costs tens of seconds on the shared machine.
 *
 * <p>The second replica's relay hears back from Kafka slowly: its producer waits {@value #SLOW_RELAY_MS} ms before it
 * sends (Kafka's {@code linger.ms}), as a replica far from the broker or in a GC pause does. A batch it took from the
 * shared outbox stays locked that long while the other relay publishes the rows created after it, so the two publish
 * one session's events out of order often enough that the test can require it (issue #14). What is published is the same.
 * (At 300 ms the loaded machine's HTTP calls were slower than the hold: one stale arrival among 25 registration
 * records, none among 24 session events; the hold must outlast the calls between two changes of one session.)
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
        // Every replica is woken by each commit (ADR 0032), and the stack's warm one would take most rows first: this
        // one also polls every 10 ms, so that it takes rows often enough for the race the tests need.
        env.put("IBASHO_OUTBOX_POLL_INTERVAL", "10ms");
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
            Runtime.getRuntime().addShutdownHook(new Thread(SecondReplicas::stopAll, "ibasho-second-replicas-stop"));
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
     * The classes that use each replica: once all of them are done it is stopped, so that its 10 ms poll does not take
     * CPU from the journeys after it (a class that does not run keeps it until the JVM ends).
     */
    private static final Map<String, java.util.Set<String>> USERS = Map.of(
            "registration", java.util.Set.of("TwoRegistrationInstancesIT", "OrderAcrossReplicasIT"),
            "event", java.util.Set.of("OrderAcrossReplicasIT"));

    private static final java.util.Set<String> done = new java.util.HashSet<>();

    /** Called by each user class when it ends. */
    static synchronized void doneWith(Class<?> user) {
        done.add(user.getSimpleName());
        USERS.forEach((service, users) -> {
            QuarkusApp app = started.get(service);
            if (app != null && done.containsAll(users)) {
                app.runningProcess().ifPresent(p -> ManagedProcess.stop(p, Duration.ofSeconds(15)));
                started.remove(service);
            }
        });
    }

    private static synchronized void stopAll() {
        started.values()
                .forEach(app -> app.runningProcess().ifPresent(p -> ManagedProcess.stop(p, Duration.ofSeconds(15))));
    }
}
