package io.ibasho.gateway;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/**
 * The gateway's one source of "now" (as the plumbing kit's ClockProducer is the services'): code asks this clock,
 * never the wall, so a test can move time instead of sleeping by producing another {@link Clock}.
 */
@Singleton
public class GatewayClock {
    @Produces
    @Singleton
    @DefaultBean
    public Clock clock() {
        return Clock.systemUTC();
    }
}
