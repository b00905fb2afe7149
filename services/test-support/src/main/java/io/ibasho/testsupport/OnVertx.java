package io.ibasho.testsupport;

import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Runs a repository's reactive work from a test as a request runs it: on a duplicated Vert.x context marked safe, which
 * Hibernate Reactive's sessions and transactions need, and waits up to 30 s for its item.
 */
public final class OnVertx {
    private OnVertx() {}

    public static <T> T await(Vertx vertx, Supplier<Uni<T>> work) {
        Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
        VertxContextSafetyToggle.setContextSafe(context, true);
        CompletableFuture<T> done = new CompletableFuture<>();
        context.runOnContext(ignored -> work.get().subscribe().with(done::complete, done::completeExceptionally));
        try {
            return done.get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
