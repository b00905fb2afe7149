package io.ibasho.testsupport;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.smallrye.context.SmallRyeContextManager;
import io.smallrye.context.SmallRyeContextManagerProvider;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.eclipse.microprofile.context.ThreadContext;
import org.junit.jupiter.api.Test;

/**
 * What an application wraps around its asynchronous callbacks (docs/adr/0072): Mutiny runs them bare, and no ArC or
 * JTA context is registered for whoever still asks for a thread context (the messaging connector clears what is
 * registered around every record). An application's {@code CallbackContextsTest} extends this as a
 * {@code @QuarkusTest}, so it asks the running application.
 */
public abstract class NoThreadContextCaptureTest {
    @Test
    public void mutinyRunsCallbacksBare() {
        Function<Object, Object> callback = item -> item;
        assertSame(callback, Infrastructure.decorate(callback), "a callback after Mutiny's decorators");
    }

    @Test
    public void mutinyWrapsNoCompletableFuture() {
        // a Uni turned into a CompletionStage (the messaging connector does so for every record) stays a plain future
        CompletableFuture<Object> future = new CompletableFuture<>();
        assertSame(future, Infrastructure.wrapCompletableFuture(future), "a future after Mutiny's wrapper");
    }

    @Test
    public void noCdiOrTransactionContextIsRegistered() {
        // OpenTelemetry's stays registered: Quarkus adds it whenever tracing is built in (ADR 0072)
        List<String> types =
                List.of(((SmallRyeContextManager) SmallRyeContextManagerProvider.getManager()).getAllProviderTypes());
        assertFalse(types.contains(ThreadContext.CDI), () -> "registered: " + types);
        assertFalse(types.contains(ThreadContext.TRANSACTION), () -> "registered: " + types);
    }
}
