package io.ibasho.e2e;

import io.ibasho.localstack.ManagedProcess;
import io.ibasho.localstack.Ports;
import io.ibasho.localstack.QuarkusApp;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A second gateway replica beside the stack's own, as Kubernetes runs it (k8s/base/gateway.yaml, two replicas): the
 * same jar, services, Keycloak client and session secret, on ports of its own. A browser cookie of 127.0.0.1 goes to
 * both, as a cookie of the public host goes to whichever replica the ingress picks.
 */
final class SecondGateway implements AutoCloseable {
    private final QuarkusApp app;

    private SecondGateway(QuarkusApp app) {
        this.app = app;
    }

    /** Launched at once, without waiting: {@link #url()} waits until it is ready. */
    static SecondGateway launch(SecurityStack stack) {
        QuarkusApp first = stack.stack.apps().stream()
                .filter(app -> app.name().equals("gateway"))
                .findFirst()
                .orElseThrow();
        Map<String, String> env = new LinkedHashMap<>(first.environment());
        env.put(
                "IBASHO_GATEWAY_AUDIT_FILE",
                stack.settings.logs().resolve("gateway-2-audit.jsonl").toString());
        QuarkusApp second = new QuarkusApp(
                "gateway-2",
                stack.settings.projectDir().resolve("gateway"),
                Ports.freePort(),
                Ports.freePort(),
                env,
                stack.settings.logs().resolve("gateway-2.log"),
                stack.settings.run().resolve("gateway-2.pid"));
        second.launch();
        // a class that fails before it closes this: stopped with the JVM, never left holding its ports
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> SecurityStack.killApplications(java.util.List.of(second.runningProcess())),
                        "ibasho-second-gateway-stop"));
        return new SecondGateway(second);
    }

    /** Its base URL, once it is ready. */
    String url() {
        app.awaitHealthy(Duration.ofSeconds(Long.getLong("ibasho.e2e.extra-start-seconds", 600)));
        return "http://127.0.0.1:" + app.port();
    }

    @Override
    public void close() {
        app.runningProcess().ifPresent(p -> ManagedProcess.stop(p, Duration.ofSeconds(15)));
    }
}
