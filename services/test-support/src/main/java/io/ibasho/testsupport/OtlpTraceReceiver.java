package io.ibasho.testsupport;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;

/**
 * A small OTLP/HTTP trace receiver for tests: accepts {@code POST /v1/traces} (protobuf, as the Quarkus exporter sends
 * it) and keeps every span with its trace id, kind, name, string attributes and the service that sent it. The
 * protobuf is read with the wire format alone (the opentelemetry-proto classes are not on the classpath): only the
 * fields below are decoded, the rest skipped. As a test resource it turns tracing on for the service under test.
 */
public final class OtlpTraceReceiver implements AutoCloseable {
    /** Span kinds as OTLP numbers them. */
    public static final int SERVER = 2;

    public static final int CLIENT = 3;
    public static final int PRODUCER = 4;
    public static final int CONSUMER = 5;

    public record Span(
            String service,
            String traceId,
            String spanId,
            String parentSpanId,
            String name,
            int kind,
            Map<String, String> attributes,
            String asReceived) {
        /** Whether the text appears anywhere in what the span was exported with: attributes, events, status, links. */
        public boolean holds(String text) {
            return asReceived.contains(text);
        }
    }

    private static volatile OtlpTraceReceiver running;

    private final HttpServer server;
    private final List<Span> spans = new CopyOnWriteArrayList<>();

    public OtlpTraceReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            try (InputStream body = exchange.getRequestBody()) {
                byte[] bytes = body.readAllBytes();
                if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
                    bytes = new GZIPInputStream(new java.io.ByteArrayInputStream(bytes)).readAllBytes();
                }
                spans.addAll(exportRequest(bytes));
                exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
                exchange.sendResponseHeaders(200, 0);
            } catch (RuntimeException e) {
                exchange.sendResponseHeaders(400, -1);
            } finally {
                exchange.close();
            }
        });
        server.start();
    }

    /** The receiver the test resource started (null outside a test that uses it). */
    public static OtlpTraceReceiver running() {
        return running;
    }

    public String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public List<Span> spans() {
        return List.copyOf(spans);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    /** Turns tracing on for the application under test, exporting here at once (no batching delay). */
    public static class Resource implements QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            try {
                running = new OtlpTraceReceiver();
            } catch (IOException e) {
                throw new IllegalStateException("OTLP receiver did not start", e);
            }
            return Map.of(
                    "quarkus.otel.sdk.disabled", "false",
                    "quarkus.otel.exporter.otlp.traces.endpoint", running.endpoint(),
                    "quarkus.otel.bsp.schedule.delay", "100ms");
        }

        @Override
        public void stop() {
            if (running != null) {
                running.close();
                running = null;
            }
        }
    }

    // --- protobuf wire format: ExportTraceServiceRequest > ResourceSpans > ScopeSpans > Span ---

    static List<Span> exportRequest(byte[] bytes) {
        List<Span> found = new ArrayList<>();
        for (Field resourceSpans : fields(bytes)) {
            if (resourceSpans.number == 1) {
                String service = null;
                List<byte[]> scopes = new ArrayList<>();
                for (Field field : fields(resourceSpans.bytes)) {
                    if (field.number == 1) {
                        service = attributes(field.bytes, 1).get("service.name");
                    } else if (field.number == 2) {
                        scopes.add(field.bytes);
                    }
                }
                for (byte[] scope : scopes) {
                    for (Field field : fields(scope)) {
                        if (field.number == 2) {
                            found.add(span(service, field.bytes));
                        }
                    }
                }
            }
        }
        return found;
    }

    private static Span span(String service, byte[] bytes) {
        HexFormat hex = HexFormat.of();
        String traceId = null, spanId = null, parent = null, name = null;
        int kind = 0;
        for (Field field : fields(bytes)) {
            switch (field.number) {
                case 1 -> traceId = hex.formatHex(field.bytes);
                case 2 -> spanId = hex.formatHex(field.bytes);
                case 4 -> parent = field.bytes.length == 0 ? null : hex.formatHex(field.bytes);
                case 5 -> name = new String(field.bytes, java.nio.charset.StandardCharsets.UTF_8);
                case 6 -> kind = (int) field.varint;
                default -> {}
            }
        }
        return new Span(
                service,
                traceId,
                spanId,
                parent,
                name,
                kind,
                attributes(bytes, 9),
                new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
    }

    /** KeyValue fields with the given number; every value as text (strings, integers, booleans). */
    private static Map<String, String> attributes(byte[] message, int number) {
        Map<String, String> attributes = new LinkedHashMap<>();
        for (Field keyValue : fields(message)) {
            if (keyValue.number != number || keyValue.bytes == null) {
                continue;
            }
            String key = null, value = null;
            for (Field field : fields(keyValue.bytes)) {
                if (field.number == 1) {
                    key = new String(field.bytes, java.nio.charset.StandardCharsets.UTF_8);
                } else if (field.number == 2) {
                    for (Field any : fields(field.bytes)) {
                        value = switch (any.number) {
                            case 1 -> new String(any.bytes, java.nio.charset.StandardCharsets.UTF_8);
                            case 2 -> Boolean.toString(any.varint != 0);
                            case 3 -> Long.toString(any.varint);
                            default -> value;
                        };
                    }
                }
            }
            if (key != null) {
                attributes.put(key, value);
            }
        }
        return attributes;
    }

    private record Field(int number, long varint, byte[] bytes) {}

    private static List<Field> fields(byte[] message) {
        List<Field> fields = new ArrayList<>();
        int[] at = {0};
        while (at[0] < message.length) {
            long tag = varint(message, at);
            int number = (int) (tag >>> 3);
            switch ((int) (tag & 7)) {
                case 0 -> fields.add(new Field(number, varint(message, at), null));
                case 1 -> at[0] += 8;
                case 2 -> {
                    int length = (int) varint(message, at);
                    ByteArrayOutputStream copy = new ByteArrayOutputStream(length);
                    copy.write(message, at[0], length);
                    at[0] += length;
                    fields.add(new Field(number, 0, copy.toByteArray()));
                }
                case 5 -> at[0] += 4;
                default -> throw new IllegalArgumentException("unsupported protobuf wire type " + (tag & 7));
            }
        }
        return fields;
    }

    private static long varint(byte[] message, int[] at) {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            byte b = message[at[0]++];
            value |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new IllegalArgumentException("malformed varint");
    }
}
