package io.ibasho.telemetry;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * Blanks what the default HTTP instrumentation records about a person before a span can be exported (docs/privacy.md,
 * "Traces and metrics"): her IP address, her browser's user agent and query strings (a search could hold a nickname).
 * Paths with ids stay: they name records, not people. Bodies are never recorded by the instrumentation.
 */
@ApplicationScoped
public class PrivateSpanAttributes implements SpanProcessor {
    static final String BLANK = "-";
    private static final List<AttributeKey<String>> PERSONAL = List.of(
            AttributeKey.stringKey("client.address"),
            AttributeKey.stringKey("network.peer.address"),
            AttributeKey.stringKey("user_agent.original"),
            AttributeKey.stringKey("url.query"),
            AttributeKey.stringKey("http.client_ip"),
            AttributeKey.stringKey("net.sock.peer.addr"),
            AttributeKey.stringKey("enduser.id"));
    private static final AttributeKey<String> URL_FULL = AttributeKey.stringKey("url.full");
    private static final AttributeKey<String> HTTP_TARGET = AttributeKey.stringKey("http.target");

    @Override
    public void onStart(Context parentContext, ReadWriteSpan span) {
        for (AttributeKey<String> key : PERSONAL) {
            if (span.getAttribute(key) != null) {
                span.setAttribute(key, BLANK);
            }
        }
        withoutQuery(span, URL_FULL);
        withoutQuery(span, HTTP_TARGET);
    }

    private static void withoutQuery(ReadWriteSpan span, AttributeKey<String> key) {
        String value = span.getAttribute(key);
        if (value != null && value.indexOf('?') >= 0) {
            span.setAttribute(key, value.substring(0, value.indexOf('?')));
        }
    }

    @Override
    public boolean isStartRequired() {
        return true;
    }

    @Override
    public void onEnd(ReadableSpan span) {}

    @Override
    public boolean isEndRequired() {
        return false;
    }
}
