package io.ibasho.event.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Period;

@ConfigMapping(prefix = "ibasho.series")
public interface SeriesConfig {
    /** How far ahead a series' occurrences are stored as sessions (bookable, in feeds). */
    @WithDefault("P3M")
    Period horizon();

    /** How often every series' horizon is rolled forward (read by SeriesHorizonJob's @Scheduled expression). */
    @WithDefault("6h")
    java.time.Duration extendInterval();
}
