/**
 * Pure childcare (託児) capacity arithmetic: how many children a session can take, given the
 * carers the event offers and the organisation's carer-to-child ratios.
 *
 * <p>Deliberately free of Quarkus, persistence and clocks: every decision is a function of its
 * arguments, so the service layer can call it inside a transaction and tests can cover it
 * exhaustively. Children appear here only as an age in whole years ({@link
 * io.ibasho.childcarebooking.capacity.ChildAge}); names and notes never reach this package.
 *
 * <p>Carers needed are computed with exact integer arithmetic, never floating point:
 * {@code ceil(sum over bands of childrenInBand / childrenPerCarer)}. See {@link
 * io.ibasho.childcarebooking.capacity.CarerRatios}.
 */
package io.ibasho.childcarebooking.capacity;
