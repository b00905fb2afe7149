package io.ibasho.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import io.ibasho.localstack.Artifacts;
import io.ibasho.localstack.KafkaBroker;
import io.ibasho.localstack.KeycloakServer;
import io.ibasho.localstack.Ports;
import io.ibasho.localstack.PostgresServer;

/**
 * Real PostgreSQL, Kafka and Keycloak for one test JVM, on free ports and in a throw-away directory, started side by
 * side on first use and stopped when the JVM ends (also when tests fail). No Docker: the same launchers as ./ibasho.
 */
public final class TestServers {
    private static TestServers instance;

    private final Path runDir;
    private final Path dist;
    private final Artifacts artifacts;
    private PostgresServer postgres;
    private KafkaBroker kafka;
    private KeycloakServer keycloak;

    private TestServers() {
        Path home = Path.of(System.getProperty("ibasho.home", System.getProperty("user.dir") + "/.ibasho")).toAbsolutePath();
        Artifacts artifacts = Artifacts.load();
        runDir = home.resolve("test-runs").resolve(UUID.randomUUID().toString());
        this.artifacts = artifacts;
        this.dist = home.resolve("dist");
    }

    // A free port can be taken by another process between the check and the server's bind (parallel builds):
    // each server gets fresh ports and a fresh directory on every attempt.
    private void startPostgres(int attempt) {
        postgres = new PostgresServer(dist, artifacts.postgresVersion(), runDir.resolve("postgres-" + attempt),
                runDir.resolve("postgres-" + attempt + ".log"), Ports.freePort());
        postgres.start();
    }

    private void startKafka(int attempt) {
        kafka = new KafkaBroker(artifacts.kafkaClasspath(), runDir.resolve("kafka-" + attempt), runDir.resolve("kafka-" + attempt + ".log"),
                runDir.resolve("kafka.pid"), Ports.freePort(), Ports.freePort());
        kafka.start();
    }

    private void startKeycloak(int attempt) {
        keycloak = new KeycloakServer(artifacts.keycloakZip(), artifacts.keycloakVersion(), dist, runDir.resolve("keycloak-" + attempt),
                runDir.resolve("keycloak-" + attempt + ".log"), runDir.resolve("keycloak.pid"), Ports.freePort(), Ports.freePort());
        keycloak.start();
    }

    private static void withRetries(String what, java.util.function.IntConsumer start) {
        for (int attempt = 1;; attempt++) {
            try {
                start.accept(attempt);
                return;
            } catch (RuntimeException e) {
                if (attempt >= 3) {
                    throw e;
                }
                System.out.println("[test-servers] " + what + " failed to start (attempt " + attempt + "), retrying on new ports: "
                        + e.getMessage().lines().findFirst().orElse(""));
            }
        }
    }

    public static synchronized TestServers get() {
        if (instance == null) {
            TestServers servers = new TestServers();
            Runtime.getRuntime().addShutdownHook(new Thread(servers::stopAll, "ibasho-test-servers-stop"));
            servers.startAll();
            instance = servers;
        }
        return instance;
    }

    private void startAll() {
        long t0 = System.nanoTime();
        CompletableFuture<Void> kc = CompletableFuture.runAsync(() -> withRetries("Keycloak", this::startKeycloak));
        CompletableFuture<Void> broker = CompletableFuture.runAsync(() -> withRetries("Kafka", this::startKafka));
        withRetries("PostgreSQL", this::startPostgres);
        broker.join();
        kc.join();
        System.out.printf("[test-servers] PostgreSQL :%d, Kafka %s, Keycloak %s ready in %.1f s (logs in %s)%n", postgres.port(),
                kafka.bootstrapServers(), keycloak.baseUrl(), (System.nanoTime() - t0) / 1e9, runDir);
    }

    private void stopAll() {
        try {
            if (keycloak != null) {
                keycloak.stop();
            }
        } finally {
            try {
                if (kafka != null) {
                    kafka.stop();
                }
            } finally {
                if (postgres != null) {
                    postgres.stop();
                }
                deleteQuietly(runDir);
            }
        }
    }

    public PostgresServer postgres() {
        return postgres;
    }

    public KafkaBroker kafka() {
        return kafka;
    }

    public KeycloakServer keycloak() {
        return keycloak;
    }

    private static void deleteQuietly(Path dir) {
        if (Boolean.getBoolean("ibasho.keep-test-data")) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort: the directory is git-ignored
        }
    }
}
