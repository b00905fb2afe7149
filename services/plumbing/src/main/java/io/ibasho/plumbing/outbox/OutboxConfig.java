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
     * How often the relay looks for unpublished messages without being woken: each commit that appends wakes it at once
     * (CommitWakeUp), so this is the safety net for a wake-up lost while the listening connection reconnects, and the
     * retry delay after Kafka refused a message.
     */
    @WithDefault("1s")
    Duration pollInterval();

    /**
     * When the relay first looks after start-up, for what a stopped instance left unpublished. A test that must see
     * only wake-ups sets it as long as the poll interval instead of waiting the first poll out.
     */
    @WithDefault("1s")
    Duration firstPollAfter();

    /**
     * Whether the relay listens for the commits that append (ADR 0032). Off only where PostgreSQL's NOTIFY does not
     * reach the service (a connection pooler in transaction mode): then set a shorter poll interval.
     */
    @WithDefault("true")
    boolean wakeUp();

    @WithDefault("100")
    int batchSize();

    /** Published messages are kept this long for diagnosis, then deleted. */
    @WithDefault("P7D")
    Duration retention();
}
