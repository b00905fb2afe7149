package io.ibasho.plumbing.telemetry;

import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The W3C {@code traceparent} of a trace context, and back: what the outbox keeps with a row so that the record the
 * relay publishes later, from another thread, continues the trace of the request that appended it (ADR 0033). Only
 * ids and flags, never baggage or trace state (which a caller could fill with anything).
 */
public final class TraceParent {
    private static final String HEADER = "traceparent";

    private TraceParent() {}

    /** @return the traceparent of the current span, or null when tracing is off or nothing is being traced */
    public static String ofCurrent() {
        Map<String, String> carrier = new HashMap<>(2);
        W3CTraceContextPropagator.getInstance().inject(Context.current(), carrier, Map::put);
        return carrier.get(HEADER);
    }

    /** @return the context to continue; the root context (a new trace) for null or a malformed value */
    public static Context toContext(String traceparent) {
        if (traceparent == null) {
            return Context.root();
        }
        return W3CTraceContextPropagator.getInstance()
                .extract(Context.root(), Map.of(HEADER, traceparent), new TextMapGetter<Map<String, String>>() {
                    @Override
                    public Iterable<String> keys(Map<String, String> carrier) {
                        return List.copyOf(carrier.keySet());
                    }

                    @Override
                    public String get(Map<String, String> carrier, String key) {
                        return carrier == null ? null : carrier.get(key);
                    }
                });
    }
}
