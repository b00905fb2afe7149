package io.ibasho.event.mapping;

import io.ibasho.event.Venue;
import io.ibasho.event.schedule.VenueProfile;
import io.ibasho.event.service.VenueRequest;
import java.util.List;

/** The one place a venue's address leaves the entity, and only through {@link Venue#publicAddress()} for the public. */
public final class VenueMapper {
    private VenueMapper() {}

    public static void apply(VenueRequest request, Venue venue) {
        venue.nameJa = request.nameJa().strip();
        venue.nameEn = blankToNull(request.nameEn());
        venue.area = blankToNull(request.area());
        venue.areaEn = blankToNull(request.areaEn());
        venue.accessibilityJa = blankToNull(request.accessibilityJa());
        venue.accessibilityEn = blankToNull(request.accessibilityEn());
        venue.capacityCeiling = request.capacityCeiling();
        venue.canHostChildcare = Boolean.TRUE.equals(request.canHostChildcare());
        venue.address = blankToNull(request.address());
        venue.addressVisibility = Venue.AddressVisibility.valueOf(request.addressVisibility());
        venue.roomsJson = JsonColumns.write(
                request.rooms() == null
                        ? List.of()
                        : request.rooms().stream()
                                .map(r ->
                                        new JsonColumns.Room(r.id(), r.nameJa().strip(), blankToNull(r.nameEn())))
                                .toList());
        venue.partnerGroupsJson = JsonColumns.write(
                request.partnerGroups() == null
                        ? List.of()
                        : request.partnerGroups().stream().distinct().toList());
    }

    public static VenueView toPublicView(Venue venue) {
        return new VenueView(
                venue.id,
                venue.nameJa,
                venue.nameEn,
                venue.area,
                venue.areaEn,
                venue.accessibilityJa,
                venue.accessibilityEn,
                venue.capacityCeiling,
                venue.canHostChildcare,
                JsonColumns.rooms(venue.roomsJson),
                venue.publicAddress());
    }

    public static OrganiserVenueView toOrganiserView(Venue venue) {
        return new OrganiserVenueView(
                venue.id,
                venue.organisationId,
                venue.nameJa,
                venue.nameEn,
                venue.area,
                venue.areaEn,
                venue.accessibilityJa,
                venue.accessibilityEn,
                venue.capacityCeiling,
                venue.canHostChildcare,
                JsonColumns.rooms(venue.roomsJson),
                venue.address,
                venue.addressVisibility.name(),
                JsonColumns.strings(venue.partnerGroupsJson),
                Tokyo.offset(venue.updatedAt));
    }

    public static SessionView.VenueSummary toSummary(Venue venue) {
        return venue == null
                ? null
                : new SessionView.VenueSummary(
                        venue.id, venue.nameJa, venue.nameEn, venue.area, venue.areaEn, venue.publicAddress());
    }

    public static VenueProfile toProfile(Venue venue) {
        return venue == null
                ? null
                : new VenueProfile(venue.id.toString(), venue.capacityCeiling, venue.canHostChildcare);
    }

    /** The LIKE pattern that finds a partner group in {@code partner_groups_json}; ids are [a-z0-9-] so it is exact. */
    public static String partnerGroupPattern(String partnerGroup) {
        return "%\"" + partnerGroup + "\"%";
    }

    public static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
