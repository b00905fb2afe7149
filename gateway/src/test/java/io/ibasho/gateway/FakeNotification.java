package io.ibasho.gateway;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

/**
 * The notification service as the confirmed-address copy meets it (docs/adr/0027): her verify and withdrawal answer
 * 200, a LINE code is ABCD-EFGH (LINE linked when {@code fake.line.linkedAt} is set), what the gateway sent is kept in
 * {@code fake.body.<path>} and counted in {@code fake.calls.<method><path>}, her settings are {@code fake.preferences}
 * when a test sets it (JSON), her open survey invitations hold one whose token is {@code fake.survey.token} when a test sets it,
 * and the internal read answers the
 * address a test put in the system property {@code fake.confirmed.<userId>}
 * (a system property: this class and the test see the same one across Quarkus' class loaders), only to a bearer token.
 * Everything else is the real test Keycloak.
 */
public class FakeNotification implements QuarkusTestResourceLifecycleManager {
    static final String INTERNAL = "/api/notifications/internal/confirmed-email/";
    static final String PREFERENCES = "/api/notifications/preferences";
    static final String LINE = "/api/notifications/line";
    static final String LINE_CODE = LINE + "/code";
    static final String SURVEYS_MINE = "/api/registrations/surveys/mine";
    static final String SURVEY_REGISTRATION = "r-survey-1";

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
                // every class on this fake changes e-mail settings from 127.0.0.1, on one application: the test
                // profile's three account writes an hour per address are RateLimitAccountTest's, not theirs
                "ibasho.gateway.rate-limit.account.per-ip.capacity", "1000",
                "ibasho.gateway.rate-limit.account.per-user.capacity", "100",
                "quarkus.oidc.auth-server-url",
                        io.ibasho.testsupport.TestServers.get().keycloak().realmUrl());
    }

    private static void answer(HttpExchange exchange) throws IOException {
        try (exchange;
                InputStream in = exchange.getRequestBody()) {
            String sent = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            String path = exchange.getRequestURI().getPath();
            // what the gateway sent, and how often, for a test to read back
            System.setProperty("fake.body." + path, sent);
            System.setProperty(
                    "fake.calls." + exchange.getRequestMethod() + path,
                    String.valueOf(Integer.parseInt(
                                    System.getProperty("fake.calls." + exchange.getRequestMethod() + path, "0"))
                            + 1));
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            int status = 200;
            String body = "{}";
            if (authorization == null || !authorization.startsWith("Bearer ")) {
                status = 401;
            } else if (path.equals(PREFERENCES)
                    && "GET".equals(exchange.getRequestMethod())
                    && System.getProperty("fake.preferences") != null) {
                body = System.getProperty("fake.preferences");
            } else if (path.equals(LINE_CODE)) {
                body = "{\"code\":\"ABCD-EFGH\",\"expiresAt\":\""
                        + Instant.now().plusSeconds(600) + "\"}";
            } else if (path.equals(LINE) && "GET".equals(exchange.getRequestMethod())) {
                // a LINE official account here; linked when a test says so, else waiting for the code above
                body = System.getProperty("fake.line.linkedAt") != null
                        ? "{\"available\":true,\"linked\":true,\"linkedAt\":\""
                                + System.getProperty("fake.line.linkedAt") + "\"}"
                        : "{\"available\":true,\"linked\":false,\"codeExpiresAt\":\""
                                + Instant.now().plusSeconds(600) + "\"}";
            } else if (path.equals(SURVEYS_MINE) && System.getProperty("fake.survey.token") != null) {
                // registration's side of the survey: one open invitation, its token set by the test
                body = "[{\"registrationId\":\"" + SURVEY_REGISTRATION
                        + "\",\"sessionId\":\"s-survey\",\"token\":\"" + System.getProperty("fake.survey.token")
                        + "\",\"questions\":[]}]";
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
