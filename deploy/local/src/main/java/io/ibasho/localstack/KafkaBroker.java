package io.ibasho.localstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A real single-node Apache Kafka broker in KRaft mode (broker and controller in one JVM), from Maven Central jars. */
public final class KafkaBroker {
    private final String classpath;
    private final Path dataDir;
    private final Path logFile;
    private final Path pidFile;
    private final int port;
    private final int controllerPort;
    private ManagedProcess process;
    private boolean forTests;

    public KafkaBroker(String classpath, Path dataDir, Path logFile, Path pidFile, int port, int controllerPort) {
        this.classpath = classpath;
        this.dataDir = dataDir;
        this.logFile = logFile;
        this.pidFile = pidFile;
        this.port = port;
        this.controllerPort = controllerPort;
    }

    /**
     * A broker for tests only (the build's test servers, never {@code ./ibasho up}): no log cleaner. It only compacts
     * Kafka's own offsets topic (no topic of the project is compacted), which a test broker, thrown away after the build,
     * never needs; its thread and its 128 MiB dedupe buffer are saved on every lane.
     */
    public KafkaBroker forTests() {
        this.forTests = true;
        return this;
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public int controllerPort() {
        return controllerPort;
    }

    public Optional<ProcessHandle> runningProcess() {
        return ManagedProcess.running(pidFile);
    }

    public void start() {
        start(Duration.ofSeconds(90));
    }

    public void start(Duration readyWithin) {
        try {
            Files.createDirectories(dataDir);
            Path config = dataDir.resolve("server.properties");
            Path logs = dataDir.resolve("logs");
            Files.writeString(config, serverProperties(logs));
            Path log4j = dataDir.resolve("log4j2.properties");
            Files.writeString(log4j, LOG4J);
            List<String> jvm =
                    new java.util.ArrayList<>(List.of(ManagedProcess.javaExecutable(), "-Xms128m", "-Xmx512m"));
            jvm.addAll(ManagedProcess.quickStartOptions());
            jvm.addAll(List.of("-XX:+UseSerialGC", "-Dlog4j2.configurationFile=" + log4j, "-cp", classpath));
            if (!Files.exists(logs.resolve("meta.properties"))) {
                List<String> format = new java.util.ArrayList<>(jvm);
                format.addAll(List.of(
                        "kafka.tools.StorageTool",
                        "format",
                        "--standalone",
                        "-t",
                        randomClusterId(),
                        "-c",
                        config.toString()));
                ManagedProcess.runToCompletion(
                        "kafka storage format", format, Map.of(), dataDir, logFile, Duration.ofSeconds(90));
            }
            List<String> broker = new java.util.ArrayList<>(jvm);
            broker.addAll(List.of("kafka.Kafka", config.toString()));
            // the log is appended to: a restart must see its own "started", not the one of the start before. The port
            // alone says little: the broker binds it early and serves only once its logs are recovered and it has
            // caught up with the metadata (seconds after a SIGKILL)
            long logBefore = Files.exists(logFile) ? Files.size(logFile) : 0;
            process = ManagedProcess.start("kafka", broker, Map.of(), dataDir, logFile, pidFile);
            process.awaitReady(
                    readyWithin, () -> Ports.isOpen(port) && logSaysAfter(logBefore, "Kafka Server started"));
        } catch (IOException e) {
            throw new StackException("Cannot prepare Kafka in " + dataDir + ": " + e.getMessage(), e);
        }
    }

    public void stop() {
        if (process != null) {
            process.stop(Duration.ofSeconds(20));
        } else {
            runningProcess().ifPresent(p -> ManagedProcess.stop(p, Duration.ofSeconds(20)));
        }
    }

    private boolean logSaysAfter(long offset, String text) {
        try {
            byte[] log = Files.readAllBytes(logFile);
            return offset <= log.length
                    && new String(log, (int) offset, log.length - (int) offset, java.nio.charset.StandardCharsets.UTF_8)
                            .contains(text);
        } catch (IOException e) {
            return false;
        }
    }

    private String serverProperties(Path logs) {
        return """
                process.roles=broker,controller
                node.id=1
                controller.quorum.bootstrap.servers=127.0.0.1:%2$d
                listeners=PLAINTEXT://127.0.0.1:%1$d,CONTROLLER://127.0.0.1:%2$d
                advertised.listeners=PLAINTEXT://127.0.0.1:%1$d,CONTROLLER://127.0.0.1:%2$d
                controller.listener.names=CONTROLLER
                inter.broker.listener.name=PLAINTEXT
                listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
                log.dirs=%3$s
                num.partitions=3
                auto.create.topics.enable=true
                offsets.topic.replication.factor=1
                offsets.topic.num.partitions=10
                transaction.state.log.replication.factor=1
                transaction.state.log.min.isr=1
                share.coordinator.state.topic.replication.factor=1
                share.coordinator.state.topic.min.isr=1
                group.initial.rebalance.delay.ms=0
                log.retention.hours=168
                # one machine, a handful of clients: Kafka's defaults (3 network, 8 I/O, 10 background threads) are sized
                # for a server of many cores; on two cores more threads only take turns
                num.network.threads=2
                num.io.threads=2
                background.threads=2
                """.formatted(port, controllerPort, logs) + (forTests ? "log.cleaner.enable=false\n" : "");
    }

    /**
     * Like Kafka's own {@code Uuid.randomUuid()}: an id starting with "-" is drawn again, or the storage tool reads it as
     * an option ("argument --cluster-id/-t: expected one argument") and one start in 64 failed and was retried.
     */
    static String randomClusterId() {
        SecureRandom random = new SecureRandom();
        byte[] bytes = new byte[16];
        String id;
        do {
            random.nextBytes(bytes);
            id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        } while (id.startsWith("-"));
        return id;
    }

    private static final String LOG4J = """
            status = warn
            appender.console.type = Console
            appender.console.name = STDOUT
            appender.console.layout.type = PatternLayout
            appender.console.layout.pattern = [%d] %p %m (%c)%n
            rootLogger.level = INFO
            rootLogger.appenderRef.stdout.ref = STDOUT
            logger.kafka.name = kafka
            logger.kafka.level = INFO
            logger.apache.name = org.apache.kafka
            logger.apache.level = WARN
            """;
}
