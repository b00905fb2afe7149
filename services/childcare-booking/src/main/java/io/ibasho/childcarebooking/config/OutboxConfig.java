package io.ibasho.childcarebooking.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "ibasho.outbox")
public interface OutboxConfig {
    /** How often the relay looks for unpublished messages; also the worst-case publication delay. */
    @WithDefault("500ms")
    Duration pollInterval();

    @WithDefault("100")
    int batchSize();

    /** Published messages are kept this long for diagnosis, then deleted. */
    @WithDefault("P7D")
    Duration retention();
}
