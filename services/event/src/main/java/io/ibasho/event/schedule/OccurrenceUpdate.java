package io.ibasho.event.schedule;

/**
 * A stored occurrence that the edited series moves or re-equips. Update the stored row in place (its bookings stay
 * with it); its recurrence id becomes {@code planned.recurrenceId()} when the series' time of day changed.
 */
public record OccurrenceUpdate(Occurrence current, Occurrence planned) {}
