package io.ibasho.localstack;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Properties;

/** Where Maven put the server artifacts (filled in at build time, see artifacts.properties). */
public record Artifacts(
        Path keycloakZip, String keycloakVersion, String kafkaClasspath, String kafkaVersion, String postgresVersion) {

    public static Artifacts load() {
        Properties properties = new Properties();
        try (InputStream in = Artifacts.class.getResourceAsStream("artifacts.properties")) {
            if (in == null) {
                throw new StackException(
                        "artifacts.properties is missing from the local-stack jar; rebuild with ./mvnw install");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new StackException("Cannot read artifacts.properties: " + e.getMessage(), e);
        }
        return new Artifacts(
                Path.of(properties.getProperty("keycloak.zip")),
                properties.getProperty("keycloak.version"),
                properties.getProperty("kafka.classpath"),
                properties.getProperty("kafka.version"),
                properties.getProperty("postgres.version"));
    }
}
