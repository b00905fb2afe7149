package io.ibasho.localstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** One setting, {@code IBASHO_TRACING_ENDPOINT}, turns traces on for every application of the stack (ADR 0033). */
class TracingSwitchTest {

    @Test
    void offUnlessTheEndpointIsSetThenOnForEveryApplication() throws Exception {
        Path home = Files.createTempDirectory("ibasho-tracing");
        StackSettings settings = StackSettings.fromEnvironment(home, Map.of("IBASHO_HOME", home.toString()));
        PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);

        LocalStack off = new LocalStack(settings, Artifacts.load(), out).withEnvironment(Map.of());
        off.apps().forEach(app -> {
            assertFalse(app.environment().containsKey("QUARKUS_OTEL_SDK_DISABLED"), app.name());
            assertFalse(app.environment().containsKey(LocalStack.TRACING_ENDPOINT), app.name());
        });

        LocalStack on = new LocalStack(settings, Artifacts.load(), out)
                .withEnvironment(Map.of(LocalStack.TRACING_ENDPOINT, "http://127.0.0.1:4318"));
        assertEquals(5, on.apps().size());
        on.apps().forEach(app -> {
            assertEquals("false", app.environment().get("QUARKUS_OTEL_SDK_DISABLED"), app.name());
            assertEquals("http://127.0.0.1:4318", app.environment().get(LocalStack.TRACING_ENDPOINT), app.name());
        });
        ByteArrayOutputStream guide = new ByteArrayOutputStream();
        new LocalStack(settings, Artifacts.load(), new PrintStream(guide, true, StandardCharsets.UTF_8))
                .withEnvironment(Map.of(LocalStack.TRACING_ENDPOINT, "http://127.0.0.1:4318"))
                .printGuide();
        assertTrue(guide.toString(StandardCharsets.UTF_8).contains("to http://127.0.0.1:4318"), guide.toString());

        // a test's own receiver, with a short batch delay
        LocalStack test = new LocalStack(settings, Artifacts.load(), out)
                .withEnvironment(Map.of())
                .withTracing("http://127.0.0.1:39999", Duration.ofMillis(200));
        test.apps().forEach(app -> {
            assertEquals("false", app.environment().get("QUARKUS_OTEL_SDK_DISABLED"), app.name());
            assertEquals("200ms", app.environment().get("QUARKUS_OTEL_BSP_SCHEDULE_DELAY"), app.name());
            assertFalse(app.environment().containsKey("QUARKUS_OTEL_TRACES_SAMPLER_ARG"), app.name());
        });

        // the end-to-end stack's: only the traces a caller starts sampled
        LocalStack sampled = new LocalStack(settings, Artifacts.load(), out)
                .withEnvironment(Map.of())
                .withTracing("http://127.0.0.1:39999", Duration.ofMillis(200))
                .withRootTraceRatio(0);
        sampled.apps()
                .forEach(app ->
                        assertEquals("0.0", app.environment().get("QUARKUS_OTEL_TRACES_SAMPLER_ARG"), app.name()));
        // and nothing while tracing is off
        new LocalStack(settings, Artifacts.load(), out)
                .withEnvironment(Map.of())
                .withRootTraceRatio(0)
                .apps()
                .forEach(app ->
                        assertFalse(app.environment().containsKey("QUARKUS_OTEL_TRACES_SAMPLER_ARG"), app.name()));
    }
}
