package io.ibasho.localstack;

/**
 * PostgreSQL, Kafka and Keycloak that someone else started and will stop: a {@link LocalStack} given these runs only
 * the services and the gateway on them, and {@code down} leaves them running (the build's shared test servers,
 * docs/adr/0012-one-set-of-test-servers-per-build.md).
 */
public record ExternalServers(PostgresServer postgres, KafkaBroker kafka, KeycloakServer keycloak) {}
