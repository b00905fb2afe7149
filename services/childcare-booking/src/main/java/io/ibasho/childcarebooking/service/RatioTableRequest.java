package io.ibasho.childcarebooking.service;

import java.util.List;

/**
 * An organisation's ratio table and cap as the organiser sends them. Checked by
 * {@link io.ibasho.childcarebooking.capacity.RatioTableCheck}, which names every bad band, rather than by Bean
 * Validation annotations, which could not see gaps or overlaps.
 *
 * @param bands age bands 0-17 without gaps or overlaps, in any order
 * @param maxChildrenPerSession optional cap on children per session, at least 1
 */
public record RatioTableRequest(List<Band> bands, Integer maxChildrenPerSession) {

    /** One carer for at most {@code childrenPerCarer} children aged {@code youngest} to {@code oldest}. */
    public record Band(Integer youngest, Integer oldest, Integer childrenPerCarer) {}
}
