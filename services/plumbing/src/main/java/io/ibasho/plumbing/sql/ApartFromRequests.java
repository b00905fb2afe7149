package io.ibasho.plumbing.sql;

import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Reactive database work started apart from any request: on a new duplicated Vert.x context marked safe, which
 * Hibernate Reactive's sessions and transactions need, so that no request's end or cancellation ends it.
 */
public final class ApartFromRequests {
    private ApartFromRequests() {}

    /** Starts {@code work} on a context of its own; the future completes with its item or its failure. */
    public static <T> CompletableFuture<T> start(Vertx vertx, Supplier<Uni<T>> work) {
        Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
        VertxContextSafetyToggle.setContextSafe(context, true);
        CompletableFuture<T> done = new CompletableFuture<>();
        context.runOnContext(ignored -> {
            Uni<T> run;
            try {
                run = work.get();
            } catch (RuntimeException e) {
                run = Uni.createFrom().failure(e);
            }
            run.subscribe().with(done::complete, done::completeExceptionally);
        });
        return done;
    }
}
