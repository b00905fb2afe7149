package io.ibasho.localstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * ./ibasho up's LINE stand-in, without the stack: it takes pushes as LINE's Messaging API does (token, retry key,
 * 409 once accepted), sends LINE's webhook signed with the channel secret, and the stack gives the notification
 * service its settings only when LINE is not configured otherwise.
 */
class LineStandInTest {
    private final HttpClient client =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void takesPushesAsLineDoesAndSendsSignedWebhooksAsLineDoes() throws Exception {
        List<String[]> webhooks = new ArrayList<>();
        HttpServer gateway = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        gateway.createContext("/api/notifications/line/webhook", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            synchronized (webhooks) {
                webhooks.add(new String[] {body, exchange.getRequestHeaders().getFirst("X-Line-Signature")});
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        gateway.start();
        LineStandIn standIn = LineStandIn.start(
                0,
                URI.create("http://127.0.0.1:" + gateway.getAddress().getPort() + "/api/notifications/line/webhook"));
        try {
            String base = "http://127.0.0.1:" + standIn.port();
            String key = UUID.randomUUID().toString();
            String push = "{\"to\":\"" + LineStandIn.DEMO_USER
                    + "\",\"messages\":[{\"type\":\"text\",\"text\":\"Ibasho に新しいお知らせ\\nが届いています\"}]}";
            assertEquals(200, push(base, LineStandIn.CHANNEL_ACCESS_TOKEN, key, push));
            assertEquals(409, push(base, LineStandIn.CHANNEL_ACCESS_TOKEN, key, push)); // the same key: once
            assertEquals(401, push(base, "another-token", UUID.randomUUID().toString(), push));
            assertEquals(400, push(base, LineStandIn.CHANNEL_ACCESS_TOKEN, "not-a-uuid", push));
            assertEquals(1, standIn.pushes().size());
            assertEquals(
                    List.of("Ibasho に新しいお知らせ\nが届いています"), standIn.pushes().get(0).texts());
            assertEquals(LineStandIn.DEMO_USER, standIn.pushes().get(0).to());
            String page = client.send(
                            HttpRequest.newBuilder(URI.create(base + "/")).build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
            assertTrue(page.contains("が届いています"), page);

            // her phone sends her linking code to the official account: LINE's webhook, signed
            HttpResponse<String> sent = client.send(
                    HttpRequest.newBuilder(URI.create(base + "/send"))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString(
                                    "user=" + LineStandIn.DEMO_USER + "&text=AB12-CD34"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(303, sent.statusCode());
            synchronized (webhooks) {
                assertEquals(1, webhooks.size());
                String body = webhooks.get(0)[0];
                assertTrue(body.contains("\"text\":\"AB12-CD34\""), body);
                assertTrue(body.contains("\"userId\":\"" + LineStandIn.DEMO_USER + "\""), body);
                assertEquals(LineStandIn.sign(LineStandIn.CHANNEL_SECRET, body), webhooks.get(0)[1]);
            }
        } finally {
            standIn.stop();
            gateway.stop(0);
        }
    }

    @Test
    void upRunsTheStandInOnlyWhenLineIsNotConfiguredOtherwise() throws Exception {
        Path home = Files.createTempDirectory("ibasho-line-stand-in");
        StackSettings settings = StackSettings.fromEnvironment(home, Map.of("IBASHO_HOME", home.toString()));
        PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);

        LocalStack local = new LocalStack(settings, Artifacts.load(), out)
                .withEnvironment(Map.of())
                .withLineStandIn(33190);
        assertTrue(local.lineStandInUsed());
        Map<String, String> env = notificationEnv(local);
        assertEquals("http://127.0.0.1:33190", env.get("IBASHO_NOTIFICATION_LINE_API_BASE_URL"));
        assertEquals(LineStandIn.CHANNEL_SECRET, env.get("IBASHO_NOTIFICATION_LINE_CHANNEL_SECRET"));
        assertEquals("true", env.get("IBASHO_DEMO_DATA_ENABLED"));
        // status knows it (stopped here), and the command runs this very code
        ByteArrayOutputStream status = new ByteArrayOutputStream();
        new LocalStack(settings, Artifacts.load(), new PrintStream(status, true, StandardCharsets.UTF_8))
                .withEnvironment(Map.of())
                .withLineStandIn(33190)
                .status();
        assertTrue(status.toString(StandardCharsets.UTF_8).contains("line      :33190"), status.toString());
        assertTrue(LineStandIn.command(33190, URI.create("http://127.0.0.1:8080/api/notifications/line/webhook"))
                .contains(LineStandIn.class.getName()));

        // a real official account in the shell's environment wins: no stand-in
        LocalStack real = new LocalStack(settings, Artifacts.load(), out)
                .withEnvironment(Map.of("IBASHO_NOTIFICATION_LINE_CHANNEL_SECRET", "real"))
                .withLineStandIn(33190);
        assertFalse(real.lineStandInUsed());
        assertEquals("real", notificationEnv(real).get("IBASHO_NOTIFICATION_LINE_CHANNEL_SECRET"));
        // so does a test's fake, and without withLineStandIn (the tests' stacks) there is none
        assertFalse(new LocalStack(settings, Artifacts.load(), out)
                .withEnvironment(Map.of())
                .withLineStandIn(33190)
                .withNotificationLine(Map.of("IBASHO_NOTIFICATION_LINE_CHANNEL_SECRET", "fake"))
                .lineStandInUsed());
        assertFalse(new LocalStack(settings, Artifacts.load(), out)
                .withEnvironment(Map.of())
                .lineStandInUsed());
        assertEquals(8190, Main.lineStandInPort(Map.of()));
        assertEquals(33190, Main.lineStandInPort(Map.of("IBASHO_LINE_STAND_IN_PORT", "33190")));
    }

    private static Map<String, String> notificationEnv(LocalStack stack) throws Exception {
        QuarkusApp notification = stack.apps().stream()
                .filter(app -> app.name().equals("notification"))
                .findFirst()
                .orElseThrow();
        return notification.environment();
    }

    private int push(String base, String token, String key, String body) throws Exception {
        return client.send(
                        HttpRequest.newBuilder(URI.create(base + "/v2/bot/message/push"))
                                .header("Authorization", "Bearer " + token)
                                .header("Content-Type", "application/json")
                                .header("X-Line-Retry-Key", key)
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .statusCode();
    }
}
