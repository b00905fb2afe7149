package io.ibasho.notification;

import static org.assertj.core.api.Assertions.assertThat;

import io.ibasho.testsupport.CallbackContexts;
import io.ibasho.testsupport.IbashoServers;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.context.ThreadContext;
import org.junit.jupiter.api.Test;

/** Mutiny runs this service's callbacks bare, and no ArC or JTA context is captured for them (docs/adr/0072). */
@QuarkusTest
@WithTestResource(value = IbashoServers.class, initArgs = @ResourceArg(name = "database", value = "notification"))
class CallbackContextsTest {
    @Test
    void noThreadContextIsCapturedAroundACallback() {
        assertThat(CallbackContexts.mutinyDecoratesCallbacks()).isFalse();
        assertThat(CallbackContexts.registeredTypes()).doesNotContain(ThreadContext.CDI, ThreadContext.TRANSACTION);
    }
}
