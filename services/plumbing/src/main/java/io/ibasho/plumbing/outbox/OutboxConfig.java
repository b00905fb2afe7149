package io.ibasho.plumbing.outbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "ibasho.outbox")
public interface OutboxConfig {
    /**
     * Build-time switch: a service that publishes events sets it to true (and gives the channel {@code outbox} its
     * topic); a service that only consumes leaves it out and gets neither the relay nor the outbox bean.
     */
    @WithDefault("false")
    boolean enabled();

    /**
     * How often the relay looks for unpublished messages; also the worst-case publication delay. An indexed look-up
     * that finds nothing costs little, so a fifth of a second is cheap and keeps every Kafka hop short.
     */
    @WithDefault("200ms")
    Duration pollInterval();

    @WithDefault("100")
    int batchSize();

    /** Published messages are kept this long for diagnosis, then deleted. */
    @WithDefault("P7D")
    Duration retention();
}
