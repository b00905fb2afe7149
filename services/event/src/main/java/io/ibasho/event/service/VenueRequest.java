package io.ibasho.event.service;

import io.ibasho.plumbing.refusal.ViolationCode;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.HashSet;
import java.util.List;

/** What an organiser sends to create or replace a venue of their organisation. */
public record VenueRequest(
        @NotBlank(message = "nameJa (the Japanese name) is required")
        @Size(max = 200, message = "nameJa is at most 200 characters")
        String nameJa,

        @Size(max = 200, message = "nameEn is at most 200 characters")
        String nameEn,

        @Size(max = 100, message = "area is at most 100 characters")
        String area,

        @Size(max = 100, message = "areaEn is at most 100 characters")
        String areaEn,

        @Size(max = 2000, message = "accessibilityJa is at most 2000 characters")
        String accessibilityJa,

        @Size(max = 2000, message = "accessibilityEn is at most 2000 characters")
        String accessibilityEn,

        @Min(value = 1, message = "capacityCeiling must be at least 1")
        Integer capacityCeiling,

        Boolean canHostChildcare,

        @Size(max = 500, message = "address is at most 500 characters")
        String address,

        @NotNull(
                message =
                        "addressVisibility is required: PUBLIC, ATTENDEES_ONLY or NEVER (a shelter's address is NEVER shown)")
        @Pattern(
                regexp = "PUBLIC|ATTENDEES_ONLY|NEVER",
                message = "addressVisibility must be PUBLIC, ATTENDEES_ONLY or NEVER")
        String addressVisibility,

        @Size(max = 50, message = "at most 50 rooms")
        List<@Valid @NotNull(message = "a room cannot be null") RoomRequest> rooms,

        @Size(max = 50, message = "at most 50 partner groups")
        List<
                        @NotNull(message = "a partner group id cannot be null")
                        @Pattern(
                                regexp = "[a-z0-9][a-z0-9-]{0,39}",
                                message = "partner group ids are lower-case letters, digits and '-'")
                        String>
                partnerGroups) {

    public record RoomRequest(
            @NotNull(message = "a room needs an id, e.g. washitsu")
            @Pattern(
                    regexp = "[a-z0-9][a-z0-9-]{0,39}",
                    message = "room ids are lower-case letters, digits and '-', e.g. washitsu")
            String id,

            @NotBlank(message = "a room needs a Japanese name (nameJa)")
            @Size(max = 100, message = "room nameJa is at most 100 characters")
            String nameJa,

            @Size(max = 100, message = "room nameEn is at most 100 characters")
            String nameEn) {}

    @AssertTrue(message = "room ids must be unique within the venue")
    @ViolationCode("ROOM_IDS_NOT_UNIQUE")
    public boolean isRoomIdsUnique() {
        if (rooms == null) {
            return true;
        }
        var seen = new HashSet<String>();
        return rooms.stream().filter(r -> r != null && r.id() != null).allMatch(r -> seen.add(r.id()));
    }

    @AssertTrue(message = "a PUBLIC address needs the address text")
    @ViolationCode("PUBLIC_ADDRESS_REQUIRED")
    public boolean isPublicAddressGiven() {
        return !"PUBLIC".equals(addressVisibility) || (address != null && !address.isBlank());
    }
}
