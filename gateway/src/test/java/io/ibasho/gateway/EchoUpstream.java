package io.ibasho.gateway;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A real upstream for the gateway's tests: a JDK HTTP server on a free port that answers every request with what it
 * received (method, raw URI, headers, body) as JSON. event, registration and childcare-booking point at it;
 * notification points at a port where nothing listens, to see the gateway answer for a service that is down.
 * {@code .../slow} answers after 3 s, past the test's upstream timeout; {@code .../hold} after 8 s, holding its connection.
 */
public class EchoUpstream implements QuarkusTestResourceLifecycleManager {
    private HttpServer server;
    private ExecutorService executor;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        executor = Executors.newCachedThreadPool();
        server.setExecutor(executor);
        server.createContext("/", EchoUpstream::echo);
        server.start();
        String echo = "http://127.0.0.1:" + server.getAddress().getPort();
        return Map.of(
                "ibasho.gateway.routes.event.url", echo,
                "ibasho.gateway.routes.registration.url", echo,
                "ibasho.gateway.routes.childcare-booking.url", echo,
                "ibasho.gateway.routes.notification.url", "http://127.0.0.1:" + deadPort(),
                // browser login needs the real test Keycloak (the same one Tokens uses)
                "quarkus.oidc.auth-server-url",
                        io.ibasho.testsupport.TestServers.get().keycloak().realmUrl());
    }

    private static void echo(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] received;
            try (InputStream in = exchange.getRequestBody()) {
                received = in.readAllBytes();
            }
            String path = exchange.getRequestURI().getPath();
            String delay = exchange.getRequestHeaders().getFirst("X-Test-Delay-Ms");
            if (path.endsWith("/slow") || path.endsWith("/hold") || delay != null) {
                try {
                    Thread.sleep(delay != null ? Long.parseLong(delay) : path.endsWith("/hold") ? 8000 : 3000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            // JSON by hand: this class lives outside the application's class loader, where Vert.x' Json cannot start.
            StringBuilder headers = new StringBuilder("{");
            exchange.getRequestHeaders().forEach((name, values) -> {
                headers.append(headers.length() > 1 ? "," : "")
                        .append(quote(name.toLowerCase()))
                        .append(":[");
                headers.append(String.join(
                                ",", values.stream().map(EchoUpstream::quote).toList()))
                        .append("]");
            });
            headers.append("}");
            byte[] answer = ("{\"method\":" + quote(exchange.getRequestMethod())
                            + ",\"uri\":" + quote(exchange.getRequestURI().toString())
                            + ",\"headers\":" + headers
                            + ",\"body\":" + quote(new String(received, StandardCharsets.UTF_8))
                            + ",\"bodyLength\":" + received.length + "}")
                    .getBytes(StandardCharsets.UTF_8);
            var out = exchange.getResponseHeaders();
            String base = "http://" + exchange.getLocalAddress().getAddress().getHostAddress() + ":"
                    + exchange.getLocalAddress().getPort();
            // A service's answers that the gateway must make public: a Location built from the service's own address
            // (X-Test-Location, "{upstream}" = this server), a problem whose instance is its path inside the service.
            String location = exchange.getRequestHeaders().getFirst("X-Test-Location");
            if (location != null) {
                out.set("Location", location.replace("{upstream}", base));
            }
            String instance = exchange.getRequestHeaders().getFirst("X-Test-Problem-Instance");
            if (instance != null) {
                byte[] problem =
                        ("{\"type\":\"https://ibasho.example/problems/not-found\",\"title\":\"Not found\",\"status\":404,"
                                        + "\"instance\":" + quote(instance) + "}")
                                .getBytes(StandardCharsets.UTF_8);
                out.set("Content-Type", "application/problem+json");
                exchange.sendResponseHeaders(404, problem.length);
                try (OutputStream body = exchange.getResponseBody()) {
                    body.write(problem);
                }
                return;
            }
            // X-Test-List-Version names the list's version: its ETag is then "echo-list-<version>", and only that tag
            // gets a 304 (without it, any If-None-Match does)
            String version = exchange.getRequestHeaders().getFirst("X-Test-List-Version");
            String listEtag = "\"echo-list" + (version == null ? "" : "-" + version) + "\"";
            String ifNoneMatch = exchange.getRequestHeaders().getFirst("If-None-Match");
            if (ifNoneMatch != null && (version == null || ifNoneMatch.equals(listEtag))) {
                // the event service's answer to a returning client: 304, no body, no length
                String cacheControl = exchange.getRequestHeaders().getFirst("X-Test-Cache-Control");
                out.set("ETag", listEtag);
                out.set("Cache-Control", cacheControl == null ? "public, max-age=5" : cacheControl);
                exchange.sendResponseHeaders(304, -1);
                return;
            }
            out.set("Content-Type", "application/json");
            // Things a service might send that must not reach the browser as is.
            out.set("Keep-Alive", "timeout=5");
            out.set("Connection", "X-Upstream-Internal");
            out.set("X-Upstream-Internal", "should-be-stripped");
            out.set("Cache-Control", "public, max-age=3600");
            // the event service's public list: a short public max-age and an ETag (docs/adr/0051)
            String cacheControl = exchange.getRequestHeaders().getFirst("X-Test-Cache-Control");
            if (cacheControl != null) {
                out.set("Cache-Control", cacheControl);
                out.set("ETag", listEtag);
            }
            out.set("X-Upstream-Visible", "yes");
            exchange.sendResponseHeaders(200, answer.length);
            try (OutputStream body = exchange.getResponseBody()) {
                body.write(answer);
            }
        }
    }

    private static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    private static int deadPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
        if (executor != null) {
            executor.shutdownNow();
        }
    }
}
