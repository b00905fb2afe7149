package io.ibasho.plumbing.telemetry;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * The Kafka connector traces every record it reads or writes (extracts and injects {@code traceparent}, starts a span)
 * unless its channels say {@code tracing-enabled=false}, also while the OpenTelemetry SDK is disabled: 4-6 % of a
 * consumer's CPU per record with traces off (docs/benchmarks.md, round 14). This default follows the one switch
 * instead: {@code quarkus.otel.sdk.disabled=true} (shipped) turns the connector's tracing off, {@code false} (the
 * switch that turns traces on, ADR 0033 and 0046) turns it on. Its ordinal is low, so a channel or connector setting
 * in a service's configuration still wins. Registered in META-INF/services; undo: delete this class and that line.
 */
public class KafkaTracingFollowsTraces implements ConfigSourceFactory {
    static final String CONNECTOR_TRACING = "mp.messaging.connector.smallrye-kafka.tracing-enabled";
    static final String SDK_DISABLED = "quarkus.otel.sdk.disabled";
    /** Below application.properties (250) and microprofile-config.properties (100). */
    static final int ORDINAL = 50;

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        ConfigValue disabled = context.getValue(SDK_DISABLED);
        return List.of(new PropertiesConfigSource(
                Map.of(CONNECTOR_TRACING, String.valueOf(tracing(disabled == null ? null : disabled.getValue()))),
                "ibasho-kafka-tracing-follows-traces",
                ORDINAL));
    }

    /** Traces on unless the SDK is disabled (OpenTelemetry's own default: enabled). */
    static boolean tracing(String sdkDisabled) {
        return !Boolean.parseBoolean(sdkDisabled == null ? "false" : sdkDisabled.trim());
    }
}
