package io.ibasho.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A local stand-in for the LINE Messaging API (there is no internet here): a real HTTP server on a free port that
 * checks each push as LINE documents it (https://developers.line.biz/en/reference/messaging-api/#send-push-message and
 * https://developers.line.biz/en/docs/messaging-api/retrying-api-request/): path {@code /v2/bot/message/push}, the
 * Bearer channel access token, JSON {@code {to, messages:[{type:"text", text}]}} with 1 to 5 messages of at most 5000
 * characters, and an {@code X-Line-Retry-Key} that is a UUID. A retry key it already accepted is answered {@code 409}
 * with LINE's body and {@code x-line-accepted-request-id}, and nothing is delivered again. It records what it accepted
 * and what broke the rules, can be told to fail the next requests (no answer, 500, 429), and signs webhook bodies the
 * way LINE does ({@code X-Line-Signature}).
 *
 * <p>One per JVM ({@link #get()}); {@link Resource} points a {@code @QuarkusTest} service at it.
 */
public final class LineApiFake {
    /** Test-only credentials: the fake accepts this token, and signs webhooks with this channel secret. */
    public static final String CHANNEL_ACCESS_TOKEN = "test-line-channel-access-token";

    public static final String CHANNEL_SECRET = "test-line-channel-secret";
    public static final int MAX_TEXT_LENGTH = 5000;

    /** A push LINE accepted: the retry key, the LINE userId it went to, and its texts. */
    public record Push(String retryKey, String to, List<String> texts) {}

    /** A request that broke LINE's documented rules, and which rule. */
    public record Rejected(String path, String reason) {}

    /** How the next requests fail. */
    public enum Fault {
        /** Accepted (LINE delivers it) but never answered: the sender's request times out. */
        ACCEPT_BUT_NO_ANSWER,
        /** 500 without accepting. */
        SERVER_ERROR,
        /** 429, LINE's rate limit, without accepting. */
        TOO_MANY_REQUESTS,
        /** 400 as for an invalid request: a permanent failure. */
        BAD_REQUEST
    }

    private static LineApiFake instance;

    private final HttpServer server;
    private final ObjectMapper json = new ObjectMapper();
    private final List<Push> accepted = new ArrayList<>();
    private final List<Rejected> rejected = new ArrayList<>();
    private final Set<String> acceptedKeys = new HashSet<>();
    private final Deque<Fault> faults = new ArrayDeque<>();
    private final CountDownLatch releaseHeld = new CountDownLatch(1);

    private LineApiFake() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        // Several threads: a held request (no answer) must not block the next one.
        server.setExecutor(Executors.newFixedThreadPool(4, r -> {
            Thread thread = new Thread(r, "line-api-fake");
            thread.setDaemon(true);
            return thread;
        }));
        server.createContext("/", this::handle);
        server.start();
    }

    /** The fake of this JVM, started on first use on a free port; it lives as long as the JVM. */
    public static synchronized LineApiFake get() {
        if (instance == null) {
            try {
                instance = new LineApiFake();
            } catch (IOException e) {
                throw new IllegalStateException("cannot start the LINE API fake", e);
            }
        }
        return instance;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public synchronized List<Push> accepted() {
        return List.copyOf(accepted);
    }

    public synchronized List<Push> acceptedFor(String lineUserId) {
        return accepted.stream().filter(p -> p.to().equals(lineUserId)).toList();
    }

    public synchronized List<Rejected> rejected() {
        return List.copyOf(rejected);
    }

    /** The next {@code times} push requests fail with {@code fault}, in turn. */
    public synchronized void failNext(Fault fault, int times) {
        for (int i = 0; i < times; i++) {
            faults.add(fault);
        }
    }

    /** LINE's webhook signature of {@code body}: base64(HMAC-SHA256(channel secret, body)). */
    public static String sign(String body) {
        return sign(CHANNEL_SECRET, body);
    }

    public static String sign(String secret, String body) {
        return io.ibasho.localstack.LineStandIn.sign(secret, body);
    }

    /** A webhook body as LINE sends it when a user sends {@code text} to the official account. */
    public static String textMessageWebhook(String lineUserId, String text, long timestampMillis) {
        return """
                {"destination":"Ubot0000000000000000000000000000","events":[{"type":"message","mode":"active",\
                "timestamp":%d,"source":{"type":"user","userId":"%s"},"webhookEventId":"%s",\
                "deliveryContext":{"isRedelivery":false},"replyToken":"%s",\
                "message":{"id":"%d","type":"text","quoteToken":"q","text":%s}}]}""".formatted(
                        timestampMillis,
                        lineUserId,
                        UUID.randomUUID(),
                        UUID.randomUUID().toString().replace("-", ""),
                        Math.abs(timestampMillis % 1_000_000_000L),
                        quote(text));
    }

    /** A webhook body as LINE sends it when the user blocks (unfriends) the official account. */
    public static String unfollowWebhook(String lineUserId, long timestampMillis) {
        return """
                {"destination":"Ubot0000000000000000000000000000","events":[{"type":"unfollow","mode":"active",\
                "timestamp":%d,"source":{"type":"user","userId":"%s"},"webhookEventId":"%s",\
                "deliveryContext":{"isRedelivery":false}}]}""".formatted(timestampMillis, lineUserId, UUID.randomUUID());
    }

    /** A LINE userId: "U" and 32 hex digits. */
    public static String newUserId() {
        return "U" + UUID.randomUUID().toString().replace("-", "");
    }

    private static String quote(String text) {
        try {
            return new ObjectMapper().writeValueAsString(text);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            if (!"/v2/bot/message/push".equals(path)) {
                reject(exchange, path, 404, "no such endpoint");
                return;
            }
            if (!"POST".equals(exchange.getRequestMethod())) {
                reject(exchange, path, 405, "push is POST");
                return;
            }
            if (!("Bearer " + CHANNEL_ACCESS_TOKEN)
                    .equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                reject(exchange, path, 401, "missing or wrong Bearer channel access token");
                return;
            }
            String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
            if (contentType == null || !contentType.toLowerCase().startsWith("application/json")) {
                reject(exchange, path, 400, "Content-Type must be application/json");
                return;
            }
            String retryKey = exchange.getRequestHeaders().getFirst("X-Line-Retry-Key");
            if (retryKey == null || !isUuid(retryKey)) {
                reject(exchange, path, 400, "X-Line-Retry-Key missing or not a UUID");
                return;
            }
            Push push;
            try {
                push = parse(body);
            } catch (IllegalArgumentException | IOException e) {
                reject(exchange, path, 400, e.getMessage());
                return;
            }
            Fault fault;
            synchronized (this) {
                if (acceptedKeys.contains(retryKey.toLowerCase())) {
                    answer(
                            exchange,
                            409,
                            "{\"message\":\"The retry key is already accepted\",\"sentMessages\":[]}",
                            retryKey);
                    return;
                }
                fault = faults.poll();
                if (fault == null || fault == Fault.ACCEPT_BUT_NO_ANSWER) {
                    acceptedKeys.add(retryKey.toLowerCase());
                    accepted.add(new Push(retryKey, push.to(), push.texts()));
                }
            }
            if (fault == null) {
                answer(exchange, 200, "{\"sentMessages\":[{\"id\":\"1\",\"quoteToken\":\"q\"}]}", null);
                return;
            }
            switch (fault) {
                case ACCEPT_BUT_NO_ANSWER -> {
                    // Hold the answer until the sender gave up (or the JVM ends): it then retries with the same key.
                    try {
                        releaseHeld.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                case SERVER_ERROR -> answer(exchange, 500, "{\"message\":\"Internal server error\"}", null);
                case TOO_MANY_REQUESTS ->
                    answer(
                            exchange,
                            429,
                            "{\"message\":\"The API rate limit has been exceeded. Try again later.\"}",
                            null);
                case BAD_REQUEST -> answer(exchange, 400, "{\"message\":\"The request body has 1 error(s)\"}", null);
            }
        }
    }

    private Push parse(byte[] body) throws IOException {
        JsonNode root = json.readTree(body);
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("body is not a JSON object");
        }
        String to = root.path("to").asText("");
        if (!to.matches("U[0-9a-f]{32}")) {
            throw new IllegalArgumentException("to is not a LINE userId");
        }
        JsonNode messages = root.path("messages");
        if (!messages.isArray() || messages.isEmpty() || messages.size() > 5) {
            throw new IllegalArgumentException("messages must hold 1 to 5 messages");
        }
        List<String> texts = new ArrayList<>();
        for (JsonNode message : messages) {
            if (!"text".equals(message.path("type").asText())) {
                throw new IllegalArgumentException("only text messages are expected");
            }
            String text = message.path("text").asText("");
            if (text.isEmpty() || text.codePointCount(0, text.length()) > MAX_TEXT_LENGTH) {
                throw new IllegalArgumentException("text must be 1 to 5000 characters");
            }
            texts.add(text);
        }
        return new Push(null, to, texts);
    }

    private static boolean isUuid(String value) {
        return value.matches("(?i)[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    }

    private void reject(HttpExchange exchange, String path, int status, String reason) throws IOException {
        synchronized (this) {
            rejected.add(new Rejected(path, reason));
        }
        answer(exchange, status, "{\"message\":\"" + reason.replace("\"", "'") + "\"}", null);
    }

    private static void answer(HttpExchange exchange, int status, String body, String acceptedRequestId)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.getResponseHeaders().set("x-line-request-id", UUID.randomUUID().toString());
        if (acceptedRequestId != null) {
            exchange.getResponseHeaders().set("x-line-accepted-request-id", acceptedRequestId);
        }
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    /**
     * Points a service under test at the fake: {@code ibasho.notification.line.*}. Declared with
     * {@code scope = GLOBAL}, every test class of the module shares it, so no class restarts the application for it.
     */
    public static class Resource implements QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            return Map.of(
                    "ibasho.notification.line.api-base-url", get().baseUrl(),
                    "ibasho.notification.line.channel-access-token", CHANNEL_ACCESS_TOKEN,
                    "ibasho.notification.line.channel-secret", CHANNEL_SECRET);
        }

        @Override
        public void stop() {
            // lives as long as the JVM, like the other test servers
        }
    }
}
