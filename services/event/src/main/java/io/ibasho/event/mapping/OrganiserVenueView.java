package io.ibasho.event.mapping;

import io.ibasho.event.mapping.JsonColumns.Room;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** A venue as its own organisation's organisers see it, with the address whatever its visibility. */
public record OrganiserVenueView(
        UUID id,
        String organisationId,
        String nameJa,
        String nameEn,
        String area,
        String areaEn,
        String accessibilityJa,
        String accessibilityEn,
        Integer capacityCeiling,
        boolean canHostChildcare,
        List<Room> rooms,
        String address,
        String addressVisibility,
        List<String> partnerGroups,
        OffsetDateTime updatedAt) {}
