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
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * One PostgreSQL and Kafka per lane of a build ({@code ./ibasho test}), and one Keycloak for all its lanes: the first
 * test JVM on a lane starts the lane's servers in the lane's directory and writes their ports there; every later test
 * JVM finds them through that directory. The Keycloak lives beside the lanes ({@code keycloak/}, its own lock and ports
 * file): the first lane that needs it starts it, the others join it, and each lane uses its own copy of the realm on it
 * (the test harness's {@code TestServers}). They outlive the JVM that started them; the script that owns the directory
 * stops them ({@code stop-test-servers}, once per sub-directory) when the build ends, also after a failure. Why, and
 * how to undo: docs/adr/0012-one-set-of-test-servers-per-build.md, docs/adr/0042-one-keycloak-for-every-lane.md.
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

    /**
     * The servers; whether this JVM has just started them (then they hold nothing yet, and the lane's realm may not
     * exist); and whether the lane is untouched: started in the background by {@link #startLanes} with its realm
     * imported, and this JVM the first to take it (then it needs no clean slate at all).
     */
    public record Joined(ExternalServers servers, boolean fresh, boolean untouched) {}

    /** Written by {@link #startLanes} once a lane's servers run and its realm is imported; taken by its first JVM. */
    private static final String UNTOUCHED = "untouched";

    /**
     * The running servers, started here if no earlier JVM of this build did (JVMs of one lane serialise on the lane's
     * lock, the lanes on the Keycloak's). The Keycloak is started or joined beside the lane's own servers.
     */
    public Joined startOrJoin(PrintStream out) {
        return startOrJoin(out, false);
    }

    /**
     * As {@link #startOrJoin(PrintStream)}; when this call starts the lane and {@code leaveUntouched}, it also imports
     * the lane's realm ({@code ibasho-lane-N}, as a test JVM's clean slate would) and marks the lane untouched, still
     * under the lane's lock, so that its first test JVM skips the clean slate.
     */
    private Joined startOrJoin(PrintStream out, boolean leaveUntouched) {
        long t0 = System.nanoTime();
        CompletableFuture<KeycloakServer> keycloak = CompletableFuture.supplyAsync(() -> startOrJoinKeycloak(out));
        try {
            Files.createDirectories(dir);
            try (FileChannel channel =
                            FileChannel.open(dir.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock ignored = channel.lock()) {
                LaneServers running = running();
                if (running != null) {
                    boolean untouched = Files.deleteIfExists(dir.resolve(UNTOUCHED));
                    out.println("[test-servers] joined the lane's servers in " + dir
                            + (untouched ? " (untouched: started while packaging, its realm imported)" : ""));
                    return new Joined(running.with(join(keycloak)), false, untouched);
                }
                stopAll(); // a half-started or crashed set: start afresh
                LaneServers started = startAll(out);
                ExternalServers servers = started.with(join(keycloak));
                out.printf(
                        "[test-servers] the lane's PostgreSQL :%d, Kafka %s and the build's Keycloak %s ready in %.1f s"
                                + " (in %s)%n",
                        servers.postgres().port(),
                        servers.kafka().bootstrapServers(),
                        servers.keycloak().baseUrl(),
                        (System.nanoTime() - t0) / 1e9,
                        dir);
                if (leaveUntouched) {
                    long imported = System.nanoTime();
                    KeycloakServer realm = servers.keycloak().inRealm(KeycloakServer.REALM + "-" + dir.getFileName());
                    realm.resetRealm();
                    Files.writeString(dir.resolve(UNTOUCHED), "started while packaging; realm imported\n");
                    out.printf(
                            "[test-servers] realm %s imported in %.1f s%n",
                            realm.realm(), (System.nanoTime() - imported) / 1e9);
                }
                return new Joined(servers, true, false);
            }
        } catch (IOException e) {
            throw new StackException("Cannot use the shared test servers in " + dir + ": " + e.getMessage(), e);
        } finally {
            keycloak.exceptionally(x -> null).join(); // never leave its start behind, whatever happened here
        }
    }

    /**
     * Starts the servers of lanes {@code lane-0} to {@code lane-(lanes-1)} under {@code root} side by side, and the
     * build's Keycloak with the first of them: what each lane's first test JVM would otherwise start and wait for. A
     * test JVM that comes while a lane is still starting waits on the lane's lock and then joins it; a lane whose start
     * failed here is started again by its first test JVM.
     */
    public static void startLanes(Path root, int lanes, Path dist, Artifacts artifacts, PrintStream out) {
        long t0 = System.nanoTime();
        // a thread of its own per lane: each mostly waits for its servers, and the common pool may have one thread
        java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newCachedThreadPool();
        List<CompletableFuture<Void>> starts = IntStream.range(0, Math.max(1, lanes))
                .mapToObj(lane -> CompletableFuture.runAsync(
                        () -> new SharedServers(root.resolve("lane-" + lane), dist, artifacts).startOrJoin(out, true),
                        threads))
                .toList();
        threads.shutdown();
        int failed = 0;
        for (CompletableFuture<Void> start : starts) {
            try {
                start.join();
            } catch (CompletionException e) {
                failed++;
                out.println("[test-servers] a lane did not start here (its first test JVM will try again): "
                        + String.valueOf(e.getCause().getMessage())
                                .lines()
                                .findFirst()
                                .orElse(""));
            }
        }
        out.printf(
                "[test-servers] %d of %d lanes started in %.1f s%n",
                starts.size() - failed, starts.size(), (System.nanoTime() - t0) / 1e9);
    }

    private static KeycloakServer join(CompletableFuture<KeycloakServer> keycloak) {
        try {
            return keycloak.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    /** The lane's own servers, before the build's Keycloak is added. */
    private record LaneServers(PostgresServer postgres, KafkaBroker kafka) {
        ExternalServers with(KeycloakServer keycloak) {
            return new ExternalServers(postgres, kafka, keycloak);
        }
    }

    /** The build's one Keycloak, beside the lanes' directories: started by the first lane that asks, then joined. */
    private Path keycloakDir() {
        return dir.getParent().resolve("keycloak");
    }

    private KeycloakServer startOrJoinKeycloak(PrintStream out) {
        Path keycloakDir = keycloakDir();
        try {
            Files.createDirectories(keycloakDir);
            // the lanes one JVM starts (startLanes) take turns here too
            return FileLocks.holding(keycloakDir.resolve("lock"), () -> {
                Properties ports = readPorts(keycloakDir);
                if (ports != null) {
                    KeycloakServer running =
                            keycloak(keycloakDir, port(ports, "keycloak"), port(ports, "keycloak.management"));
                    if (running.runningProcess().isPresent()) {
                        out.println("[test-servers] joined the build's Keycloak " + running.baseUrl());
                        return running;
                    }
                }
                keycloak(keycloakDir, 0, 0).stop(); // a half-started or crashed one: start afresh
                long t0 = System.nanoTime();
                KeycloakServer started = withRetries(
                        keycloakDir,
                        "Keycloak",
                        "keycloak",
                        attempt -> start(
                                keycloak(keycloakDir, Ports.freePort(), Ports.freePort()), k -> k.start(READY_WITHIN)),
                        out);
                Properties written = new Properties();
                written.setProperty("keycloak", Integer.toString(started.port()));
                written.setProperty("keycloak.management", Integer.toString(started.managementPort()));
                writePorts(keycloakDir, written);
                out.printf(
                        "[test-servers] the build's Keycloak %s ready in %.1f s (in %s)%n",
                        started.baseUrl(), (System.nanoTime() - t0) / 1e9, keycloakDir);
                return started;
            });
        } catch (IOException e) {
            throw new StackException("Cannot use the build's Keycloak in " + keycloakDir + ": " + e.getMessage(), e);
        }
    }

    private static Properties readPorts(Path directory) throws IOException {
        Path portsFile = directory.resolve(PORTS_FILE);
        if (!Files.exists(portsFile)) {
            return null;
        }
        Properties ports = new Properties();
        try (Reader in = Files.newBufferedReader(portsFile)) {
            ports.load(in);
        }
        return ports;
    }

    private static void writePorts(Path directory, Properties ports) throws IOException {
        Path staged = directory.resolve(PORTS_FILE + ".tmp");
        try (Writer writer = Files.newBufferedWriter(staged)) {
            ports.store(writer, "the build's shared test servers (./ibasho test)");
        }
        Files.move(staged, directory.resolve(PORTS_FILE), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
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

    private LaneServers running() throws IOException {
        Properties ports = readPorts(dir);
        if (ports == null) {
            return null;
        }
        LaneServers servers = new LaneServers(
                postgres(port(ports, "postgres")), kafka(port(ports, "kafka"), port(ports, "kafka.controller")));
        boolean alive = servers.postgres().isRunning()
                && servers.kafka().runningProcess().isPresent();
        return alive ? servers : null;
    }

    private LaneServers startAll(PrintStream out) throws IOException {
        CompletableFuture<KafkaBroker> kafka = CompletableFuture.supplyAsync(() -> withRetries(
                dir,
                "Kafka",
                "kafka",
                attempt -> start(kafka(Ports.freePort(), Ports.freePort()), k -> k.start(READY_WITHIN)),
                out));
        try {
            PostgresServer postgres = withRetries(
                    dir,
                    "PostgreSQL",
                    "postgres",
                    attempt -> start(postgres(Ports.freePort()), PostgresServer::start),
                    out);
            LaneServers servers = new LaneServers(postgres, kafka.join());
            Properties ports = new Properties();
            ports.setProperty("postgres", Integer.toString(postgres.port()));
            ports.setProperty("kafka", Integer.toString(servers.kafka().port()));
            ports.setProperty(
                    "kafka.controller", Integer.toString(servers.kafka().controllerPort()));
            writePorts(dir, ports);
            return servers;
        } catch (RuntimeException e) {
            // never leave a half-started set behind
            kafka.exceptionally(x -> null).join();
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
    private static <T> T withRetries(
            Path directory, String what, String subdirectory, IntFunction<T> start, PrintStream out) {
        for (int attempt = 1; ; attempt++) {
            deleteRecursively(directory.resolve(subdirectory));
            try {
                return start.apply(attempt);
            } catch (RuntimeException e) {
                if (attempt >= 3) {
                    throw e;
                }
                out.println("[test-servers] " + what + " failed to start (attempt " + attempt
                        + "), retrying on new ports: "
                        + e.toString().lines().findFirst().orElse(""));
            }
        }
    }

    /** Whatever this directory holds: a lane's PostgreSQL and Kafka, or the build's Keycloak ({@code keycloak/}). */
    private void stopAll() {
        try {
            keycloak(dir, 0, 0).stop();
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
                        controllerPort)
                .forTests();
    }

    private KeycloakServer keycloak(Path directory, int port, int managementPort) {
        return new KeycloakServer(
                        artifacts.keycloakZip(),
                        artifacts.keycloakVersion(),
                        dist,
                        directory.resolve("keycloak"),
                        directory.resolve("keycloak.log"),
                        directory.resolve("keycloak.pid"),
                        port,
                        managementPort)
                .forTests()
                .withoutRealmImport();
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
