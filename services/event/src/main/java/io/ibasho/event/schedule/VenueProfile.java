package io.ibasho.event.schedule;

/**
 * What the session rules need to know of a venue. {@code capacityCeiling} may be null when unknown.
 * No address here on purpose: validation never needs it, and a shelter's address must not travel further than it has to.
 */
public record VenueProfile(String venueId, Integer capacityCeiling, boolean canHostChildcare) {}
