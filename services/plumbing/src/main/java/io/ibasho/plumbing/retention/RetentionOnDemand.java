package io.ibasho.plumbing.retention;

import io.quarkus.arc.All;
import io.quarkus.vertx.http.ManagementInterface;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * {@code POST /q/retention/run[?at=<instant>]} on the management interface (never the public port): runs every
 * {@link RetentionStep} of this service now (or as of {@code at}) and answers the counts per step. Off unless
 * {@code ibasho.retention.on-demand=true}: the local stack turns it on so that the end-to-end tests can run retention
 * instead of waiting for its schedule (HerDataErasureIT); production leaves it off.
 */
@ApplicationScoped
public class RetentionOnDemand {
    @ConfigProperty(name = "ibasho.retention.on-demand", defaultValue = "false")
    boolean enabled;

    /** Beside health and metrics: {@code /q/retention/run}. */
    @ConfigProperty(name = "quarkus.management.root-path", defaultValue = "/q")
    String managementRoot;

    @Inject
    @All
    List<RetentionStep> steps;

    @Inject
    Clock clock;

    void routes(@Observes ManagementInterface management) {
        if (!enabled) {
            return;
        }
        management
                .router()
                .post("/" + managementRoot.replaceAll("^/+|/+$", "") + "/retention/run")
                .handler(ctx -> {
                    Instant at;
                    try {
                        String asked = ctx.request().getParam("at");
                        at = asked == null ? clock.instant() : Instant.parse(asked);
                    } catch (DateTimeParseException e) {
                        ctx.response()
                                .setStatusCode(400)
                                .putHeader("Content-Type", "application/problem+json")
                                .end(new JsonObject()
                                        .put("type", "https://ibasho.example/problems/invalid-time")
                                        .put("title", "Bad request")
                                        .put("status", 400)
                                        .put("detail", "at must be an instant like 2026-01-31T00:00:00Z.")
                                        .encode());
                        return;
                    }
                    run(at).subscribe()
                            .with(
                                    counts -> ctx.response()
                                            .putHeader("Content-Type", "application/json")
                                            .end(new JsonObject(new LinkedHashMap<>(counts)).encode()),
                                    failure -> ctx.response()
                                            .setStatusCode(500)
                                            .putHeader("Content-Type", "application/problem+json")
                                            .end(new JsonObject()
                                                    .put("type", "https://ibasho.example/problems/internal")
                                                    .put("title", "Internal error")
                                                    .put("status", 500)
                                                    .put(
                                                            "detail",
                                                            "retention failed: "
                                                                    + failure.getClass()
                                                                            .getSimpleName())
                                                    .encode()));
                });
    }

    /** Every step in turn (one after the other: they may touch the same rows). */
    public Uni<Map<String, Integer>> run(Instant at) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        return Multi.createFrom()
                .iterable(steps)
                .onItem()
                .transformToUniAndConcatenate(step -> step.runAsOf(at).invoke(n -> counts.put(step.name(), n)))
                .collect()
                .last()
                .replaceWith(counts);
    }
}
