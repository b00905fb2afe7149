package io.ibasho.plumbing.time;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/**
 * The one source of "now" in every service: code asks this clock, never the wall, so a test can move time instead of
 * sleeping (a test bean producing another {@link Clock} replaces this default).
 */
@Singleton
public class ClockProducer {
    @Produces
    @Singleton
    @DefaultBean
    public Clock clock() {
        return Clock.systemUTC();
    }
}
