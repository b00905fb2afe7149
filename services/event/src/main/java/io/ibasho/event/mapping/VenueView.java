package io.ibasho.event.mapping;

import io.ibasho.event.mapping.JsonColumns.Room;
import java.util.List;
import java.util.UUID;

/**
 * A venue as anyone may see it. {@code address} is present only when the venue's address is PUBLIC: an
 * attendees-only address is released by other services to confirmed attendees, a shelter's never.
 */
public record VenueView(
        UUID id,
        String nameJa,
        String nameEn,
        String area,
        String areaEn,
        String accessibilityJa,
        String accessibilityEn,
        Integer capacityCeiling,
        boolean canHostChildcare,
        List<Room> rooms,
        String address) {}
