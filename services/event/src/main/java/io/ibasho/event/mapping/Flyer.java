package io.ibasho.event.mapping;

import io.ibasho.event.service.FlyerRequest;
import java.util.List;

/**
 * A session's flyer details as stored (one JSON column, so a series copies them to its occurrences as one value) and
 * as shown publicly. Null when the organiser gave none.
 */
public record Flyer(
        String descriptionJa,
        String descriptionEn,
        List<Speaker> speakers,
        String bringJa,
        String bringEn,
        Integer feeYen) {

    public record Speaker(String name, String roleJa, String roleEn) {}

    /** The stored form of a request; null when it says nothing, so an empty flyer is no flyer. */
    public static String write(FlyerRequest request) {
        if (request == null) {
            return null;
        }
        Flyer flyer = new Flyer(
                VenueMapper.blankToNull(request.descriptionJa()),
                VenueMapper.blankToNull(request.descriptionEn()),
                request.speakers() == null
                        ? List.of()
                        : request.speakers().stream()
                                .map(s -> new Speaker(
                                        s.name().strip(),
                                        VenueMapper.blankToNull(s.roleJa()),
                                        VenueMapper.blankToNull(s.roleEn())))
                                .toList(),
                VenueMapper.blankToNull(request.bringJa()),
                VenueMapper.blankToNull(request.bringEn()),
                request.feeYen());
        return flyer.isEmpty() ? null : JsonColumns.writeValue(flyer);
    }

    public static Flyer read(String json) {
        return json == null || json.isBlank() ? null : JsonColumns.readValue(json, Flyer.class);
    }

    private boolean isEmpty() {
        return descriptionJa == null
                && descriptionEn == null
                && speakers.isEmpty()
                && bringJa == null
                && bringEn == null
                && feeYen == null;
    }
}
