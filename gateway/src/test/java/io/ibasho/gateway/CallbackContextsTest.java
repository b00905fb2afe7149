package io.ibasho.gateway;

import io.ibasho.testsupport.NoThreadContextCaptureTest;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The gateway's callbacks run with no thread context captured around them (docs/adr/0072). */
@QuarkusTest
@WithTestResource(EchoUpstream.class)
class CallbackContextsTest extends NoThreadContextCaptureTest {}
