package io.ibasho.event.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "ibasho.demo-data")
public interface DemoDataConfig {
    /** Loads a fictional month for organisation "hinata" at start-up (local stack only: IBASHO_DEMO_DATA_ENABLED=true). */
    @WithDefault("false")
    boolean enabled();
}
