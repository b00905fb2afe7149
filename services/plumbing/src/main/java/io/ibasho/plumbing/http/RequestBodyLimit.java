package io.ibasho.plumbing.http;

import io.ibasho.plumbing.problem.ProblemDetail;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * A body larger than {@code quarkus.http.limits.max-body-size} (1M in every service) is refused as problem+json 413
 * before it is read, when its Content-Length says so. Quarkus' own check (which stays as the backstop for a chunked
 * body) answers a bare 413 with no body, and our error format is problem+json everywhere (issue #14).
 */
@ApplicationScoped
public class RequestBodyLimit {
    /**
     * Among the very first routes: before a body handler (RouteConstants.ROUTE_ORDER_BODY_HANDLER, MIN_VALUE + 1)
     * could start reading, and before Quarkus' own upload limit (ROUTE_ORDER_UPLOAD_LIMIT, -2).
     */
    static final int ORDER = Integer.MIN_VALUE;

    void install(@Observes Router router) {
        long limit = ConfigProvider.getConfig()
                .getOptionalValue("quarkus.http.limits.max-body-size", MemorySize.class)
                .map(MemorySize::asLongValue)
                .orElse(0L);
        if (limit <= 0) {
            return;
        }
        router.route().order(ORDER).handler(context -> {
            String length = context.request().getHeader("Content-Length");
            if (length != null && tooLong(length, limit)) {
                ProblemDetail problem = ProblemDetail.of(
                        413,
                        "body-too-large",
                        "Body too large",
                        "The request body is larger than " + limit / 1024 + " KiB.",
                        context.request().path());
                context.response()
                        .setStatusCode(413)
                        .putHeader("Content-Type", ProblemDetail.MEDIA_TYPE)
                        // the rest of the body is not read: the connection cannot be reused
                        .putHeader("Connection", "close")
                        .end(Json.encode(problem));
                return;
            }
            context.next();
        });
    }

    private static boolean tooLong(String contentLength, long limit) {
        try {
            return Long.parseLong(contentLength.strip()) > limit;
        } catch (NumberFormatException e) {
            return false; // not ours to judge: the HTTP server refuses a malformed length itself
        }
    }
}
