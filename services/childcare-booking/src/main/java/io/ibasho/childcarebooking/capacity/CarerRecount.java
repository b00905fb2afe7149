package io.ibasho.childcarebooking.capacity;

/**
 * What a change in the number of carers means for children already confirmed.
 *
 * <p>Deliberately only a report: confirmed children are never dropped here. Which family to call,
 * whether to find another carer or to let an over-capacity session go ahead with a volunteer is a
 * human decision for the organiser.
 *
 * @param confirmedChildren how many children are confirmed
 * @param carersNeeded carers those children need
 * @param carersAvailable the new number of carers
 */
public record CarerRecount(int confirmedChildren, int carersNeeded, int carersAvailable) {

    public boolean allConfirmedFit() {
        return carersNeeded <= carersAvailable;
    }

    /** 0 when everyone fits; otherwise how many more carers would be needed. */
    public int carersShort() {
        return Math.max(0, carersNeeded - carersAvailable);
    }
}
