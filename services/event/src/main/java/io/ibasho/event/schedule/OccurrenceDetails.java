package io.ibasho.event.schedule;

/**
 * Where an occurrence takes place and how many can come. Any part may be null: online sessions have no venue,
 * cafés and free spaces need no capacity.
 */
public record OccurrenceDetails(String venueId, String roomId, Integer capacity) {

    public static OccurrenceDetails none() {
        return new OccurrenceDetails(null, null, null);
    }

    public OccurrenceDetails withVenue(String newVenueId, String newRoomId) {
        return new OccurrenceDetails(newVenueId, newRoomId, capacity);
    }

    public OccurrenceDetails withCapacity(Integer newCapacity) {
        return new OccurrenceDetails(venueId, roomId, newCapacity);
    }
}
