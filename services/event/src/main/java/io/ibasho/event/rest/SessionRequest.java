package io.ibasho.event.rest;

import java.time.OffsetDateTime;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** What an organiser sends to create a session. Validation messages say what to fix. */
public record SessionRequest(
        @NotNull(message = "kind is required: cafe, workshop, online or free-space")
        @Pattern(regexp = "cafe|workshop|online|free-space", message = "kind must be cafe, workshop, online or free-space")
        String kind,
        @NotBlank(message = "titleJa (the Japanese title) is required") @Size(max = 200, message = "titleJa is at most 200 characters")
        String titleJa,
        @Size(max = 200, message = "titleEn is at most 200 characters")
        String titleEn,
        @NotNull(message = "startsAt is required (ISO-8601 with offset, e.g. 2026-12-08T13:30:00+09:00)")
        OffsetDateTime startsAt,
        @NotNull(message = "endsAt is required (ISO-8601 with offset)")
        OffsetDateTime endsAt,
        @Min(value = 1, message = "capacity must be at least 1")
        Integer capacity,
        @Pattern(regexp = "NONE|FIRST_COME|LOTTERY", message = "allocation must be NONE, FIRST_COME or LOTTERY")
        String allocation) {

    @AssertTrue(message = "endsAt must be after startsAt")
    public boolean isEndAfterStart() {
        return startsAt == null || endsAt == null || endsAt.isAfter(startsAt);
    }
}
