package io.ibasho.gateway;

import io.netty.handler.codec.http.QueryStringDecoder;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reads a small HTML form post. Whatever arrives (no Content-Type, JSON, garbage, a beacon's empty body, too much) it
 * hands on a map, empty when the body is not a urlencoded form: a form that cannot be read is the caller's 403 or 422,
 * never a 500.
 */
public final class FormBody {
    /**
     * More than any of the app's forms needs; the rest is not read. The session and series forms carry 内容・プログラム
     * (2,000 characters), 持ち物 and 対象 beside the rest: in Japanese, urlencoded at 9 bytes a character, about 25 KiB.
     */
    public static final int LIMIT = 64 * 1024;

    private FormBody() {}

    public static void read(RoutingContext ctx, Consumer<MultiMap> then) {
        HttpServerRequest request = ctx.request();
        if (ctx.body() != null && ctx.body().available()) {
            then.accept(parse(
                    request.getHeader(HttpHeaders.CONTENT_TYPE), ctx.body().buffer()));
            return;
        }
        if (request.isEnded()) {
            then.accept(MultiMap.caseInsensitiveMultiMap());
            return;
        }
        Buffer body = Buffer.buffer();
        boolean[] done = {false};
        long[] received = {0};
        long serverLimit = serverLimit();
        request.handler(chunk -> {
            if (done[0]) {
                return;
            }
            received[0] += chunk.length();
            if (received[0] > serverLimit) {
                // A chunked body has no length to refuse up front; past the server's limit (what a Content-Length
                // over it gets, too) the answer is the gateway's own 413 problem, not Vert.x's bare one or a reset.
                done[0] = true;
                ctx.response().putHeader(HttpHeaders.CONNECTION, "close");
                Problems.send(
                        ctx,
                        413,
                        "payload-too-large",
                        "Request too large",
                        "Requests may carry at most " + (serverLimit / 1024) + " KiB.");
                return;
            }
            if (body.length() + chunk.length() <= LIMIT) {
                body.appendBuffer(chunk);
            }
        });
        request.exceptionHandler(e -> {
            if (!done[0]) {
                done[0] = true;
                then.accept(MultiMap.caseInsensitiveMultiMap());
            }
        });
        request.endHandler(v -> {
            if (!done[0]) {
                done[0] = true;
                then.accept(parse(request.getHeader(HttpHeaders.CONTENT_TYPE), body));
            }
        });
        request.resume();
    }

    /**
     * A small binary body (the door's camera frame): all of it, or null when more than {@code max} bytes arrived. A
     * body another handler read already is handed on; one that ended unread is empty, never a request left hanging.
     */
    public static void bytes(RoutingContext ctx, int max, Consumer<Buffer> then) {
        HttpServerRequest request = ctx.request();
        if (ctx.body() != null && ctx.body().available()) {
            Buffer body = ctx.body().buffer();
            then.accept(body != null && body.length() <= max ? body : null);
            return;
        }
        if (request.isEnded()) {
            then.accept(Buffer.buffer());
            return;
        }
        Buffer body = Buffer.buffer();
        boolean[] state = {false, false}; // done, too large
        request.handler(chunk -> {
            if (body.length() + chunk.length() <= max) {
                body.appendBuffer(chunk);
            } else {
                state[1] = true;
            }
        });
        request.exceptionHandler(e -> {
            if (!state[0]) {
                state[0] = true;
                then.accept(null);
            }
        });
        request.endHandler(x -> {
            if (!state[0]) {
                state[0] = true;
                then.accept(state[1] ? null : body);
            }
        });
        request.resume();
    }

    /**
     * A body read through and dropped as it arrives, whatever its size: nothing of it is kept. Completes when it has
     * all arrived (or broke off), at once when there is none. For the quick exit, which must answer whatever it is sent.
     */
    public static io.smallrye.mutiny.Uni<Void> dropped(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        if (request.isEnded()) {
            return io.smallrye.mutiny.Uni.createFrom().voidItem();
        }
        return io.smallrye.mutiny.Uni.createFrom().emitter(done -> {
            request.handler(chunk -> {});
            request.exceptionHandler(e -> done.complete(null));
            request.endHandler(v -> done.complete(null));
            request.resume();
        });
    }

    /** quarkus.http.limits.max-body-size (1M in this gateway), the limit a Content-Length is refused at. */
    private static long serverLimit() {
        return org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getOptionalValue(
                        "quarkus.http.limits.max-body-size", io.quarkus.runtime.configuration.MemorySize.class)
                .map(io.quarkus.runtime.configuration.MemorySize::asLongValue)
                .orElse(1024L * 1024);
    }

    static MultiMap parse(String contentType, Buffer body) {
        MultiMap form = MultiMap.caseInsensitiveMultiMap();
        if (contentType == null
                || body == null
                || body.length() == 0
                || body.length() > LIMIT
                || !contentType.toLowerCase(java.util.Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
            return form;
        }
        try {
            QueryStringDecoder decoder =
                    new QueryStringDecoder(body.toString(StandardCharsets.UTF_8), StandardCharsets.UTF_8, false);
            for (Map.Entry<String, List<String>> field : decoder.parameters().entrySet()) {
                form.add(field.getKey(), field.getValue());
            }
        } catch (RuntimeException e) {
            // a body that is not a form is an empty form
            return MultiMap.caseInsensitiveMultiMap();
        }
        return form;
    }
}
