package io.ibasho.localstack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One of Ibasho's Quarkus applications, run from its fast-jar like in production, configured by environment. */
public final class QuarkusApp {
    private final String name;
    private final Path appJar;
    private final int port;
    private final int managementPort;
    private final Map<String, String> environment;
    private final Path logFile;
    private final Path pidFile;
    private ManagedProcess process;
    /** The JDK's AOT cache for this application, when {@code ./ibasho up} keeps one (docs/adr/0057). */
    private StartupCache startupCache;

    private boolean training;

    public QuarkusApp(
            String name,
            Path moduleDir,
            int port,
            int managementPort,
            Map<String, String> environment,
            Path logFile,
            Path pidFile) {
        this.name = name;
        this.appJar = moduleDir.resolve("target/quarkus-app/quarkus-run.jar");
        this.port = port;
        this.managementPort = managementPort;
        this.environment = environment;
        this.logFile = logFile;
        this.pidFile = pidFile;
    }

    public String name() {
        return name;
    }

    /** The settings it is launched with (besides the shell's own environment). */
    public Map<String, String> environment() {
        return Map.copyOf(environment);
    }

    public int port() {
        return port;
    }

    /** Health, metrics and OpenAPI (quarkus.management): not on the public port. */
    public int managementPort() {
        return managementPort;
    }

    /** The management interface's base URL, e.g. for {@code /q/health/ready}. */
    public String managementUrl() {
        return "http://127.0.0.1:" + managementPort;
    }

    /** Starts it with the start-up cache of this application (trained on the first start); set before {@code launch}. */
    public QuarkusApp withStartupCache(StartupCache cache) {
        this.startupCache = cache;
        return this;
    }

    public Optional<ProcessHandle> runningProcess() {
        return ManagedProcess.running(pidFile);
    }

    /** Starts the process without waiting, so that all services boot side by side. */
    public void launch() {
        if (!Files.isReadable(appJar)) {
            throw new StackException(
                    name + " is not built (" + appJar + " is missing); run ./mvnw -DskipTests install.");
        }
        Map<String, String> env = new java.util.HashMap<>(environment);
        env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        env.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        env.put("QUARKUS_MANAGEMENT_PORT", Integer.toString(managementPort));
        env.put("QUARKUS_MANAGEMENT_HOST", "127.0.0.1");
        List<String> command =
                new java.util.ArrayList<>(List.of(ManagedProcess.javaExecutable(), "-Xms64m", "-Xmx256m"));
        command.addAll(ManagedProcess.quickStartOptions());
        if (startupCache != null) {
            List<String> cacheOptions = startupCache.optionsFor(name, appJar.getParent());
            training = StartupCache.trainingOutput(cacheOptions).isPresent();
            command.addAll(cacheOptions);
        }
        command.addAll(List.of("-XX:+UseSerialGC", "-jar", appJar.toString()));
        process = ManagedProcess.start(name, command, env, appJar.getParent(), logFile, pidFile);
    }

    /** Whether this start is the training run that writes the start-up cache when the application exits. */
    public boolean trainsStartupCache() {
        return training;
    }

    public void awaitHealthy(Duration timeout) {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        process.awaitReady(timeout, () -> isReady(http));
    }

    private boolean isReady(HttpClient http) {
        try {
            return http.send(
                                    HttpRequest.newBuilder(URI.create(managementUrl() + "/q/health/ready"))
                                            .timeout(Duration.ofSeconds(3))
                                            .build(),
                                    HttpResponse.BodyHandlers.discarding())
                            .statusCode()
                    == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
