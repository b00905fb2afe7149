package io.ibasho.gateway;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The notification service as the confirmed-address copy meets it (docs/adr/0027): her verify and withdrawal answer
 * 200, and the internal read answers the address a test put in the system property {@code fake.confirmed.<userId>}
 * (a system property: this class and the test see the same one across Quarkus' class loaders), only to a bearer token.
 * Everything else is the real test Keycloak.
 */
public class FakeNotification implements QuarkusTestResourceLifecycleManager {
    static final String INTERNAL = "/api/notifications/internal/confirmed-email/";

    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/", FakeNotification::answer);
        server.start();
        String url = "http://127.0.0.1:" + server.getAddress().getPort();
        return Map.of(
                "ibasho.gateway.routes.event.url", url,
                "ibasho.gateway.routes.registration.url", url,
                "ibasho.gateway.routes.childcare-booking.url", url,
                "ibasho.gateway.routes.notification.url", url,
                "quarkus.oidc.auth-server-url",
                        io.ibasho.testsupport.TestServers.get().keycloak().realmUrl());
    }

    private static void answer(HttpExchange exchange) throws IOException {
        try (exchange;
                InputStream in = exchange.getRequestBody()) {
            in.readAllBytes();
            String path = exchange.getRequestURI().getPath();
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            int status = 200;
            String body = "{}";
            if (authorization == null || !authorization.startsWith("Bearer ")) {
                status = 401;
            } else if (path.startsWith(INTERNAL)) {
                String address = System.getProperty("fake.confirmed." + path.substring(INTERNAL.length()));
                body = address == null ? "{\"address\":null}" : "{\"address\":\"" + address + "\"}";
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
