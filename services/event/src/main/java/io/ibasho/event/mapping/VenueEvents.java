package io.ibasho.event.mapping;

import io.ibasho.event.Venue;
import java.util.List;

/** VenueChanged: the venue's id, organisation and linked partner groups; never its address or names. */
public final class VenueEvents {
    private VenueEvents() {}

    public record VenueChanged(String venueId, String organisationId, List<String> partnerGroups, boolean deleted) {}

    /** The venue as saved: the groups linked to it now. */
    public static VenueChanged saved(Venue venue) {
        return new VenueChanged(
                venue.id.toString(), venue.organisationId, JsonColumns.strings(venue.partnerGroupsJson), false);
    }

    /** The venue is gone: no group is linked to it any more. */
    public static VenueChanged deleted(Venue venue) {
        return new VenueChanged(venue.id.toString(), venue.organisationId, List.of(), true);
    }
}
