package io.ibasho.childcarebooking.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How long care notes (allergies, health) and children's nicknames outlive the session. */
@ConfigMapping(prefix = "ibasho.care-notes")
public interface CareNotesConfig {
    /** Notes of a session are deleted once it ended this long ago: long enough for a carer to look something up. */
    @WithDefault("PT24H")
    Duration retentionAfterSession();

    /** How often the purge runs; a note may live up to this much longer than the retention. */
    @WithDefault("1h")
    String purgeInterval();
}
