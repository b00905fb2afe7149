package io.ibasho.testsupport;

import io.smallrye.context.SmallRyeContextManager;
import io.smallrye.context.SmallRyeContextManagerProvider;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import java.util.List;
import java.util.function.Function;

/**
 * What the application under test wraps around its asynchronous callbacks (docs/adr/0072): Mutiny runs them bare, and
 * no ArC or JTA context is captured for anyone who still asks for a thread context (the messaging connector clears
 * what is registered for every record). Called from a {@code @QuarkusTest}, so it sees the application's own setup.
 */
public final class CallbackContexts {
    private CallbackContexts() {}

    /** Whether Mutiny hands each callback to a decorator (SmallRye's capture and restore of thread contexts). */
    public static boolean mutinyDecoratesCallbacks() {
        Function<Object, Object> callback = item -> item;
        return Infrastructure.decorate(callback) != callback;
    }

    /** The thread-context types registered with SmallRye Context Propagation (OpenTelemetry's stays: ADR 0072). */
    public static List<String> registeredTypes() {
        return List.of(((SmallRyeContextManager) SmallRyeContextManagerProvider.getManager()).getAllProviderTypes());
    }
}
