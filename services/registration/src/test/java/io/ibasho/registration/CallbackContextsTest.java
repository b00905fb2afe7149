package io.ibasho.registration;

import io.ibasho.testsupport.IbashoServers;
import io.ibasho.testsupport.NoThreadContextCaptureTest;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** This service's callbacks run with no thread context captured around them (docs/adr/0072). */
@QuarkusTest
@WithTestResource(value = IbashoServers.class, initArgs = @ResourceArg(name = "database", value = "registration"))
class CallbackContextsTest extends NoThreadContextCaptureTest {}
