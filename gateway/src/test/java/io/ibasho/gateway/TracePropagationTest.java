package io.ibasho.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ibasho.testsupport.OtlpTraceReceiver;
import io.ibasho.testsupport.OtlpTraceReceiver.Span;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Tracing on: the gateway continues the caller's trace and passes its own client span on to the service, so the
 * service's span hangs from the gateway's hops, not beside them (ADR 0046). Without a caller's trace the gateway starts
 * one, and the service still gets it.
 */
@QuarkusTest
@WithTestResource(EchoUpstream.class)
@TestProfile(OneConnectionTracedProfile.class) // the OTLP receiver, traces on
class TracePropagationTest {
    private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String CALLER_SPAN = "00f067aa0ba902b7";

    @Test
    void theServiceGetsTheGatewaysClientSpanAsItsParent() {
        List<String> forwarded = given().header("traceparent", "00-" + TRACE + "-" + CALLER_SPAN + "-01")
                .header("tracestate", "caller=anything")
                .get("/api/events/sessions")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("headers.traceparent", String.class);
        assertThat(forwarded).as("one traceparent reaches the service").hasSize(1);
        String[] parts = forwarded.get(0).split("-");
        assertThat(parts[1]).as("the caller's trace").isEqualTo(TRACE);
        String parent = parts[2];
        assertThat(parent).as("not the caller's own span").isNotEqualTo(CALLER_SPAN);

        OtlpTraceReceiver receiver = OtlpTraceReceiver.running();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            List<Span> trace = receiver.spans().stream()
                    .filter(span -> TRACE.equals(span.traceId()))
                    .toList();
            Span server = trace.stream()
                    .filter(span -> span.kind() == OtlpTraceReceiver.SERVER)
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no server span in " + trace));
            assertThat(server.parentSpanId()).isEqualTo(CALLER_SPAN);
            Span client = trace.stream()
                    .filter(span -> span.spanId().equals(parent))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("the service's parent is no span of the gateway: " + trace));
            assertThat(client.kind()).as("the gateway's client span").isEqualTo(OtlpTraceReceiver.CLIENT);
            assertThat(client.parentSpanId()).isEqualTo(server.spanId());
        });
    }

    @Test
    void withoutACallersTraceTheServiceGetsTheGatewaysOwn() {
        List<String> forwarded = given().get("/api/events/sessions")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("headers.traceparent", String.class);
        assertThat(forwarded).hasSize(1);
        assertThat(forwarded.get(0)).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
    }
}
