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
 * The event and registration services as the door page meets them: one published café of 8 December 2030 (far from
 * the gateway's clock, so only registration's word can open its door), whose roster says the door is open while the
 * system property {@code fake.door.open} is "true", and whose check-ins and drop-ins are refused with registration's
 * {@code not-door-day} problem while {@code fake.door.refuse} is "true". Every write is counted in
 * {@code fake.door.calls.<path>}. The rest (every other call of every service) answers 200 with {@code {}}.
 */
public class FakeDoorServices implements QuarkusTestResourceLifecycleManager {
    static final String SESSION = "5e55a0f0-0000-4000-8000-00000000d001";
    static final String REGISTRATION = "5e55a0f0-0000-4000-8000-00000000d002";

    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/", FakeDoorServices::answer);
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
            String method = exchange.getRequestMethod();
            int status = 200;
            String type = "application/json";
            String body = "{}";
            if (path.equals("/api/events/sessions/" + SESSION + "/manage")) {
                body = """
                        {"id":"%s","titleJa":"受付のテストカフェ","kind":"cafe","status":"PUBLISHED",
                         "allocation":"FIRST_COME","startsAt":"2030-12-08T01:00:00Z","endsAt":"2030-12-08T03:00:00Z"}
                        """.formatted(SESSION);
            } else if (path.equals("/api/registrations/sessions/" + SESSION + "/roster")) {
                boolean open = Boolean.getBoolean("fake.door.open");
                body = """
                        {"sessionId":"%s","capacity":10,"seatsTaken":1,"confirmed":1,"overCapacity":false,"dropIns":0,
                         "doorOpen":%s,"doorClosedBecause":%s,
                         "entries":[{"registrationId":"%s","nickname":"さくら","status":"confirmed","bookingCode":"AB12CD34"}]}
                        """.formatted(SESSION, open, open ? "null" : "\"not-door-day\"", REGISTRATION);
            } else if ("POST".equals(method) && path.startsWith("/api/registrations/sessions/" + SESSION + "/")) {
                System.setProperty(
                        "fake.door.calls." + path,
                        String.valueOf(Integer.parseInt(System.getProperty("fake.door.calls." + path, "0")) + 1));
                if (Boolean.getBoolean("fake.door.refuse")) {
                    status = 409;
                    type = "application/problem+json";
                    body = "{\"type\":\"https://ibasho.example/problems/not-door-day\",\"title\":\"Conflict\","
                            + "\"status\":409,\"detail\":\"Attendance and drop-ins are recorded on the session's day.\"}";
                }
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", type);
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
