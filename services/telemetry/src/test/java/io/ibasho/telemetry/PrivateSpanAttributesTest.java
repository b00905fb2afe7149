package io.ibasho.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a span holds once the processor saw it, through the real OpenTelemetry SDK and an exporter that keeps spans. */
class PrivateSpanAttributesTest {
    private static final String ACCOUNT = "0b7c9f3e-2d41-4c8a-9e57-6a1f0d2b3c4e";
    private static final String SURVEY_TOKEN = "q3F_x8Zt-0aLkP2mWnR5vYbC9dE1gHjK"; // 24 random bytes, base64url
    private static final String FEED_SECRET = "Zk2Jq9wX4mT7bN1vR8cL5pF3hG6dS0aEyUiOoPlKjHg";

    private final List<SpanData> exported = new ArrayList<>();

    private SpanData span(SpanKind kind, String key, String value) {
        return span(kind, key, value, false);
    }

    /** A span with the attribute set when it starts, or (later) after it started, as a client's URL can be. */
    private SpanData span(SpanKind kind, String key, String value, boolean later) {
        SpanExporter keep = new SpanExporter() {
            @Override
            public CompletableResultCode export(Collection<SpanData> spans) {
                exported.addAll(spans);
                return CompletableResultCode.ofSuccess();
            }

            @Override
            public CompletableResultCode flush() {
                return CompletableResultCode.ofSuccess();
            }

            @Override
            public CompletableResultCode shutdown() {
                return CompletableResultCode.ofSuccess();
            }
        };
        try (SdkTracerProvider tracers = SdkTracerProvider.builder()
                .addSpanProcessor(new PrivateSpanAttributes())
                .addSpanProcessor(SimpleSpanProcessor.create(keep))
                .build()) {
            var builder = tracers.get("test")
                    .spanBuilder("GET /route/{template}")
                    .setSpanKind(kind)
                    .setAttribute("client.address", "203.0.113.7");
            if (!later) {
                builder.setAttribute(key, value);
            }
            var span = builder.startSpan();
            if (later) {
                span.setAttribute(key, value);
            }
            span.end();
        }
        return exported.get(exported.size() - 1);
    }

    private String attribute(SpanKind kind, String key, String value) {
        return span(kind, key, value).getAttributes().get(AttributeKey.stringKey(key));
    }

    @Test
    void herAccountIdInTheGatewaysCallsToKeycloakAndNotificationIsBlanked() {
        assertThat(attribute(
                        SpanKind.CLIENT,
                        "url.full",
                        "http://127.0.0.1:8180/admin/realms/ibasho/users/" + ACCOUNT + "/credentials?x=1"))
                .isEqualTo("http://127.0.0.1:8180/admin/realms/ibasho/users/{id}/credentials");
        assertThat(attribute(SpanKind.SERVER, "url.path", "/api/notifications/internal/confirmed-email/" + ACCOUNT))
                .isEqualTo("/api/notifications/internal/confirmed-email/{id}");
    }

    @Test
    void aSurveysTokenAndAPrivateFeedsSecretAreBlanked() {
        assertThat(attribute(
                        SpanKind.CLIENT,
                        "url.full",
                        "http://127.0.0.1:8081/api/registrations/surveys/" + SURVEY_TOKEN + "/answer"))
                .isEqualTo("http://127.0.0.1:8081/api/registrations/surveys/{id}/answer");
        assertThat(attribute(SpanKind.SERVER, "url.path", "/api/events/feeds/private/" + FEED_SECRET + ".ics"))
                .isEqualTo("/api/events/feeds/private/{id}");
        assertThat(attribute(SpanKind.SERVER, "http.target", "/app/surveys/" + ACCOUNT + "#top"))
                .isEqualTo("/app/surveys/{id}");
    }

    @Test
    void theWordsOfAPathAndItsHostStayAndTheQueryGoes() {
        String path = "/api/childcare-booking/sessions/attendee-details/confirmed-email";
        assertThat(attribute(SpanKind.SERVER, "url.path", path)).isEqualTo(path);
        assertThat(attribute(SpanKind.CLIENT, "url.full", "http://notification-7f9c4d.svc:8080" + path + "?q=hana"))
                .isEqualTo("http://notification-7f9c4d.svc:8080" + path);
        assertThat(attribute(SpanKind.SERVER, "url.path", "/app/s/42/book")).isEqualTo("/app/s/{id}/book");
    }

    @Test
    void herAddressIsBlankedAndTheSpanKeepsItsRouteTemplateAsItsName() {
        SpanData span = span(SpanKind.SERVER, "url.query", "nickname=hana");
        assertThat(span.getAttributes().get(AttributeKey.stringKey("client.address")))
                .isEqualTo(PrivateSpanAttributes.BLANK);
        assertThat(span.getAttributes().get(AttributeKey.stringKey("url.query")))
                .isEqualTo(PrivateSpanAttributes.BLANK);
        assertThat(span.getName()).isEqualTo("GET /route/{template}");
    }

    @Test
    void whatTheInstrumentationAddsAfterTheStartIsBlankedToo() {
        String added = span(
                        SpanKind.CLIENT,
                        "url.full",
                        "http://127.0.0.1:8180/admin/realms/ibasho/users/" + ACCOUNT + "?briefRepresentation=true",
                        true)
                .getAttributes()
                .get(AttributeKey.stringKey("url.full"));
        assertThat(added).isEqualTo("http://127.0.0.1:8180/admin/realms/ibasho/users/{id}");
        assertThat(span(SpanKind.SERVER, "user_agent.original", "Mozilla/5.0 (her phone)", true)
                        .getAttributes()
                        .get(AttributeKey.stringKey("user_agent.original")))
                .isEqualTo(PrivateSpanAttributes.BLANK);
    }
}
