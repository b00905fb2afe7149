package io.ibasho.localstack;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.IntFunction;
import java.util.stream.Stream;

/**
 * One PostgreSQL, Kafka and Keycloak for a whole build ({@code ./ibasho test}): the first test JVM that asks starts them
 * in one directory and writes their ports there; every later test JVM finds them through that directory. They outlive
 * the JVM that started them; the script that owns the directory stops them ({@code stop-test-servers}) when the build
 * ends, also after a failure. Why, and how to undo: docs/adr/0012-one-set-of-test-servers-per-build.md.
 */
public final class SharedServers {
    private static final String PORTS_FILE = "ports.properties";
    /**
     * One start serves the whole build, so it may take long on a loaded machine (Keycloak's first start also builds
     * its distribution): waiting on is cheaper than killing a nearly ready server and starting over.
     */
    private static final java.time.Duration READY_WITHIN =
            java.time.Duration.ofSeconds(Long.getLong("ibasho.test-servers.ready-seconds", 600));

    private final Path dir;
    private final Path dist;
    private final Artifacts artifacts;

    public SharedServers(Path dir, Path dist, Artifacts artifacts) {
        this.dir = dir.toAbsolutePath();
        this.dist = dist.toAbsolutePath();
        this.artifacts = artifacts;
    }

    /** The servers, and whether this JVM has just started them (then they hold nothing yet). */
    public record Joined(ExternalServers servers, boolean fresh) {}

    /** The running servers, started here if no earlier JVM of this build did (JVMs of one build serialise on a lock). */
    public Joined startOrJoin(PrintStream out) {
        try {
            Files.createDirectories(dir);
            try (FileChannel channel =
                            FileChannel.open(dir.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock ignored = channel.lock()) {
                ExternalServers running = running();
                if (running != null) {
                    out.println("[test-servers] joined the build's servers in " + dir);
                    return new Joined(running, false);
                }
                stopAll(); // a half-started or crashed set: start afresh
                return new Joined(startAll(out), true);
            }
        } catch (IOException e) {
            throw new StackException("Cannot use the shared test servers in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Stops whatever this directory's servers still run, then deletes the directory. */
    public void stop(PrintStream out) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        long t0 = System.nanoTime();
        stopAll();
        deleteRecursively(dir);
        out.printf("[test-servers] stopped the build's servers in %.1f s%n", (System.nanoTime() - t0) / 1e9);
    }

    private ExternalServers running() throws IOException {
        Path portsFile = dir.resolve(PORTS_FILE);
        if (!Files.exists(portsFile)) {
            return null;
        }
        Properties ports = new Properties();
        try (Reader in = Files.newBufferedReader(portsFile)) {
            ports.load(in);
        }
        ExternalServers servers = new ExternalServers(
                postgres(port(ports, "postgres")),
                kafka(port(ports, "kafka"), port(ports, "kafka.controller")),
                keycloak(port(ports, "keycloak"), port(ports, "keycloak.management")));
        boolean alive = servers.postgres().isRunning()
                && servers.kafka().runningProcess().isPresent()
                && servers.keycloak().runningProcess().isPresent();
        return alive ? servers : null;
    }

    private ExternalServers startAll(PrintStream out) throws IOException {
        long t0 = System.nanoTime();
        CompletableFuture<KeycloakServer> keycloak = CompletableFuture.supplyAsync(() -> withRetries(
                "Keycloak",
                "keycloak",
                attempt -> start(keycloak(Ports.freePort(), Ports.freePort()), k -> k.start(READY_WITHIN)),
                out));
        CompletableFuture<KafkaBroker> kafka = CompletableFuture.supplyAsync(() -> withRetries(
                "Kafka",
                "kafka",
                attempt -> start(kafka(Ports.freePort(), Ports.freePort()), k -> k.start(READY_WITHIN)),
                out));
        try {
            PostgresServer postgres = withRetries(
                    "PostgreSQL", "postgres", attempt -> start(postgres(Ports.freePort()), PostgresServer::start), out);
            ExternalServers servers = new ExternalServers(postgres, kafka.join(), keycloak.join());
            Properties ports = new Properties();
            ports.setProperty("postgres", Integer.toString(postgres.port()));
            ports.setProperty("kafka", Integer.toString(servers.kafka().port()));
            ports.setProperty(
                    "kafka.controller", Integer.toString(servers.kafka().controllerPort()));
            ports.setProperty("keycloak", Integer.toString(servers.keycloak().port()));
            ports.setProperty(
                    "keycloak.management", Integer.toString(servers.keycloak().managementPort()));
            Path staged = dir.resolve(PORTS_FILE + ".tmp");
            try (Writer writer = Files.newBufferedWriter(staged)) {
                ports.store(writer, "the build's shared test servers (./ibasho test)");
            }
            Files.move(staged, dir.resolve(PORTS_FILE), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            out.printf(
                    "[test-servers] the build's PostgreSQL :%d, Kafka %s, Keycloak %s ready in %.1f s (in %s)%n",
                    postgres.port(),
                    servers.kafka().bootstrapServers(),
                    servers.keycloak().baseUrl(),
                    (System.nanoTime() - t0) / 1e9,
                    dir);
            return servers;
        } catch (RuntimeException e) {
            // never leave a half-started set behind
            CompletableFuture.allOf(keycloak.exceptionally(x -> null), kafka.exceptionally(x -> null))
                    .join();
            stopAll();
            throw e instanceof CompletionException && e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    private static <T> T start(T server, java.util.function.Consumer<T> starter) {
        starter.accept(server);
        return server;
    }

    // A free port can be taken by another process between the check and the server's bind: each attempt gets fresh
    // ports and an empty directory.
    private <T> T withRetries(String what, String subdirectory, IntFunction<T> start, PrintStream out) {
        for (int attempt = 1; ; attempt++) {
            deleteRecursively(dir.resolve(subdirectory));
            try {
                return start.apply(attempt);
            } catch (RuntimeException e) {
                if (attempt >= 3) {
                    throw e;
                }
                out.println("[test-servers] " + what + " failed to start (attempt " + attempt
                        + "), retrying on new ports: "
                        + String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
            }
        }
    }

    private void stopAll() {
        try {
            keycloak(0, 0).stop();
        } finally {
            try {
                kafka(0, 0).stop();
            } finally {
                postgres(0).stop();
            }
        }
    }

    // Fixed places under the directory, so that stop() finds each server by its PID file whatever its ports were.
    private PostgresServer postgres(int port) {
        return new PostgresServer(
                dist, artifacts.postgresVersion(), dir.resolve("postgres"), dir.resolve("postgres.log"), port);
    }

    private KafkaBroker kafka(int port, int controllerPort) {
        return new KafkaBroker(
                artifacts.kafkaClasspath(),
                dir.resolve("kafka"),
                dir.resolve("kafka.log"),
                dir.resolve("kafka.pid"),
                port,
                controllerPort);
    }

    private KeycloakServer keycloak(int port, int managementPort) {
        return new KeycloakServer(
                        artifacts.keycloakZip(),
                        artifacts.keycloakVersion(),
                        dist,
                        dir.resolve("keycloak"),
                        dir.resolve("keycloak.log"),
                        dir.resolve("keycloak.pid"),
                        port,
                        managementPort)
                .forTests();
    }

    private static int port(Properties ports, String name) {
        return Integer.parseInt(ports.getProperty(name, "0").trim());
    }

    private static void deleteRecursively(Path path) {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(path)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort: the directory is git-ignored
        }
    }
}
