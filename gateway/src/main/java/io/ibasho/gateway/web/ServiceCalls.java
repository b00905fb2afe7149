package io.ibasho.gateway.web;

import io.ibasho.gateway.GatewayConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.ext.web.client.HttpRequest;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.Map;

/**
 * The pages' way to the services: server side, on the route URLs the gateway already forwards to, with her session's
 * access token (never the browser's cookies). Answers are handed back as they came (status and JSON); the pages turn
 * them into words. Nothing here logs a body.
 */
@ApplicationScoped
public class ServiceCalls {
    @Inject
    GatewayConfig config;

    @Inject
    Vertx vertx;

    @Inject
    io.ibasho.gateway.Gateway gateway;

    private WebClient client;

    /** A service's answer: its status and body (JSON object, array, or raw for the QR code's SVG). */
    public record Answer(int status, Buffer body, String contentType) {
        public boolean ok() {
            return status >= 200 && status < 300;
        }

        public JsonObject object() {
            try {
                Object parsed = body == null || body.length() == 0 ? null : body.toJson();
                return parsed instanceof JsonObject o ? o : new JsonObject();
            } catch (RuntimeException e) {
                return new JsonObject();
            }
        }

        public JsonArray array() {
            try {
                Object parsed = body == null || body.length() == 0 ? null : body.toJson();
                return parsed instanceof JsonArray a ? a : new JsonArray();
            } catch (RuntimeException e) {
                return new JsonArray();
            }
        }

        /** The stable problem name (RFC 9457 type without its base), or "" when the answer is no problem. */
        public String problem() {
            String type = object().getString("type", "");
            return type.substring(type.lastIndexOf('/') + 1);
        }
    }

    @PostConstruct
    void init() {
        client = WebClient.create(
                vertx,
                new WebClientOptions()
                        .setConnectTimeout((int) config.connectTimeout().toMillis())
                        .setIdleTimeout(
                                (int) Math.max(1, config.upstreamTimeout().toSeconds()))
                        .setKeepAlive(true)
                        .setFollowRedirects(false));
    }

    public Uni<Answer> get(String service, String pathAndQuery, String token) {
        return send(request("GET", service, pathAndQuery, token), null);
    }

    /** A write on her behalf, counted by the gateway's rate limits like the same write through /api/** would be. */
    public Uni<Answer> post(
            String service,
            String path,
            String token,
            Object json,
            String idempotencyKey,
            io.vertx.core.http.HttpServerRequest from) {
        return refusedByRateLimit("POST", path, token, from)
                .chain(refused -> refused != null
                        ? Uni.createFrom().item(refused)
                        : post(service, path, token, json, idempotencyKey));
    }

    /**
     * A write on her behalf that the write limits do not count: her erasure. It already needs a sign-in within the
     * last minutes and a confirmation word, erasing twice erases nothing more, and a spent booking budget must never
     * keep a woman from deleting her data. Also a page's own bookkeeping that the woman or partner did not ask for as a
     * write (a partner's visit to her schedule, recorded on every look): reloading a page must not spend her budget.
     */
    public Uni<Answer> postNotRateLimited(String service, String path, String token, Object json) {
        return post(service, path, token, json, null);
    }

    public Uni<Answer> put(
            String service, String path, String token, Object json, io.vertx.core.http.HttpServerRequest from) {
        return refusedByRateLimit("PUT", path, token, from)
                .chain(refused -> refused != null ? Uni.createFrom().item(refused) : put(service, path, token, json));
    }

    public Uni<Answer> delete(String service, String path, String token, io.vertx.core.http.HttpServerRequest from) {
        return refusedByRateLimit("DELETE", path, token, from)
                .chain(refused -> refused != null
                        ? Uni.createFrom().item(refused)
                        : send(request("DELETE", service, path, token), null));
    }

    private Uni<Answer> refusedByRateLimit(
            String method, String path, String token, io.vertx.core.http.HttpServerRequest from) {
        // the limits are per path; a query (the LINE code's consentLanguage) must not take a write out of them
        int query = path.indexOf('?');
        return gateway.rateLimit(method, query < 0 ? path : path.substring(0, query), token, from)
                .map(wait -> {
                    if (wait.isEmpty()) {
                        return null;
                    }
                    String problem = new JsonObject()
                            .put("type", "https://ibasho.example/problems/rate-limited")
                            .put("title", "Too many requests")
                            .put("status", 429)
                            .put("retryAfterSeconds", Math.max(1, wait.get().toSeconds()))
                            .encode();
                    return new Answer(429, Buffer.buffer(problem), "application/problem+json");
                });
    }

    private Uni<Answer> post(String service, String path, String token, Object json, String idempotencyKey) {
        HttpRequest<io.vertx.mutiny.core.buffer.Buffer> request = request("POST", service, path, token);
        if (idempotencyKey != null) {
            request.putHeader("Idempotency-Key", idempotencyKey);
        }
        return send(request, json);
    }

    private Uni<Answer> put(String service, String path, String token, Object json) {
        return send(request("PUT", service, path, token), json);
    }

    private HttpRequest<io.vertx.mutiny.core.buffer.Buffer> request(
            String method, String service, String pathAndQuery, String token) {
        URI base = base(service);
        boolean https = "https".equalsIgnoreCase(base.getScheme());
        int port = base.getPort() > 0 ? base.getPort() : (https ? 443 : 80);
        HttpRequest<io.vertx.mutiny.core.buffer.Buffer> request = client.request(
                        io.vertx.core.http.HttpMethod.valueOf(method), port, base.getHost(), pathAndQuery)
                .ssl(https)
                .timeout(config.upstreamTimeout().toMillis())
                .putHeader("Accept", "application/json, application/problem+json, image/svg+xml");
        if (token != null) {
            request.bearerTokenAuthentication(token);
        }
        return request;
    }

    private static Uni<Answer> send(HttpRequest<io.vertx.mutiny.core.buffer.Buffer> request, Object json) {
        Uni<HttpResponse<io.vertx.mutiny.core.buffer.Buffer>> sent;
        if (json == null) {
            sent = request.send();
        } else {
            Object body = json instanceof Map<?, ?> map ? new JsonObject(castMap(map)) : json;
            sent = request.sendJson(body);
        }
        return sent.map(response -> new Answer(
                response.statusCode(),
                response.body() == null ? Buffer.buffer() : response.body().getDelegate(),
                response.getHeader("Content-Type")));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Map<?, ?> map) {
        return (Map<String, Object>) map;
    }

    private URI base(String service) {
        GatewayConfig.Routes routes = config.routes();
        return switch (service) {
            case "event" -> routes.event().url();
            case "registration" -> routes.registration().url();
            case "childcare-booking" -> routes.childcareBooking().url();
            case "notification" -> routes.notification().url();
            default -> throw new IllegalArgumentException("no service " + service);
        };
    }
}
