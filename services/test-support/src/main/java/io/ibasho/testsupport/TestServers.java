package io.ibasho.testsupport;

import io.ibasho.localstack.Artifacts;
import io.ibasho.localstack.ExternalServers;
import io.ibasho.localstack.KafkaBroker;
import io.ibasho.localstack.KeycloakServer;
import io.ibasho.localstack.Ports;
import io.ibasho.localstack.PostgresServer;
import io.ibasho.localstack.SharedServers;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.common.TopicPartition;

/**
 * Real PostgreSQL, Kafka and Keycloak for one test JVM. Two ways, no Docker either way (the same launchers as
 * ./ibasho):
 * <ul>
 * <li>{@code ./ibasho test} sets {@value #SHARED_ENV} to a directory: the build's sets of servers, one per lane
 * ({@value #LANES_ENV}), each started by the first test JVM on its lane and joined by the next ones
 * ({@link SharedServers}); the script stops them when the build ends. A lane is a PostgreSQL and a Kafka of its own
 * and a realm of its own ({@code ibasho-lane-N}, the shipped realm under another name) on the build's one Keycloak.
 * Each JVM (one Maven module) holds its lane for its life and first gives itself a clean slate on it: no databases, no
 * topics or consumer groups, the realm as shipped. As many modules run side by side as there are lanes; see
 * docs/adr/0012-one-set-of-test-servers-per-build.md, docs/adr/0016-modules-side-by-side-on-lanes-of-test-servers.md
 * and docs/adr/0042-one-keycloak-for-every-lane.md.</li>
 * <li>Otherwise ({@code ./mvnw verify}, one module alone, an IDE): the JVM's own servers on free ports in a throw-away
 * directory, started side by side on first use and stopped when the JVM ends (also when tests fail).</li>
 * </ul>
 */
public final class TestServers {
    /** The environment variable naming the build's shared servers' directory (set by {@code ./ibasho test}). */
    public static final String SHARED_ENV = "IBASHO_SHARED_TEST_SERVERS";

    /**
     * How many sets of shared servers ({@code lane-0}, {@code lane-1}, ...) the build has, one per module that may run
     * at the same time ({@code ./ibasho test} sets it with {@code -T}); 1 when unset.
     */
    public static final String LANES_ENV = "IBASHO_TEST_LANES";

    private static final String LANE_PROPERTY = "ibasho.test-servers.lane";

    /** The lane whose clean slate this JVM has already made (see {@link #joinTheBuildsServers()}). */
    private static final String CLEANED_PROPERTY = "ibasho.test-servers.cleaned";

    private static TestServers instance;

    private final Path runDir;
    private final Path dist;
    private final Artifacts artifacts;
    private final boolean shared;
    private PostgresServer postgres;
    private KafkaBroker kafka;
    private KeycloakServer keycloak;

    private TestServers(Path sharedDir) {
        Path home = Path.of(System.getProperty("ibasho.home", System.getProperty("user.dir") + "/.ibasho"))
                .toAbsolutePath();
        this.artifacts = Artifacts.load();
        this.dist = home.resolve("dist");
        this.shared = sharedDir != null;
        this.runDir = shared
                ? sharedDir
                : home.resolve("test-runs").resolve(UUID.randomUUID().toString());
    }

    /**
     * The lane this test JVM takes for its whole life: the first of {@value #LANES_ENV} sub-folders of the shared
     * directory whose lock no other JVM holds. {@code ./ibasho test} runs as many modules side by side ({@code -T}) as
     * there are lanes, so one is always free; each lane is a set of servers of its own, and a module's clean slate
     * only ever touches its own lane. The lock is the operating system's: it goes when the JVM ends, however it ends.
     */
    private static Path freeLane(Path sharedRoot) {
        // Quarkus loads this class again for each test profile in the same JVM: the lane is the JVM's, not the class
        // loader's, so its name is kept where every loader sees it
        String taken = System.getProperty(LANE_PROPERTY);
        if (taken != null) {
            return Path.of(taken);
        }
        int lanes = Math.max(1, Integer.parseInt(System.getenv().getOrDefault(LANES_ENV, "1")));
        try {
            Files.createDirectories(sharedRoot);
            for (int attempt = 0; ; attempt++) {
                for (int lane = 0; lane < lanes; lane++) {
                    Path dir = sharedRoot.toAbsolutePath().resolve("lane-" + lane);
                    Files.createDirectories(dir);
                    FileChannel channel = FileChannel.open(
                            dir.resolve("in-use.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock lock = channel.tryLock();
                    if (lock != null) {
                        holdForTheJvmsLife(lock);
                        System.setProperty(LANE_PROPERTY, dir.toString());
                        return dir;
                    }
                    channel.close();
                }
                if (attempt == 0) {
                    System.out.println("[test-servers] all " + lanes + " lanes busy; waiting for one");
                }
                Thread.sleep(500); // bounded by the other module's run; only when more JVMs than lanes run at once
            }
        } catch (IOException e) {
            throw new IllegalStateException("could not take a lane of the shared test servers: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a lane of the shared test servers", e);
        }
    }

    /**
     * A thread is a root the collector never frees: the lock stays referenced after Quarkus drops the class loader that
     * took it (a channel that is collected may be closed, and its lock released, while the JVM still uses the lane).
     */
    private static void holdForTheJvmsLife(FileLock lock) {
        Thread holder = new Thread(
                () -> {
                    while (lock.isValid()) {
                        java.util.concurrent.locks.LockSupport.park();
                    }
                },
                "ibasho-test-lane-lock");
        holder.setDaemon(true);
        holder.start();
    }

    /** True under {@code ./ibasho test}: this JVM uses the build's shared servers. */
    public static boolean sharedByTheBuild() {
        String sharedDir = System.getenv(SHARED_ENV);
        return sharedDir != null && !sharedDir.isBlank();
    }

    public static synchronized TestServers get() {
        if (instance == null) {
            TestServers servers =
                    new TestServers(sharedByTheBuild() ? freeLane(Path.of(System.getenv(SHARED_ENV))) : null);
            if (servers.shared) {
                servers.joinTheBuildsServers();
            } else {
                Runtime.getRuntime().addShutdownHook(new Thread(servers::stopAll, "ibasho-test-servers-stop"));
                servers.startAll();
            }
            instance = servers;
        }
        return instance;
    }

    /** True when these are the build's shared servers (their owner stops them), false when this JVM's own. */
    public boolean shared() {
        return shared;
    }

    /** The servers as a {@link io.ibasho.localstack.LocalStack} can use them without starting or stopping them. */
    public ExternalServers asExternal() {
        return new ExternalServers(postgres, kafka, keycloak);
    }

    public PostgresServer postgres() {
        return postgres;
    }

    /**
     * The servers' own log files (PostgreSQL's pg_ctl output, Kafka's and Keycloak's console logs), the build's one
     * Keycloak's too when the servers are shared (it lives beside the lanes: SharedServers).
     */
    public List<Path> serverLogs() {
        List<Path> logs = new java.util.ArrayList<>();
        try (Stream<Path> files = Files.list(runDir)) {
            files.filter(f -> f.getFileName().toString().endsWith(".log"))
                    .sorted()
                    .forEach(logs::add);
        } catch (IOException e) {
            return List.of();
        }
        Path buildsKeycloak = runDir.getParent() == null
                ? null
                : runDir.getParent().resolve("keycloak").resolve("keycloak.log");
        if (shared && buildsKeycloak != null && Files.isRegularFile(buildsKeycloak)) {
            logs.add(buildsKeycloak);
        }
        return logs;
    }

    public KafkaBroker kafka() {
        return kafka;
    }

    public KeycloakServer keycloak() {
        return keycloak;
    }

    private void joinTheBuildsServers() {
        // Lanes start side by side: PostgreSQL and Kafka at once; only Keycloak's first build of the distribution the
        // lanes share is serialised (KeycloakServer), so a second lane no longer waits for the first one's whole start.
        SharedServers.Joined joined = new SharedServers(runDir, dist, artifacts).startOrJoin(System.out);
        postgres = joined.servers().postgres();
        kafka = joined.servers().kafka();
        // one Keycloak for every lane (docs/adr/0042-one-keycloak-for-every-lane.md): the lane's own copy of the realm
        keycloak = joined.servers().keycloak().inRealm(KeycloakServer.REALM + "-" + runDir.getFileName());
        long t0 = System.nanoTime();
        if (joined.untouched()) {
            // started while the applications were packaged, its realm imported, and no JVM before this one
            System.setProperty(CLEANED_PROPERTY, runDir.toString());
            return;
        }
        if (joined.fresh()) {
            // the lane's PostgreSQL and Kafka are new and empty; its realm may not exist yet, or be an earlier build's
            double realmImport = timed(this::reimportRealm);
            System.out.printf("[test-servers] realm %s imported in %.1f s%n", keycloak.realm(), realmImport);
            System.setProperty(CLEANED_PROPERTY, runDir.toString());
            return;
        }
        // Quarkus starts the application again, in a new class loader, for a test class with other test resources or
        // a test profile: the module is the same, and what it left on its lane is its own, as between any two of its
        // classes that share one start. The slate is cleaned once per JVM (it cost 3-10 s per restart, the realm's
        // re-import most of it); the JVM's mark is kept where every class loader sees it, like the lane.
        if (runDir.toString().equals(System.getProperty(CLEANED_PROPERTY))) {
            return;
        }
        // what an earlier module left: its databases, topics, consumer groups (committed offsets) and realm changes
        CompletableFuture<Double> realm = CompletableFuture.supplyAsync(() -> timed(this::reimportRealm));
        CompletableFuture<Double> broker = CompletableFuture.supplyAsync(() -> timed(this::emptyBroker));
        double databases = timed(this::dropDatabases);
        double topics = broker.join();
        double realmImport = realm.join();
        System.out.printf(
                "[test-servers] clean slate for this module in %.1f s (databases dropped %.1f s, topics emptied and groups"
                        + " deleted %.1f s, realm re-imported %.1f s, side by side)%n",
                (System.nanoTime() - t0) / 1e9, databases, topics, realmImport);
        System.setProperty(CLEANED_PROPERTY, runDir.toString());
    }

    private static double timed(Runnable step) {
        long t0 = System.nanoTime();
        step.run();
        return (System.nanoTime() - t0) / 1e9;
    }

    private void dropDatabases() {
        // the driver itself, not DriverManager: a module without PostgreSQL of its own (the gateway) has no driver
        // registered with DriverManager in its test class loader
        java.util.Properties credentials = new java.util.Properties();
        credentials.setProperty("user", PostgresServer.USER);
        credentials.setProperty("password", "");
        try (Connection connection = new org.postgresql.Driver().connect(postgres.jdbcUrl("postgres"), credentials)) {
            List<String> databases = new ArrayList<>();
            try (var result = connection
                    .createStatement()
                    .executeQuery(
                            "select datname from pg_database where not datistemplate and datname <> 'postgres'")) {
                while (result.next()) {
                    databases.add(result.getString(1));
                }
            }
            for (String database : databases) {
                try (var statement = connection.createStatement()) {
                    statement.execute("drop database \"" + database.replace("\"", "\"\"") + "\" with (force)");
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not drop the previous module's databases: " + e.getMessage(), e);
        }
    }

    /**
     * Empties every topic and deletes every consumer group, so that this module's services never read another module's
     * leftover messages nor resume from its committed offsets (the group ids are the services' names in every module).
     * The topics themselves stay, emptied: each partition's records are deleted up to its end, so a new group (offset
     * reset to the earliest) and a reader from the beginning find nothing. Deleting the topics instead made every
     * service's consumers of the next module join with no partitions and rebalance again once their topics were
     * created anew, seconds that the module's first test waited for (and the deletion itself was waited out).
     */
    private void emptyBroker() {
        // Quarkus starts test resources on its own threads, whose context class loader need not be the one that loaded
        // the Kafka client (its metrics reporter then fails a cast): the client's own loader, while it is made here
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        thread.setContextClassLoader(Admin.class.getClassLoader());
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafka.bootstrapServers(),
                AdminClientConfig.METRIC_REPORTER_CLASSES_CONFIG,
                ""))) {
            List<String> groups = admin.listConsumerGroups().all().get(30, TimeUnit.SECONDS).stream()
                    .map(ConsumerGroupListing::groupId)
                    .toList();
            if (!groups.isEmpty()) {
                deleteGroups(admin, groups);
            }
            Set<String> topics = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            if (topics.isEmpty()) {
                return;
            }
            Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
            admin.describeTopics(topics)
                    .allTopicNames()
                    .get(30, TimeUnit.SECONDS)
                    .forEach((topic, description) -> description
                            .partitions()
                            .forEach(partition ->
                                    ends.put(new TopicPartition(topic, partition.partition()), OffsetSpec.latest())));
            Map<TopicPartition, RecordsToDelete> upToTheEnd = new HashMap<>();
            admin.listOffsets(ends).all().get(30, TimeUnit.SECONDS).forEach((partition, end) -> {
                if (end.offset() > 0) {
                    upToTheEnd.put(partition, RecordsToDelete.beforeOffset(end.offset()));
                }
            });
            if (!upToTheEnd.isEmpty()) {
                admin.deleteRecords(upToTheEnd).all().get(60, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            throw new IllegalStateException("could not empty the shared Kafka broker: " + e.getMessage(), e);
        } finally {
            thread.setContextClassLoader(before);
        }
    }

    /**
     * Deletes the consumer groups the last module left. A group whose member never said goodbye (a consumer of a JVM
     * that ended without closing it) stays "not empty" until the broker's session time-out: its members are removed
     * first, and the deletion is tried again for up to a minute.
     */
    private static void deleteGroups(Admin admin, List<String> groups) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            try {
                admin.deleteConsumerGroups(groups).all().get(30, TimeUnit.SECONDS);
                return;
            } catch (java.util.concurrent.ExecutionException e) {
                if (!(e.getCause() instanceof org.apache.kafka.common.errors.GroupNotEmptyException)
                        || System.nanoTime() > deadline) {
                    throw e;
                }
            }
            for (String group : groups) {
                try {
                    admin.removeMembersFromConsumerGroup(
                                    group, new org.apache.kafka.clients.admin.RemoveMembersFromConsumerGroupOptions())
                            .all()
                            .get(30, TimeUnit.SECONDS);
                } catch (java.util.concurrent.ExecutionException e) {
                    // deleted already, or no member left to remove: the next deletion tells
                }
            }
            groups = admin.listConsumerGroups().all().get(30, TimeUnit.SECONDS).stream()
                    .map(ConsumerGroupListing::groupId)
                    .toList();
            if (groups.isEmpty()) {
                return;
            }
            Thread.sleep(500); // bounded by the deadline above
        }
    }

    /**
     * Deletes the lane's realm (users, sessions, a changed password policy) and imports it again as shipped, under the
     * lane's name. The other lanes' realms on the same Keycloak are not touched.
     */
    private void reimportRealm() {
        keycloak.resetRealm();
    }

    // A free port can be taken by another process between the check and the server's bind (parallel builds):
    // each server gets fresh ports and a fresh directory on every attempt.
    private void startPostgres(int attempt) {
        postgres = new PostgresServer(
                dist,
                artifacts.postgresVersion(),
                runDir.resolve("postgres-" + attempt),
                runDir.resolve("postgres-" + attempt + ".log"),
                Ports.freePort());
        postgres.start();
    }

    private void startKafka(int attempt) {
        kafka = new KafkaBroker(
                        artifacts.kafkaClasspath(),
                        runDir.resolve("kafka-" + attempt),
                        runDir.resolve("kafka-" + attempt + ".log"),
                        runDir.resolve("kafka.pid"),
                        Ports.freePort(),
                        Ports.freePort())
                .forTests();
        kafka.start();
    }

    private void startKeycloak(int attempt) {
        keycloak = new KeycloakServer(
                        artifacts.keycloakZip(),
                        artifacts.keycloakVersion(),
                        dist,
                        runDir.resolve("keycloak-" + attempt),
                        runDir.resolve("keycloak-" + attempt + ".log"),
                        runDir.resolve("keycloak.pid"),
                        Ports.freePort(),
                        Ports.freePort())
                .forTests();
        keycloak.start();
    }

    private static void withRetries(String what, java.util.function.IntConsumer start) {
        for (int attempt = 1; ; attempt++) {
            try {
                start.accept(attempt);
                return;
            } catch (RuntimeException e) {
                if (attempt >= 3) {
                    throw e;
                }
                System.out.println(
                        "[test-servers] " + what + " failed to start (attempt " + attempt + "), retrying on new ports: "
                                + e.getMessage().lines().findFirst().orElse(""));
            }
        }
    }

    private void startAll() {
        long t0 = System.nanoTime();
        CompletableFuture<Void> kc = CompletableFuture.runAsync(() -> withRetries("Keycloak", this::startKeycloak));
        CompletableFuture<Void> broker = CompletableFuture.runAsync(() -> withRetries("Kafka", this::startKafka));
        withRetries("PostgreSQL", this::startPostgres);
        broker.join();
        kc.join();
        System.out.printf(
                "[test-servers] PostgreSQL :%d, Kafka %s, Keycloak %s ready in %.1f s (logs in %s)%n",
                postgres.port(), kafka.bootstrapServers(), keycloak.baseUrl(), (System.nanoTime() - t0) / 1e9, runDir);
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
