package io.ibasho.localstack;

import java.nio.file.Path;
import java.util.Map;

/**
 * Ports and places of the local stack. Every port can be moved with an environment variable, e.g.
 * {@code IBASHO_GATEWAY_PORT=9080 ./ibasho up}.
 */
public record StackSettings(
        Path projectDir,
        Path home,
        Path dist,
        int postgresPort,
        int kafkaPort,
        int kafkaControllerPort,
        int keycloakPort,
        int keycloakManagementPort,
        int gatewayPort,
        int eventPort,
        int registrationPort,
        int childcareBookingPort,
        int notificationPort,
        int gatewayManagementPort,
        int eventManagementPort,
        int registrationManagementPort,
        int childcareBookingManagementPort,
        int notificationManagementPort) {

    public static StackSettings fromEnvironment(Path projectDir, Map<String, String> env) {
        Path home = env.containsKey("IBASHO_HOME") ? Path.of(env.get("IBASHO_HOME")) : projectDir.resolve(".ibasho");
        Path dist = env.containsKey("IBASHO_DIST") ? Path.of(env.get("IBASHO_DIST")) : home.resolve("dist");
        return new StackSettings(
                projectDir.toAbsolutePath(),
                home.toAbsolutePath(),
                dist.toAbsolutePath(),
                port(env, "IBASHO_PG_PORT", 15432),
                port(env, "IBASHO_KAFKA_PORT", 19092),
                port(env, "IBASHO_KAFKA_CONTROLLER_PORT", 19093),
                port(env, "IBASHO_KEYCLOAK_PORT", 8180),
                port(env, "IBASHO_KEYCLOAK_MANAGEMENT_PORT", 9180),
                port(env, "IBASHO_GATEWAY_PORT", 8080),
                port(env, "IBASHO_EVENT_PORT", 8081),
                port(env, "IBASHO_REGISTRATION_PORT", 8082),
                port(env, "IBASHO_CHILDCARE_BOOKING_PORT", 8083),
                port(env, "IBASHO_NOTIFICATION_PORT", 8084),
                // health, metrics and OpenAPI: each application's management interface, never its public port
                port(env, "IBASHO_GATEWAY_MANAGEMENT_PORT", 9080),
                port(env, "IBASHO_EVENT_MANAGEMENT_PORT", 9081),
                port(env, "IBASHO_REGISTRATION_MANAGEMENT_PORT", 9082),
                port(env, "IBASHO_CHILDCARE_BOOKING_MANAGEMENT_PORT", 9083),
                port(env, "IBASHO_NOTIFICATION_MANAGEMENT_PORT", 9084));
    }

    private static int port(Map<String, String> env, String name, int fallback) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int port = Integer.parseInt(value.trim());
            if (port < 1 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new StackException(name + "=" + value + " is not a TCP port (1-65535).");
        }
    }

    /** The same stack on other ports and directories (the end-to-end tests run one beside a developer's). */
    public StackSettings withPortsFrom(java.util.function.IntSupplier freePort, Path newHome) {
        return new StackSettings(
                projectDir,
                newHome,
                dist,
                freePort.getAsInt(),
                freePort.getAsInt(),
                freePort.getAsInt(),
                freePort.getAsInt(),
                freePort.getAsInt(),
                freePort.getAsInt(),
                freePort.getAsInt(),
                freePort.getAsInt(),
                freePort.getAsInt(),
                freePort.getAsInt(),
                freePort.getAsInt(),
                freePort.getAsInt(),
                freePort.getAsInt(),
                freePort.getAsInt(),
                freePort.getAsInt());
    }

    public Path data() {
        return home.resolve("data");
    }

    public Path logs() {
        return home.resolve("logs");
    }

    public Path run() {
        return home.resolve("run");
    }
}
