package io.ibasho.event.schedule;

import java.time.LocalDateTime;
import java.util.Objects;

/**
 * An individual decision about one occurrence of a series, keyed by its {@link RecurrenceId}. Series edits never
 * overwrite it: a changed occurrence keeps its own time and place, a cancelled one is not brought back.
 */
public sealed interface OccurrenceOverride permits OccurrenceOverride.Changed, OccurrenceOverride.Cancelled {

    RecurrenceId recurrenceId();

    static Changed changed(
            RecurrenceId recurrenceId, LocalDateTime start, LocalDateTime end, OccurrenceDetails details) {
        return new Changed(recurrenceId, start, end, details);
    }

    static Cancelled cancelled(RecurrenceId recurrenceId) {
        return new Cancelled(recurrenceId);
    }

    /** This occurrence moved, changed venue or capacity; the values are what it is now. */
    record Changed(RecurrenceId recurrenceId, LocalDateTime start, LocalDateTime end, OccurrenceDetails details)
            implements OccurrenceOverride {

        public Changed {
            Objects.requireNonNull(recurrenceId, "recurrenceId");
            Objects.requireNonNull(start, "start");
            Objects.requireNonNull(end, "end");
        }

        public Occurrence toOccurrence() {
            return new Occurrence(recurrenceId, start, end, details);
        }
    }

    /** This occurrence does not take place. */
    record Cancelled(RecurrenceId recurrenceId) implements OccurrenceOverride {

        public Cancelled {
            Objects.requireNonNull(recurrenceId, "recurrenceId");
        }
    }
}
