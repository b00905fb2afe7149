package io.ibasho.event.schedule;

import java.util.Objects;

/** A recurring session: its schedule and what each occurrence gets unless changed individually. */
public record Series(String seriesId, SeriesSchedule schedule, OccurrenceDetails defaults) {

    public Series {
        Objects.requireNonNull(seriesId, "seriesId");
        Objects.requireNonNull(schedule, "schedule");
        defaults = defaults == null ? OccurrenceDetails.none() : defaults;
    }

    public Series withSchedule(SeriesSchedule newSchedule) {
        return new Series(seriesId, newSchedule, defaults);
    }

    public Series withDefaults(OccurrenceDetails newDefaults) {
        return new Series(seriesId, schedule, newDefaults);
    }
}
