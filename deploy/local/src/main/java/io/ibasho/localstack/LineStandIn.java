package io.ibasho.localstack;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The local stack's stand-in for LINE (there is no official account on a developer's machine), so that linking LINE
 * and LINE messages can be tried with {@code ./ibasho up}. Two halves, as LINE has them:
 *
 * <ul>
 *   <li>the Messaging API's push ({@code POST /v2/bot/message/push}) that the notification service calls: the Bearer
 *       token, a UUID {@code X-Line-Retry-Key} ({@code 409} when one is seen again, nothing shown twice) and a JSON
 *       body with a {@code to} and texts, as LINE documents it;
 *   <li>a page at {@code /} that plays her phone: it shows what was pushed, and sends a text (her linking code) or
 *       blocks the official account as a LINE user would, by POSTing LINE's webhook, signed with the channel secret,
 *       to the gateway's {@code /api/notifications/line/webhook}.
 * </ul>
 *
 * Runs as its own process ({@link #main}) with only the JDK, its PID kept like every server of the stack. Everything
 * is in memory and fictional: the demo LINE user and the local token and secret exist only here.
 */
public final class LineStandIn {
    /** The local stack's official account: good only against this stand-in. */
    public static final String CHANNEL_ACCESS_TOKEN = "local-stand-in-line-channel-access-token";

    public static final String CHANNEL_SECRET = "local-stand-in-line-channel-secret";
    /** Her LINE account in the local demo: "U" and 32 hex digits, as LINE gives them. */
    public static final String DEMO_USER = "U0000000000000000000000000000beef";

    static final int MAX_SHOWN = 50;
    private static final Pattern TO = Pattern.compile("\"to\"\\s*:\\s*\"(U[0-9a-f]{32})\"");
    private static final Pattern TEXT = Pattern.compile("\"text\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

    /** A push it accepted: when, to whom, the texts. */
    public record Push(Instant at, String to, List<String> texts) {}

    private final HttpServer server;
    private final URI webhook;
    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1) // the gateway speaks HTTP/1.1 only
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final Deque<Push> pushes = new ArrayDeque<>();
    private final Set<String> acceptedKeys = new HashSet<>();
    private volatile String lastWebhookAnswer = "";

    private LineStandIn(HttpServer server, URI webhook) {
        this.server = server;
        this.webhook = webhook;
    }

    /** Starts it on 127.0.0.1:{@code port} (0: a free one), sending webhooks to {@code webhook}. */
    public static LineStandIn start(int port, URI webhook) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        LineStandIn standIn = new LineStandIn(server, webhook);
        server.createContext("/", standIn::handle);
        server.start();
        return standIn;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public void stop() {
        server.stop(0);
    }

    public synchronized List<Push> pushes() {
        return List.copyOf(pushes);
    }

    /** The notification service's settings for this stand-in: LINE is then offered, against it. */
    public static Map<String, String> notificationEnvironment(int port) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("IBASHO_NOTIFICATION_LINE_API_BASE_URL", "http://127.0.0.1:" + port);
        env.put("IBASHO_NOTIFICATION_LINE_CHANNEL_ACCESS_TOKEN", CHANNEL_ACCESS_TOKEN);
        env.put("IBASHO_NOTIFICATION_LINE_CHANNEL_SECRET", CHANNEL_SECRET);
        return env;
    }

    /** {@code java -cp local-stack.jar io.ibasho.localstack.LineStandIn <port> <webhook URL>}: until stopped. */
    public static void main(String[] args) throws Exception {
        LineStandIn standIn = start(Integer.parseInt(args[0]), URI.create(args[1]));
        System.out.println("LINE stand-in on http://127.0.0.1:" + standIn.port() + "/ (webhooks to " + args[1] + ")");
        Thread.currentThread().join();
    }

    /** The command that runs it as a process of its own, with the launcher's own code. */
    static List<String> command(int port, URI webhook) {
        return ManagedProcess.ownClassCommand("32m", LineStandIn.class, Integer.toString(port), webhook.toString());
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            if ("/v2/bot/message/push".equals(path) && "POST".equals(method)) {
                push(exchange, new String(body, StandardCharsets.UTF_8));
            } else if ("/".equals(path) && "GET".equals(method)) {
                answer(exchange, 200, "text/html; charset=utf-8", page());
            } else if ("/send".equals(path) && "POST".equals(method)) {
                Map<String, String> form = form(new String(body, StandardCharsets.UTF_8));
                String user = form.getOrDefault("user", DEMO_USER);
                lastWebhookAnswer = sendWebhook(textMessageWebhook(user, form.getOrDefault("text", "")));
                redirectHome(exchange);
            } else if ("/block".equals(path) && "POST".equals(method)) {
                String user = form(new String(body, StandardCharsets.UTF_8)).getOrDefault("user", DEMO_USER);
                lastWebhookAnswer = sendWebhook(unfollowWebhook(user));
                redirectHome(exchange);
            } else {
                answer(exchange, 404, "application/json", "{\"message\":\"Not found\"}");
            }
        }
    }

    private void push(HttpExchange exchange, String body) throws IOException {
        if (!("Bearer " + CHANNEL_ACCESS_TOKEN)
                .equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            answer(exchange, 401, "application/json", "{\"message\":\"Authentication failed\"}");
            return;
        }
        String key = exchange.getRequestHeaders().getFirst("X-Line-Retry-Key");
        Matcher to = TO.matcher(body);
        List<String> texts = new ArrayList<>();
        Matcher text = TEXT.matcher(body);
        while (text.find()) {
            texts.add(unescape(text.group(1)));
        }
        if (key == null
                || !key.matches("(?i)[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
                || !to.find()
                || texts.isEmpty()
                || texts.size() > 5) {
            answer(exchange, 400, "application/json", "{\"message\":\"The request body has 1 error(s)\"}");
            return;
        }
        synchronized (this) {
            if (!acceptedKeys.add(key.toLowerCase())) {
                exchange.getResponseHeaders().set("x-line-accepted-request-id", key);
                answer(exchange, 409, "application/json", "{\"message\":\"The retry key is already accepted\"}");
                return;
            }
            pushes.addFirst(new Push(Instant.now(), to.group(1), List.copyOf(texts)));
            while (pushes.size() > MAX_SHOWN) {
                pushes.removeLast();
            }
        }
        // the log says that something went out, never what: like the real LINE, the text stays on her phone
        System.out.println("push accepted (" + texts.size() + " message(s))");
        answer(exchange, 200, "application/json", "{\"sentMessages\":[{\"id\":\"1\",\"quoteToken\":\"q\"}]}");
    }

    /** POSTs a webhook body to the gateway, signed as LINE signs it; answers what came back, for the page. */
    String sendWebhook(String body) {
        try {
            HttpResponse<String> response = client.send(
                    HttpRequest.newBuilder(webhook)
                            .timeout(Duration.ofSeconds(10))
                            .header("Content-Type", "application/json")
                            .header("X-Line-Signature", sign(CHANNEL_SECRET, body))
                            .POST(HttpRequest.BodyPublishers.ofString(body))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return "webhook answered " + response.statusCode();
        } catch (IOException e) {
            return "webhook not delivered: " + e.getClass().getSimpleName();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    /** LINE's webhook signature of {@code body}: base64(HMAC-SHA256(channel secret, body)); the test fake's too. */
    public static String sign(String secret, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String textMessageWebhook(String user, String text) {
        long now = System.currentTimeMillis();
        return """
                {"destination":"Ulocal00000000000000000000000000","events":[{"type":"message","mode":"active",\
                "timestamp":%d,"source":{"type":"user","userId":"%s"},"webhookEventId":"%s",\
                "deliveryContext":{"isRedelivery":false},"replyToken":"%s",\
                "message":{"id":"%d","type":"text","quoteToken":"q","text":"%s"}}]}""".formatted(
                        now,
                        user,
                        UUID.randomUUID(),
                        UUID.randomUUID().toString().replace("-", ""),
                        now % 1_000_000_000L,
                        escape(text));
    }

    static String unfollowWebhook(String user) {
        return """
                {"destination":"Ulocal00000000000000000000000000","events":[{"type":"unfollow","mode":"active",\
                "timestamp":%d,"source":{"type":"user","userId":"%s"},"webhookEventId":"%s",\
                "deliveryContext":{"isRedelivery":false}}]}""".formatted(System.currentTimeMillis(), user, UUID.randomUUID());
    }

    private String page() {
        StringBuilder out = new StringBuilder();
        out.append(
                        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                                + "<title>LINE stand-in (local)</title></head><body><main>"
                                + "<h1>LINE stand-in (local stack only)</h1>"
                                + "<p>Plays her phone in LINE: send the 8-character code from Settings → LINE in the app to link, or"
                                + " block the official account to unlink. Pushes from Ibasho appear below.</p>"
                                + "<form method=\"post\" action=\"/send\"><p><label>LINE user <input name=\"user\" size=\"36\" value=\"")
                .append(DEMO_USER)
                .append("\"></label></p><p><label>Message <input name=\"text\" autocomplete=\"off\"></label> "
                        + "<button type=\"submit\">Send to the official account</button></p></form>"
                        + "<form method=\"post\" action=\"/block\"><input type=\"hidden\" name=\"user\" value=\"")
                .append(DEMO_USER)
                .append("\"><p><button type=\"submit\">Block the official account</button></p></form>");
        if (!lastWebhookAnswer.isEmpty()) {
            out.append("<p role=\"status\">").append(html(lastWebhookAnswer)).append("</p>");
        }
        out.append("<h2>Pushed to LINE</h2>");
        List<Push> shown = pushes();
        if (shown.isEmpty()) {
            out.append("<p>Nothing yet.</p>");
        }
        for (Push push : shown) {
            out.append("<article><h3>")
                    .append(push.at())
                    .append(" → ")
                    .append(push.to())
                    .append("</h3>");
            push.texts().forEach(t -> out.append("<pre>").append(html(t)).append("</pre>"));
            out.append("</article>");
        }
        return out.append("</main></body></html>").toString();
    }

    private static void redirectHome(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("Location", "/");
        exchange.sendResponseHeaders(303, -1);
    }

    private static void answer(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static Map<String, String> form(String body) {
        Map<String, String> form = new HashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                form.put(
                        URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        Optional.ofNullable(form.get("user"))
                .filter(u -> !u.matches("U[0-9a-f]{32}"))
                .ifPresent(u -> form.put("user", DEMO_USER));
        return form;
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder();
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    static String unescape(String json) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (c != '\\' || i + 1 == json.length()) {
                out.append(c);
                continue;
            }
            char next = json.charAt(++i);
            switch (next) {
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'u' -> {
                    out.append((char) Integer.parseInt(json.substring(i + 1, i + 5), 16));
                    i += 4;
                }
                default -> out.append(next); // \" \\ \/
            }
        }
        return out.toString();
    }

    private static String html(String text) {
        return text.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;");
    }
}
