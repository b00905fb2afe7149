package io.ibasho.plumbing.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.common.MapBackedConfigSource;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Kafka connector's tracing follows the one switch of traces, and a service's own setting still wins. */
class KafkaTracingFollowsTracesTest {

    private static SmallRyeConfig config(Map<String, String> properties) {
        return new SmallRyeConfigBuilder()
                .withSources(new MapBackedConfigSource("application.properties", properties, 250) {})
                .withSources(new KafkaTracingFollowsTraces())
                .build();
    }

    @Test
    void tracesOffTurnTheConnectorsTracingOff() {
        SmallRyeConfig config = config(Map.of("quarkus.otel.sdk.disabled", "true"));
        assertThat(config.getValue(KafkaTracingFollowsTraces.CONNECTOR_TRACING, Boolean.class))
                .isFalse();
    }

    @Test
    void tracesOnTurnItOn() {
        assertThat(config(Map.of("quarkus.otel.sdk.disabled", "false"))
                        .getValue(KafkaTracingFollowsTraces.CONNECTOR_TRACING, Boolean.class))
                .isTrue();
        // OpenTelemetry's own default: the SDK is enabled when nothing says otherwise
        assertThat(config(Map.of()).getValue(KafkaTracingFollowsTraces.CONNECTOR_TRACING, Boolean.class))
                .isTrue();
    }

    @Test
    void theLocalStacksSwitchAnEnvironmentVariableTurnsItOn() {
        // ./ibasho up with IBASHO_TRACING_ENDPOINT starts every application with QUARKUS_OTEL_SDK_DISABLED=false
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withSources(
                        new MapBackedConfigSource(
                                "application.properties", Map.of("quarkus.otel.sdk.disabled", "true"), 250) {})
                .withSources(new io.smallrye.config.EnvConfigSource(Map.of("QUARKUS_OTEL_SDK_DISABLED", "false"), 300))
                .withSources(new KafkaTracingFollowsTraces())
                .build();
        assertThat(config.getValue(KafkaTracingFollowsTraces.CONNECTOR_TRACING, Boolean.class))
                .isTrue();
    }

    @Test
    void aServicesOwnSettingWins() {
        SmallRyeConfig config = config(
                Map.of("quarkus.otel.sdk.disabled", "true", KafkaTracingFollowsTraces.CONNECTOR_TRACING, "true"));
        assertThat(config.getValue(KafkaTracingFollowsTraces.CONNECTOR_TRACING, Boolean.class))
                .isTrue();
    }
}
