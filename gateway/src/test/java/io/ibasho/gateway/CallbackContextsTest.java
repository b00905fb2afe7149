package io.ibasho.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.ibasho.testsupport.CallbackContexts;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.context.ThreadContext;
import org.junit.jupiter.api.Test;

/** Mutiny runs the gateway's callbacks bare, and no ArC context is captured for them (docs/adr/0072). */
@QuarkusTest
@WithTestResource(EchoUpstream.class)
class CallbackContextsTest {
    @Test
    void noThreadContextIsCapturedAroundACallback() {
        assertThat(CallbackContexts.mutinyDecoratesCallbacks()).isFalse();
        assertThat(CallbackContexts.registeredTypes()).doesNotContain(ThreadContext.CDI);
    }
}
