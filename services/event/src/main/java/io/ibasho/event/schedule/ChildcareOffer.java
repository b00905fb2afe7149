package io.ibasho.event.schedule;

import java.time.LocalDateTime;

/**
 * Childcare offered alongside a session: children aged {@code minAgeYears}..{@code maxAgeYears} (0..12), looked
 * after by {@code carers} people, requested by {@code deadline}.
 */
public record ChildcareOffer(LocalDateTime deadline, int minAgeYears, int maxAgeYears, int carers) {

    public static final int OLDEST_AGE_YEARS = 12;
}
