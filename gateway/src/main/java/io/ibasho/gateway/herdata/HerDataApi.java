package io.ibasho.gateway.herdata;

import io.ibasho.gateway.BearerIdentities;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Her data through the API (issue #18), answered by the gateway itself because it spans every service:
 * {@code GET /api/me/data} (the export as a JSON download) and {@code POST /api/me/erasure} (body
 * {@code {"confirm":"ERASE"}}, after a sign-in within the last minutes). Only with her own verified token.
 */
@ApplicationScoped
public class HerDataApi {
    private static final Logger LOG = Logger.getLogger(HerDataApi.class);

    @Inject
    BearerIdentities identities;

    @Inject
    HerDataCollector collector;

    @Inject
    HerDataErasure erasure;

    void routes(@Observes Router router) {
        // before the proxy's /api/* (order 1000), which would look for a service called "me"
        router.get("/api/me/data").order(900).handler(this::export);
        router.post("/api/me/erasure").order(900).handler(BodyHandler.create().setBodyLimit(4096));
        router.post("/api/me/erasure").order(901).handler(this::erase);
    }

    private void export(RoutingContext ctx) {
        String token = BearerIdentities.bearerToken(ctx.request().getHeader("Authorization"));
        verified(
                ctx,
                token,
                subject -> collector
                        .collect(token, subject)
                        .subscribe()
                        .with(
                                export -> ctx.response()
                                        .putHeader("Content-Type", "application/json")
                                        .putHeader(
                                                "Content-Disposition", "attachment; filename=\"ibasho-my-data.json\"")
                                        .putHeader("Cache-Control", "no-store")
                                        .end(export.encodePrettily()),
                                failure -> {
                                    int status = statusOfFailedExport(failure);
                                    problem(
                                            ctx,
                                            status,
                                            status == 403 ? "forbidden" : "service-unavailable",
                                            "Her data could not be assembled from every service; please try again"
                                                    + " later.");
                                }));
    }

    /**
     * 403 when a service refused the caller (she is not an attendee); otherwise 503, logged with the service and its
     * status or the failure's type (never a token or anything of hers), so that an export that failed can be traced.
     */
    private static int statusOfFailedExport(Throwable failure) {
        if (failure instanceof HerDataCollector.Incomplete incomplete && incomplete.status == 403) {
            return 403;
        }
        LOG.warnf(
                "her data export not assembled: %s",
                failure instanceof HerDataCollector.Incomplete
                        ? failure.getMessage()
                        : failure.getClass().getSimpleName());
        return 503;
    }

    private void erase(RoutingContext ctx) {
        String token = BearerIdentities.bearerToken(ctx.request().getHeader("Authorization"));
        String confirm;
        try {
            JsonObject body = ctx.body().asJsonObject();
            confirm = body == null ? null : body.getString("confirm");
        } catch (RuntimeException e) {
            confirm = null;
        }
        String confirmation = confirm;
        verified(
                ctx,
                token,
                subject -> erasure.erase(token, subject, confirmation)
                        .subscribe()
                        .with(
                                outcome -> {
                                    switch (outcome) {
                                        case HerDataErasure.Done done ->
                                            ctx.response()
                                                    .putHeader("Content-Type", "application/json")
                                                    .putHeader("Cache-Control", "no-store")
                                                    .end(done.receipt().encode());
                                        case HerDataErasure.Refused refused ->
                                            ctx.response()
                                                    .setStatusCode(
                                                            refused.answer().status())
                                                    .putHeader("Content-Type", "application/problem+json")
                                                    .end(refused.answer().body());
                                    }
                                },
                                failure -> problem(
                                        ctx,
                                        503,
                                        "service-unavailable",
                                        "Nothing could be erased just now; please try again.")));
    }

    private void verified(RoutingContext ctx, String token, java.util.function.Consumer<String> work) {
        Uni<Optional<String>> subject = identities.verifiedSubject(token);
        subject.subscribe()
                .with(
                        sub -> {
                            if (sub.isEmpty()) {
                                ctx.response().putHeader("WWW-Authenticate", "Bearer");
                                problem(ctx, 401, "unauthorized", "Sign in: only she can see or erase her own data.");
                                return;
                            }
                            work.accept(sub.get());
                        },
                        failure -> problem(ctx, 401, "unauthorized", "Sign in."));
    }

    private static void problem(RoutingContext ctx, int status, String type, String detail) {
        if (ctx.response().headWritten()) {
            return;
        }
        ctx.response()
                .setStatusCode(status)
                .putHeader("Content-Type", "application/problem+json")
                .end(new JsonObject()
                        .put("type", "https://ibasho.example/problems/" + type)
                        .put("title", status == 401 ? "Unauthorized" : status == 403 ? "Forbidden" : "Unavailable")
                        .put("status", status)
                        .put("detail", detail)
                        .put("instance", ctx.normalizedPath())
                        .encode());
    }
}
