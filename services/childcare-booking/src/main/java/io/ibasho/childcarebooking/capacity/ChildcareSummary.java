package io.ibasho.childcarebooking.capacity;

import java.util.List;

/**
 * The staff view of one session's childcare: counts only, so carers can plan the room and the
 * organiser can see whether staffing holds, without a list of children.
 *
 * @param childrenByBand children per age band, in band order, including empty bands
 * @param totalChildren all confirmed children
 * @param carersNeeded carers those children need together
 * @param carersAvailable carers the session has
 */
public record ChildcareSummary(
        List<BandCount> childrenByBand, int totalChildren, int carersNeeded, int carersAvailable) {

    public ChildcareSummary {
        childrenByBand = List.copyOf(childrenByBand);
    }

    public int carersShort() {
        return Math.max(0, carersNeeded - carersAvailable);
    }
}
