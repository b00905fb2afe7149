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
    private final PostgresServer postgres;
    private final KafkaBroker kafka;
    private final KeycloakServer keycloak;

    private TestServers() {
        Path home = Path.of(System.getProperty("ibasho.home", System.getProperty("user.dir") + "/.ibasho")).toAbsolutePath();
        Artifacts artifacts = Artifacts.load();
        runDir = home.resolve("test-runs").resolve(UUID.randomUUID().toString());
        Path dist = home.resolve("dist");
        postgres = new PostgresServer(dist, artifacts.postgresVersion(), runDir.resolve("postgres"), runDir.resolve("postgres.log"),
                Ports.freePort());
        kafka = new KafkaBroker(artifacts.kafkaClasspath(), runDir.resolve("kafka"), runDir.resolve("kafka.log"),
                runDir.resolve("kafka.pid"), Ports.freePort(), Ports.freePort());
        keycloak = new KeycloakServer(artifacts.keycloakZip(), artifacts.keycloakVersion(), dist, runDir.resolve("keycloak"),
                runDir.resolve("keycloak.log"), runDir.resolve("keycloak.pid"), Ports.freePort(), Ports.freePort());
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
        CompletableFuture<Void> kc = CompletableFuture.runAsync(keycloak::start);
        CompletableFuture<Void> broker = CompletableFuture.runAsync(kafka::start);
        postgres.start();
        broker.join();
        kc.join();
        System.out.printf("[test-servers] PostgreSQL :%d, Kafka %s, Keycloak %s ready in %.1f s (logs in %s)%n", postgres.port(),
                kafka.bootstrapServers(), keycloak.baseUrl(), (System.nanoTime() - t0) / 1e9, runDir);
    }

    private void stopAll() {
        try {
            keycloak.stop();
        } finally {
            try {
                kafka.stop();
            } finally {
                postgres.stop();
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
