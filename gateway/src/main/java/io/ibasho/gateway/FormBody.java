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
    /** More than any of the app's forms needs; the rest is not read. */
    public static final int LIMIT = 16 * 1024;

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
        request.handler(chunk -> {
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
