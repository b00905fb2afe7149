package io.ibasho.gateway;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** RFC 9457 problem details written by the gateway itself, in the same shape as the services' (docs/errors.md). */
final class Problems {
    static final String MEDIA_TYPE = "application/problem+json";
    private static final String TYPE_BASE = "https://ibasho.example/problems/";

    private Problems() {}

    static void send(RoutingContext ctx, int status, String type, String title, String detail) {
        if (ctx.response().headWritten()) {
            ctx.response().reset();
            return;
        }
        String body;
        try {
            body = new JsonObject()
                    .put("type", TYPE_BASE + type)
                    .put("title", title)
                    .put("status", status)
                    .put("detail", detail)
                    .put("instance", ctx.normalizedPath())
                    .encode();
        } catch (RuntimeException | LinkageError e) {
            // never leave a client hanging because the error answer itself failed
            body = "{\"type\":\"" + TYPE_BASE + type + "\",\"title\":\"" + title + "\",\"status\":" + status + "}";
        }
        ctx.response()
                .setStatusCode(status)
                .putHeader("Content-Type", MEDIA_TYPE)
                .end(body);
    }
}
