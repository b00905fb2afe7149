package io.ibasho.event.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The public list's copy in memory and what clients may keep of it (docs/adr/0051). */
@ConfigMapping(prefix = "ibasho.public-list")
public interface PublicListConfig {
    /**
     * How long a client (and a shared cache) may reuse an answer without asking again ({@code max-age}), and the
     * longest a replica serves its own copy when no change notification reached it (the listening connection was away).
     * 0 turns the copy off: every request reads the database, and answers say {@code no-cache}.
     */
    @WithDefault("5s")
    Duration maxAge();

    /** How many different queries (filters, pages) are kept at most; beyond it the copy is emptied and starts again. */
    @WithDefault("1000")
    int maxEntries();
}
