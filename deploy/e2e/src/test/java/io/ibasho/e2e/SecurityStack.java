package io.ibasho.e2e;

import io.ibasho.localstack.Artifacts;
import io.ibasho.localstack.LocalStack;
import io.ibasho.localstack.Ports;
import io.ibasho.localstack.QuarkusApp;
import io.ibasho.localstack.StackSettings;
import io.ibasho.testsupport.LineApiFake;
import io.ibasho.testsupport.OtlpTraceReceiver;
import io.ibasho.testsupport.TestServers;
import io.ibasho.testsupport.Tokens;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * The whole stack, started by the code of {@code ./ibasho up} on free ports in its own directory, once for all
 * end-to-end test classes of this JVM and stopped when the JVM ends: starting it costs minutes. Under
 * {@code ./ibasho test} only the services and the gateway are started here, on the build's shared servers.
 */
final class SecurityStack {
    private static SecurityStack instance;

    final LocalStack stack;
    final StackSettings settings;
    final String gateway;
    final String realm;
    /**
     * Where every application of this stack sends its traces (OneTraceAcrossTheStackIT), or null when tracing is off
     * ({@code -Dibasho.e2e.tracing=false}, or a running stack).
     */
    final OtlpTraceReceiver traces;

    private SecurityStack() {
        Path project = Path.of(System.getProperty("ibasho.project", "../.."))
                .toAbsolutePath()
                .normalize();
        if (Boolean.getBoolean("ibasho.e2e.use-running-stack")) {
            // For working on the journeys: the stack that ./ibasho up started (same IBASHO_*_PORT variables), left
            // running.
            settings = StackSettings.fromEnvironment(project, System.getenv());
            stack = new LocalStack(settings, Artifacts.load(), System.out);
            gateway = "http://127.0.0.1:" + settings.gatewayPort();
            realm = stack.keycloak().realmUrl();
            traces = null;
            return;
        }
        StackSettings defaults = StackSettings.fromEnvironment(project, Map.of());
        settings = defaults.withPortsFrom(Ports::freePort, project.resolve(".ibasho/e2e-runs/" + UUID.randomUUID()));
        // Under ./ibasho test the build's shared PostgreSQL, Kafka and Keycloak (TestServers gives this JVM a clean
        // slate
        // on them); alone, the stack starts its own, as ./ibasho up does
        TestServers servers = TestServers.sharedByTheBuild() ? TestServers.get() : null;
        stack = new LocalStack(settings, Artifacts.load(), System.out, servers == null ? null : servers.asExternal());
        Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "ibasho-security-stack-stop"));
        // LINE as a safe channel, against a local fake of the LINE API in this JVM (there is no internet here).
        stack.withNotificationLine(Map.of(
                "IBASHO_NOTIFICATION_LINE_API_BASE_URL",
                LineApiFake.get().baseUrl(),
                "IBASHO_NOTIFICATION_LINE_CHANNEL_ACCESS_TOKEN",
                LineApiFake.CHANNEL_ACCESS_TOKEN,
                "IBASHO_NOTIFICATION_LINE_CHANNEL_SECRET",
                LineApiFake.CHANNEL_SECRET,
                "IBASHO_NOTIFICATION_LINE_FRIEND_URL",
                "https://line.me/R/ti/p/@ibasho-demo"));
        // Traces on, as IBASHO_TRACING_ENDPOINT turns them on for ./ibasho up: a receiver in this JVM, batches sent
        // every 200 ms (docs/benchmarks.md, round 11: what it costs the stack)
        traces = Boolean.parseBoolean(System.getProperty("ibasho.e2e.tracing", "true")) ? startReceiver() : null;
        if (traces != null) {
            // Only the traces a test starts sampled (its traceparent's flag 01, OneTraceAcrossTheStackIT) are recorded
            // and exported: every other request, record and job is unsampled at its root (ratio 0 of the applications'
            // parentbased_traceidratio; ADR 0046, amended; docs/benchmarks.md round 12)
            stack.withTracing(traces.endpoint(), Duration.ofMillis(200)).withRootTraceRatio(0);
        }
        try {
            stack.up(false);
        } catch (RuntimeException e) {
            // On a loaded machine (shared CI, 2 cores) a service may need longer than the stack's 120 s: its process
            // runs on, so give the services more time before giving up (-Dibasho.e2e.extra-start-seconds, 900 s: with
            // several builds on the same two cores, four Quarkus services have been seen to need more than 7 minutes).
            System.out.println("[security-stack] " + e.getMessage() + "; waiting longer for the services");
            if (!allReady(Duration.ofSeconds(Long.getLong("ibasho.e2e.extra-start-seconds", 900)))) {
                stack.down(); // at once: a half-started stack must not keep eating the machine
                throw e;
            }
        }
        if (servers != null) {
            linkServerLogs(servers);
        }
        gateway = "http://127.0.0.1:" + settings.gatewayPort();
        realm = stack.keycloak().realmUrl();
    }

    /**
     * The shared servers write their logs elsewhere; links to them in this stack's log folder keep every log of the
     * stack in one place (NoPersonalDataInLogsIT searches that folder).
     */
    private void linkServerLogs(TestServers servers) {
        for (Path log : servers.serverLogs()) {
            try {
                Files.createDirectories(settings.logs());
                Files.createSymbolicLink(settings.logs().resolve(log.getFileName()), log);
            } catch (IOException e) {
                System.out.println("[security-stack] could not link " + log + ": " + e.getMessage());
            }
        }
    }

    private static OtlpTraceReceiver startReceiver() {
        try {
            return new OtlpTraceReceiver();
        } catch (IOException e) {
            throw new IllegalStateException("the OTLP receiver did not start", e);
        }
    }

    private static RuntimeException startFailure;

    static synchronized SecurityStack get() {
        if (startFailure != null) {
            throw new IllegalStateException("the stack did not start (see the first failure)", startFailure);
        }
        if (instance == null) {
            try {
                instance = new SecurityStack();
            } catch (RuntimeException e) {
                startFailure = e; // the next test class fails fast instead of starting a second stack
                throw e;
            }
        }
        return instance;
    }

    private boolean allReady(Duration timeout) {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            // the stack stops a service that was not ready in time (and it may take a moment to be gone): start it
            // again
            stack.apps().stream().filter(app -> app.runningProcess().isEmpty()).forEach(app -> {
                System.out.println("[security-stack] starting " + app.name() + " again");
                app.launch();
            });
            boolean ready = stack.apps().stream().allMatch(app -> {
                try {
                    return http.send(
                                            HttpRequest.newBuilder(URI.create(app.managementUrl() + "/q/health/ready"))
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
            });
            if (ready) {
                return true;
            }
            try {
                Thread.sleep(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    /** Base URL of a service, bypassing the gateway. */
    String direct(String service) {
        int port = switch (service) {
            case "event" -> settings.eventPort();
            case "registration" -> settings.registrationPort();
            case "childcare-booking" -> settings.childcareBookingPort();
            case "notification" -> settings.notificationPort();
            // the gateway's own endpoints (her data across every service): there is no way around it
            case "gateway" -> settings.gatewayPort();
            default -> throw new IllegalArgumentException("unknown service " + service);
        };
        return "http://127.0.0.1:" + port;
    }

    /** An application's management interface (health, metrics, OpenAPI), which its public port does not serve. */
    String management(String service) {
        return stack.apps().stream()
                .filter(app -> app.name().equals(service))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown service " + service))
                .managementUrl();
    }

    /** A real token for a caller of the matrix, or null for anonymous. */
    String tokenOf(String caller) {
        return switch (caller) {
            case "anonymous" -> null;
            case "partner-tsubomi" -> Tokens.clientToken(realm, "partner-tsubomi", "partner-local-secret-change-me");
            default -> Tokens.accessToken(realm, caller);
        };
    }

    Path logs() {
        return settings.logs();
    }

    /**
     * Kills these processes and their children at once and waits (at most 10 s) until they are gone, so that no file of
     * theirs is written while their folder is deleted.
     */
    static void killApplications(List<Optional<ProcessHandle>> processes) {
        List<ProcessHandle> killed = new ArrayList<>();
        for (Optional<ProcessHandle> process : processes) {
            process.ifPresent(p -> {
                List<ProcessHandle> children = p.descendants().toList();
                p.destroyForcibly();
                children.forEach(ProcessHandle::destroyForcibly);
                killed.add(p);
            });
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        for (ProcessHandle p : killed) {
            try {
                p.onExit().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException | ExecutionException e) {
                System.err.println("[security-stack] pid " + p.pid() + " still runs after SIGKILL");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void stop() {
        try {
            // Every application is killed at once (SIGKILL), then waited for. Its data are thrown away (this stack's
            // folder is deleted below; under ./ibasho test the next module's clean slate drops the databases, topics
            // and consumer groups, members that never said goodbye included), so nothing a graceful stop does is
            // wanted: told to stop (SIGTERM), notification took 14 s to exit, the whole module's JVM waited for it
            // with the CPU idle (docs/benchmarks.md, round 15; ADR 0061). Standalone, the stack's own PostgreSQL,
            // Kafka and Keycloak are still stopped gracefully by the stack's down, so nothing is left running.
            killApplications(
                    stack.apps().stream().map(QuarkusApp::runningProcess).toList());
            stack.down();
        } finally {
            if (traces != null) {
                traces.close();
            }
            try (Stream<Path> paths = Files.walk(settings.home())) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                System.err.println("could not delete " + settings.home() + ": " + e.getMessage());
            }
        }
    }
}
