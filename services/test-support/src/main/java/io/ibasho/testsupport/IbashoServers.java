package io.ibasho.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.HashMap;
import java.util.Map;

/**
 * Points a service under test at real servers: its own database on the test PostgreSQL, the test Kafka broker and
 * the test Keycloak. Use with {@code @WithTestResource(value = IbashoServers.class, initArgs = @ResourceArg(name = "database", value = "event"))}.
 */
public class IbashoServers implements QuarkusTestResourceLifecycleManager {
    private String database = "app";

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.getOrDefault("database", database);
    }

    @Override
    public Map<String, String> start() {
        TestServers servers = TestServers.get();
        servers.postgres().createDatabase(database);
        Map<String, String> config = new HashMap<>();
        config.put("quarkus.datasource.reactive.url", servers.postgres().reactiveUrl(database));
        config.put("quarkus.datasource.jdbc.url", servers.postgres().jdbcUrl(database));
        config.put("quarkus.datasource.username", "postgres");
        config.put("quarkus.datasource.password", "");
        config.put("kafka.bootstrap.servers", servers.kafka().bootstrapServers());
        config.put("quarkus.oidc.auth-server-url", servers.keycloak().realmUrl());
        return config;
    }

    @Override
    public void stop() {
        // The servers live as long as the test JVM (one boot for all of a module's test classes); see TestServers.
    }
}
