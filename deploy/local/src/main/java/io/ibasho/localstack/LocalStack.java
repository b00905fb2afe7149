package io.ibasho.localstack;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The whole of Ibasho on one machine: PostgreSQL, Kafka, Keycloak, the four services and the gateway, each a real
 * process whose PID is kept under {@code .ibasho/run} so that {@code down} stops exactly what {@code up} started.
 */
public final class LocalStack {
    /** Service name = folder = database (with an underscore, which PostgreSQL prefers). */
    public static final List<String> SERVICES = List.of("event", "registration", "childcare-booking", "notification");

    private final StackSettings settings;
    private final Artifacts artifacts;
    private final PrintStream out;
    /** Servers someone else runs (the build's shared test servers), or null: the stack runs its own. */
    private final ExternalServers external;

    public LocalStack(StackSettings settings, Artifacts artifacts, PrintStream out) {
        this(settings, artifacts, out, null);
    }

    /** A stack whose services and gateway run on servers that {@code external} owns; {@code down} leaves those running. */
    public LocalStack(StackSettings settings, Artifacts artifacts, PrintStream out, ExternalServers external) {
        this.settings = settings;
        this.artifacts = artifacts;
        this.out = out;
        this.external = external;
    }

    public PostgresServer postgres() {
        if (external != null) {
            return external.postgres();
        }
        return new PostgresServer(
                settings.dist(),
                artifacts.postgresVersion(),
                settings.data().resolve("postgres"),
                settings.logs().resolve("postgres.log"),
                settings.postgresPort());
    }

    public KafkaBroker kafka() {
        if (external != null) {
            return external.kafka();
        }
        return new KafkaBroker(
                artifacts.kafkaClasspath(),
                settings.data().resolve("kafka"),
                settings.logs().resolve("kafka.log"),
                settings.run().resolve("kafka.pid"),
                settings.kafkaPort(),
                settings.kafkaControllerPort());
    }

    public KeycloakServer keycloak() {
        if (external != null) {
            return external.keycloak();
        }
        KeycloakServer keycloak = new KeycloakServer(
                artifacts.keycloakZip(),
                artifacts.keycloakVersion(),
                settings.dist(),
                settings.data().resolve("keycloak"),
                settings.logs().resolve("keycloak.log"),
                settings.run().resolve("keycloak.pid"),
                settings.keycloakPort(),
                settings.keycloakManagementPort(),
                "http://localhost:" + settings.gatewayPort() + "/");
        // a forgotten password's reset mail lands in the stand-in beside her other mail
        return smtpStandInUsed() ? keycloak.withSmtpPort(smtpStandInPorts[0]) : keycloak;
    }

    public static String databaseOf(String service) {
        return service.replace('-', '_');
    }

    private final Map<String, String> notificationLine = new LinkedHashMap<>();

    /** Where LINE settings may come from besides a test's fake: this shell's environment. */
    private Map<String, String> environment = System.getenv();

    /** The applications' start-up cache (./ibasho up with a JDK 25 or newer), or null: they start without one. */
    private StartupCache startupCache;

    /**
     * Starts every application with its JDK AOT cache, trained on its first start and written when {@code down} stops
     * it (docs/adr/0057-a-start-up-cache-per-application.md); set before {@code up}.
     */
    public LocalStack withStartupCache(Optional<StartupCache> cache) {
        this.startupCache = cache.orElse(null);
        return this;
    }

    /** The LINE stand-in's port when {@code up} should run one (./ibasho), or null (tests bring their own fake). */
    private Integer lineStandInPort;

    /**
     * Runs {@link LineStandIn} on {@code port} with the stack, so that linking LINE works locally, unless LINE is
     * configured otherwise (a real official account in this shell's environment, or {@link #withNotificationLine}).
     */
    public LocalStack withLineStandIn(int port) {
        this.lineStandInPort = port;
        return this;
    }

    /** The SMTP stand-in's SMTP and page ports when {@code up} should run one (./ibasho), or null. */
    private int[] smtpStandInPorts;

    /**
     * Runs {@link SmtpStandIn} with the stack (SMTP on {@code smtpPort}, its page on {@code pagePort}) and points the
     * notification service's mailer at it, unless a real SMTP server is configured ({@code QUARKUS_MAILER_HOST} in this
     * shell's environment): docs/adr/0066-an-smtp-stand-in-in-the-local-stack.md.
     */
    public LocalStack withSmtpStandIn(int smtpPort, int pagePort) {
        this.smtpStandInPorts = new int[] {smtpPort, pagePort};
        return this;
    }

    /** Whether this stack runs the SMTP stand-in: asked for, and no SMTP server configured in the environment. */
    public boolean smtpStandInUsed() {
        return smtpStandInPorts != null
                && Optional.ofNullable(environment.get("QUARKUS_MAILER_HOST"))
                        .filter(host -> !host.isBlank())
                        .isEmpty();
    }

    private Path smtpStandInPidFile() {
        return settings.run().resolve("smtp-stand-in.pid");
    }

    /** For tests: the environment read instead of this process's own. */
    LocalStack withEnvironment(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
        return this;
    }

    /** Whether this stack runs the LINE stand-in: asked for, and LINE not configured otherwise. */
    public boolean lineStandInUsed() {
        return lineStandInPort != null
                && notificationLine.isEmpty()
                && environment.keySet().stream().noneMatch(name -> name.startsWith("IBASHO_NOTIFICATION_LINE_"));
    }

    private java.nio.file.Path lineStandInPidFile() {
        return settings.run().resolve("line-stand-in.pid");
    }

    private java.net.URI lineWebhook() {
        return java.net.URI.create("http://127.0.0.1:" + settings.gatewayPort() + "/api/notifications/line/webhook");
    }

    /**
     * LINE settings for the notification service ({@code IBASHO_NOTIFICATION_LINE_*}), e.g. pointing at a local fake
     * of the LINE API; set before {@code up}.
     */
    public LocalStack withNotificationLine(Map<String, String> lineEnv) {
        notificationLine.putAll(lineEnv);
        return this;
    }

    /** The OTLP/HTTP collector a test gives, or null: then {@value #TRACING_ENDPOINT} of this shell decides. */
    private String tracingEndpoint;

    private Duration tracingExportDelay;

    private Double tracingRootRatio;

    /**
     * Traces from every application to {@code endpoint} (OTLP/HTTP), batched and sent every {@code exportDelay}; set
     * before {@code up}. Without it, {@value #TRACING_ENDPOINT} in this shell's environment turns tracing on.
     */
    public LocalStack withTracing(String endpoint, Duration exportDelay) {
        this.tracingEndpoint = endpoint;
        this.tracingExportDelay = exportDelay;
        return this;
    }

    /**
     * Which share of the traces that start in the applications (a request without a sampled caller's
     * {@code traceparent}, a scheduled job, a relay's poll) are recorded while tracing is on, from 0 to 1: the ratio of
     * their build-time sampler {@code parentbased_traceidratio} ({@code QUARKUS_OTEL_TRACES_SAMPLER_ARG}); a span whose
     * parent is sampled is always recorded. The end-to-end stack sets 0 (ADR 0046, amended); set before {@code up}.
     * Without it the applications record every trace.
     */
    public LocalStack withRootTraceRatio(double ratio) {
        if (ratio < 0 || ratio > 1) {
            throw new IllegalArgumentException("a ratio from 0 to 1: " + ratio);
        }
        this.tracingRootRatio = ratio;
        return this;
    }

    /** The one setting that turns tracing on for the whole stack: the collector's OTLP/HTTP base URL. */
    public static final String TRACING_ENDPOINT = "IBASHO_TRACING_ENDPOINT";

    /**
     * What every application gets for tracing: nothing while it is off (the applications' own default, ADR 0033); with
     * an endpoint, the SDK switched on and the endpoint passed on (each application's
     * {@code quarkus.otel.exporter.otlp.traces.endpoint} reads {@value #TRACING_ENDPOINT}).
     */
    Map<String, String> tracingEnvironment() {
        String endpoint = tracingEndpoint != null ? tracingEndpoint : environment.get(TRACING_ENDPOINT);
        if (endpoint == null || endpoint.isBlank()) {
            return Map.of();
        }
        Map<String, String> env = new LinkedHashMap<>();
        env.put("QUARKUS_OTEL_SDK_DISABLED", "false");
        env.put(TRACING_ENDPOINT, endpoint.strip());
        if (tracingExportDelay != null) {
            env.put("QUARKUS_OTEL_BSP_SCHEDULE_DELAY", tracingExportDelay.toMillis() + "ms");
        }
        if (tracingRootRatio != null) {
            env.put("QUARKUS_OTEL_TRACES_SAMPLER_ARG", Double.toString(tracingRootRatio));
        }
        return env;
    }

    public List<QuarkusApp> apps() {
        List<QuarkusApp> apps = new ArrayList<>();
        Map<String, Integer> ports = servicePorts();
        String issuer = keycloak().realmUrl();
        Map<String, String> tracing = tracingEnvironment();
        for (String service : SERVICES) {
            Map<String, String> env = new LinkedHashMap<>(tracing);
            String database = databaseOf(service);
            env.put("QUARKUS_DATASOURCE_REACTIVE_URL", postgres().reactiveUrl(database));
            env.put("QUARKUS_DATASOURCE_JDBC_URL", postgres().jdbcUrl(database));
            env.put("QUARKUS_DATASOURCE_USERNAME", PostgresServer.USER);
            env.put("QUARKUS_DATASOURCE_PASSWORD", "");
            env.put("KAFKA_BOOTSTRAP_SERVERS", kafka().bootstrapServers());
            env.put("QUARKUS_OIDC_AUTH_SERVER_URL", issuer);
            env.put("IBASHO_PUBLIC_BASE_URL", "http://localhost:" + settings.gatewayPort());
            // POST /retention/run on the management port (127.0.0.1 here): the canary test runs retention at once
            env.put("IBASHO_RETENTION_ON_DEMAND", "true");
            if (service.equals("event")) {
                env.put("IBASHO_DEMO_DATA_ENABLED", "true"); // a fictional month for organisation "hinata", loaded once
            }
            if (service.equals("notification")) {
                env.put("IBASHO_NOTIFICATION_WEBHOOKS_SECRET_KEY", webhookSecretKey());
                // hinata (and minato) in the list she picks from for a request to talk, as their staff would set it
                env.put("IBASHO_DEMO_DATA_ENABLED", "true");
                // LINE is off unless an official account is configured: from this shell's environment, a test's
                // fake, or ./ibasho up's local stand-in
                environment.forEach((name, value) -> {
                    if (name.startsWith("IBASHO_NOTIFICATION_LINE_")) {
                        env.put(name, value);
                    }
                });
                env.putAll(notificationLine);
                if (lineStandInUsed()) {
                    env.putAll(LineStandIn.notificationEnvironment(lineStandInPort));
                }
                // no SMTP server on a developer's machine: her e-mails go to the stand-in, unless one is configured
                if (smtpStandInUsed()) {
                    env.putAll(SmtpStandIn.notificationEnvironment(smtpStandInPorts[0]));
                }
            }
            apps.add(new QuarkusApp(
                            service,
                            settings.projectDir().resolve("services").resolve(service),
                            ports.get(service),
                            managementPorts().get(service),
                            env,
                            settings.logs().resolve(service + ".log"),
                            settings.run().resolve(service + ".pid"))
                    .withStartupCache(startupCache));
        }
        Map<String, String> gatewayEnv = new LinkedHashMap<>(tracing);
        gatewayEnv.put("QUARKUS_OIDC_AUTH_SERVER_URL", issuer);
        gatewayEnv.put(
                "IBASHO_GATEWAY_AUDIT_FILE",
                settings.logs().resolve("gateway-audit.jsonl").toString());
        gatewayEnv.put("IBASHO_GATEWAY_AUDIT_TO_FILE", "true");
        gatewayEnv.put("IBASHO_GATEWAY_AUDIT_HANDLER", "audit");
        // The packaged gateway runs in prod mode, whose defaults assume TLS at an ingress. This stack is plain HTTP on
        // this machine with no proxy in front: cookies without Secure (else the browser drops them) and no forwarded
        // headers believed (the trusted-proxy list is required in prod, and unused here).
        gatewayEnv.put("IBASHO_GATEWAY_SECURE_COOKIES", "false");
        gatewayEnv.put("QUARKUS_HTTP_PROXY_PROXY_ADDRESS_FORWARDING", "false");
        gatewayEnv.put("IBASHO_GATEWAY_TRUSTED_PROXIES", "127.0.0.1");
        for (String service : SERVICES) {
            gatewayEnv.put(
                    "IBASHO_GATEWAY_ROUTES_" + service.toUpperCase().replace('-', '_') + "_URL",
                    "http://127.0.0.1:" + ports.get(service));
        }
        apps.add(new QuarkusApp(
                        "gateway",
                        settings.projectDir().resolve("gateway"),
                        settings.gatewayPort(),
                        settings.gatewayManagementPort(),
                        gatewayEnv,
                        settings.logs().resolve("gateway.log"),
                        settings.run().resolve("gateway.pid"))
                .withStartupCache(startupCache));
        return apps;
    }

    /**
     * This installation's key for sealing webhook signing secrets: made once (32 random bytes) and kept with the data,
     * owner-readable only, because the secrets sealed with it cannot be opened without it. {@code up --fresh} deletes
     * both together.
     */
    private String webhookSecretKey() {
        Path file = settings.data().resolve("notification-webhook-secret.key");
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(file.getParent());
                byte[] key = new byte[32];
                new java.security.SecureRandom().nextBytes(key);
                Files.writeString(file, java.util.Base64.getEncoder().encodeToString(key));
                try {
                    Files.setPosixFilePermissions(
                            file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException e) {
                    // not a POSIX file system: the data folder's own permissions apply
                }
            }
            return Files.readString(file).strip();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("could not make or read " + file, e);
        }
    }

    private Map<String, Integer> servicePorts() {
        return Map.of(
                "event",
                settings.eventPort(),
                "registration",
                settings.registrationPort(),
                "childcare-booking",
                settings.childcareBookingPort(),
                "notification",
                settings.notificationPort());
    }

    private Map<String, Integer> managementPorts() {
        return Map.of(
                "event",
                settings.eventManagementPort(),
                "registration",
                settings.registrationManagementPort(),
                "childcare-booking",
                settings.childcareBookingManagementPort(),
                "notification",
                settings.notificationManagementPort());
    }

    public void up(boolean fresh) {
        long started = System.nanoTime();
        if (fresh) {
            down();
            deleteRecursively(settings.data());
            out.println("Fresh start: removed " + settings.data());
        }
        requireFreePorts();

        PostgresServer postgres = postgres();
        if (!postgres.isRunning()) {
            step("PostgreSQL", postgres::start);
        }
        for (String service : SERVICES) {
            postgres.createDatabase(databaseOf(service));
        }
        KafkaBroker kafka = kafka();
        KeycloakServer keycloak = keycloak();
        // Keycloak takes longest: it boots beside Kafka, and the applications boot beside it as soon as Kafka serves
        // (their
        // readiness needs PostgreSQL and Kafka; their OIDC tenants connect to Keycloak on the first request that needs
        // it when Keycloak was not serving yet at their start). up returns once Keycloak and every application are
        // ready (docs/adr/0053-applications-start-while-keycloak-starts.md).
        RuntimeException[] keycloakFailure = new RuntimeException[1];
        Thread keycloakStarter = null;
        if (keycloak.runningProcess().isEmpty()) {
            keycloakStarter = Thread.ofPlatform().start(() -> {
                try {
                    step("Keycloak", keycloak::start);
                } catch (RuntimeException e) {
                    keycloakFailure[0] = e;
                }
            });
        }
        if (kafka.runningProcess().isEmpty()) {
            step("Kafka", kafka::start);
        }
        if (lineStandInUsed() && ManagedProcess.running(lineStandInPidFile()).isEmpty()) {
            step(
                    "LINE stand-in",
                    () -> ManagedProcess.start(
                                    "the LINE stand-in",
                                    LineStandIn.command(lineStandInPort, lineWebhook()),
                                    Map.of(),
                                    settings.projectDir(),
                                    settings.logs().resolve("line-stand-in.log"),
                                    lineStandInPidFile())
                            .awaitReady(Duration.ofSeconds(30), () -> Ports.isOpen(lineStandInPort)));
        }
        if (smtpStandInUsed() && ManagedProcess.running(smtpStandInPidFile()).isEmpty()) {
            step(
                    "SMTP stand-in",
                    () -> ManagedProcess.start(
                                    "the SMTP stand-in",
                                    SmtpStandIn.command(smtpStandInPorts[0], smtpStandInPorts[1]),
                                    Map.of(),
                                    settings.projectDir(),
                                    settings.logs().resolve("smtp-stand-in.log"),
                                    smtpStandInPidFile())
                            .awaitReady(
                                    Duration.ofSeconds(30),
                                    () -> Ports.isOpen(smtpStandInPorts[0]) && Ports.isOpen(smtpStandInPorts[1])));
        }
        join(keycloakStarter, keycloakFailure, false);
        List<QuarkusApp> toStart =
                apps().stream().filter(app -> app.runningProcess().isEmpty()).toList();
        toStart.forEach(QuarkusApp::launch);
        List<String> training = toStart.stream()
                .filter(QuarkusApp::trainsStartupCache)
                .map(QuarkusApp::name)
                .toList();
        if (!training.isEmpty()) {
            out.println("  start-up cache: first start of " + String.join(", ", training)
                    + " since its build, slower; the cache is written when it stops (./ibasho down), and used after");
        }
        join(keycloakStarter, keycloakFailure, true);
        for (QuarkusApp app : toStart) {
            // a training run of the start-up cache takes about twice the CPU of a start with it
            step(app.name(), () -> app.awaitHealthy(Duration.ofSeconds(app.trainsStartupCache() ? 240 : 120)));
        }
        out.printf("%nIbasho is up in %.1f s.%n", (System.nanoTime() - started) / 1e9);
        printGuide();
    }

    /**
     * Keycloak's start, run beside the others: with {@code await}, waits for it and rethrows its failure; without, only
     * rethrows a failure it already had (so that nothing more is launched after Keycloak failed).
     */
    private static void join(Thread starter, RuntimeException[] failure, boolean await) {
        if (starter == null) {
            return;
        }
        if (await) {
            try {
                starter.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StackException("interrupted while Keycloak started", e);
            }
        }
        if (failure[0] != null) {
            throw failure[0];
        }
    }

    private void step(String what, Runnable action) {
        long t0 = System.nanoTime();
        action.run();
        out.printf("  %-18s ready in %5.1f s%n", what, (System.nanoTime() - t0) / 1e9);
    }

    private void requireFreePorts() {
        if (!postgres().isRunning()) {
            Ports.requireFree(settings.postgresPort(), "PostgreSQL", "IBASHO_PG_PORT");
        }
        if (kafka().runningProcess().isEmpty()) {
            Ports.requireFree(settings.kafkaPort(), "Kafka", "IBASHO_KAFKA_PORT");
            Ports.requireFree(settings.kafkaControllerPort(), "Kafka's controller", "IBASHO_KAFKA_CONTROLLER_PORT");
        }
        if (keycloak().runningProcess().isEmpty()) {
            Ports.requireFree(settings.keycloakPort(), "Keycloak", "IBASHO_KEYCLOAK_PORT");
            Ports.requireFree(
                    settings.keycloakManagementPort(),
                    "Keycloak's management interface",
                    "IBASHO_KEYCLOAK_MANAGEMENT_PORT");
        }
        if (lineStandInUsed() && ManagedProcess.running(lineStandInPidFile()).isEmpty()) {
            Ports.requireFree(lineStandInPort, "the LINE stand-in", "IBASHO_LINE_STAND_IN_PORT");
        }
        if (smtpStandInUsed() && ManagedProcess.running(smtpStandInPidFile()).isEmpty()) {
            Ports.requireFree(smtpStandInPorts[0], "the SMTP stand-in", "IBASHO_SMTP_STAND_IN_PORT");
            Ports.requireFree(smtpStandInPorts[1], "the SMTP stand-in's page", "IBASHO_SMTP_STAND_IN_PAGE_PORT");
        }
        for (QuarkusApp app : apps()) {
            if (app.runningProcess().isEmpty()) {
                Ports.requireFree(
                        app.port(),
                        app.name(),
                        "IBASHO_" + app.name().toUpperCase().replace('-', '_') + "_PORT");
                Ports.requireFree(
                        app.managementPort(),
                        app.name() + "'s management interface",
                        "IBASHO_" + app.name().toUpperCase().replace('-', '_') + "_MANAGEMENT_PORT");
            }
        }
    }

    public void down() {
        stopApps();
        // stopped whether or not it is still wanted: up may have started it with other settings
        ManagedProcess.running(lineStandInPidFile()).ifPresent(p -> {
            ManagedProcess.stop(p, Duration.ofSeconds(5));
            out.println("  stopped LINE stand-in (pid " + p.pid() + ")");
        });
        ManagedProcess.running(smtpStandInPidFile()).ifPresent(p -> {
            ManagedProcess.stop(p, Duration.ofSeconds(5));
            out.println("  stopped SMTP stand-in (pid " + p.pid() + ")");
        });
        if (external != null) {
            return; // their owner stops them
        }
        stopIfRunning("keycloak", keycloak().runningProcess(), keycloak()::stop);
        stopIfRunning("kafka", kafka().runningProcess(), kafka()::stop);
        stopIfRunning("postgres", postgres().process(), postgres()::stop);
    }

    /**
     * Every application stopped side by side: SIGTERM to all, then each waited for (15 s, then SIGKILL). A training run
     * of the start-up cache gets {@link StartupCache#trainingGrace()}: its JVM writes the cache as it exits, and the
     * cache is kept only when it finished (docs/adr/0057-a-start-up-cache-per-application.md).
     */
    private void stopApps() {
        record Stopping(QuarkusApp app, ProcessHandle process, Optional<Path> training) {}
        List<Stopping> stopping = new ArrayList<>();
        List<QuarkusApp> apps = new ArrayList<>(apps());
        java.util.Collections.reverse(apps);
        for (QuarkusApp app : apps) {
            app.runningProcess()
                    .ifPresent(p -> stopping.add(new Stopping(
                            app,
                            p,
                            StartupCache.trainingOutput(
                                    p.info().arguments().map(List::of).orElse(List.of())))));
        }
        stopping.forEach(s -> s.process().destroy());
        if (stopping.stream().anyMatch(s -> s.training().isPresent())) {
            out.println("  writing the start-up cache of the applications started the first time (once per build)...");
        }
        for (Stopping s : stopping) {
            long t0 = System.nanoTime();
            boolean exited = waitFor(
                    s.process(), s.training().isPresent() ? StartupCache.trainingGrace() : Duration.ofSeconds(15));
            ManagedProcess.stop(s.process(), Duration.ZERO); // SIGKILL for what is still running, and its children
            String cache = s.training()
                    .map(t -> StartupCache.promote(t, exited)
                            ? String.format(", start-up cache written in %.0f s", (System.nanoTime() - t0) / 1e9)
                            : ", start-up cache not written")
                    .orElse("");
            out.println("  stopped " + s.app().name() + " (pid " + s.process().pid() + ")" + cache);
        }
    }

    private static boolean waitFor(ProcessHandle process, Duration timeout) {
        try {
            process.onExit().get(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            return true;
        } catch (java.util.concurrent.TimeoutException e) {
            return false;
        } catch (java.util.concurrent.ExecutionException e) {
            return !process.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void stopIfRunning(String name, Optional<ProcessHandle> process, Runnable stop) {
        process.ifPresent(p -> {
            stop.run();
            out.println("  stopped " + name + " (pid " + p.pid() + ")");
        });
    }

    /** @return true when everything runs */
    public boolean status() {
        Map<String, Optional<ProcessHandle>> all = new LinkedHashMap<>();
        all.put("postgres  :" + settings.postgresPort(), postgres().process());
        all.put("kafka     :" + settings.kafkaPort(), kafka().runningProcess());
        all.put("keycloak  :" + settings.keycloakPort(), keycloak().runningProcess());
        if (lineStandInUsed()) {
            all.put("line      :" + lineStandInPort, ManagedProcess.running(lineStandInPidFile()));
        }
        if (smtpStandInUsed()) {
            all.put("smtp      :" + smtpStandInPorts[0], ManagedProcess.running(smtpStandInPidFile()));
        }
        for (QuarkusApp app : apps()) {
            all.put(
                    String.format(
                            "%-10s:%d",
                            app.name().length() > 10 ? app.name().substring(0, 10) : app.name(), app.port()),
                    app.runningProcess());
        }
        boolean allUp = true;
        for (var entry : all.entrySet()) {
            Optional<ProcessHandle> process = entry.getValue();
            allUp &= process.isPresent();
            out.printf(
                    "  %-18s %s%n",
                    entry.getKey(),
                    process.map(p -> "running (pid " + p.pid() + ")").orElse("stopped"));
        }
        out.println("  logs: " + settings.logs());
        return allUp;
    }

    public void printGuide() {
        out.println();
        out.println("  Web app and API gateway  http://localhost:" + settings.gatewayPort() + "/");
        out.println("  Public sessions          http://localhost:" + settings.gatewayPort() + "/api/events/sessions");
        out.println("  Keycloak (admin/admin)   http://localhost:" + settings.keycloakPort() + "/admin/");
        out.println("  Services                 event :" + settings.eventPort() + "  registration :"
                + settings.registrationPort() + "  childcare-booking :" + settings.childcareBookingPort()
                + "  notification :" + settings.notificationPort());
        if (lineStandInUsed()) {
            out.println("  LINE stand-in (her LINE) http://localhost:" + lineStandInPort
                    + "/   (link LINE with the code from Settings; docs/notifications.md)");
        }
        if (smtpStandInUsed()) {
            out.println("  Her e-mails (stand-in)   http://localhost:" + smtpStandInPorts[1] + "/   (SMTP 127.0.0.1:"
                    + smtpStandInPorts[0] + "; choose e-mail in Settings, read the code here)");
        }
        String traces = tracingEnvironment().get(TRACING_ENDPOINT);
        out.println("  Traces (OpenTelemetry)   "
                + (traces == null
                        ? "off (set " + TRACING_ENDPOINT + " to a collector's OTLP/HTTP URL)"
                        : "to " + traces));
        out.println("  Kafka                    127.0.0.1:" + settings.kafkaPort() + "   PostgreSQL 127.0.0.1:"
                + settings.postgresPort() + " (user postgres)");
        out.println();
        out.println("  Demo users (password = <username>-ibasho, all fictional):");
        out.println("    hana, mei               attendees");
        out.println("    organiser1 / organiser2 organisers of 'hinata' / 'minato'");
        out.println("    carer1                  childcare staff of 'hinata'");
        out.println("    consult1                consultation staff of 'hinata' (requests to talk)");
        out.println("    partner1                partner group 'tsubomi' (client partner-tsubomi for machines)");
        out.println("    admin1                  platform admin");
        out.println();
        out.println("  Logs: " + settings.logs() + "    Stop: ./ibasho down    State: ./ibasho status");
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new StackException("Cannot delete " + dir + ": " + e.getMessage(), e);
        }
    }
}
