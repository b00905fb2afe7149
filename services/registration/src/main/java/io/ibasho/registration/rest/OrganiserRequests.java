package io.ibasho.registration.rest;

import io.ibasho.registration.Registration;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/** Request bodies of the organiser's endpoints. */
public final class OrganiserRequests {
    private OrganiserRequests() {}

    /**
     * The reason is a code from a short list, shown to her in the notification's own words (会場の都合, 講師の都合, 天候,
     * その他): free text would travel in registration-lifecycle, and events carry ids, states and codes only (ADR 0005).
     */
    public record CancelRequest(
            @NotNull(message = "reason is required: VENUE, SPEAKER, WEATHER or OTHER (it is shown to her)")
            @Pattern(
                    regexp = "VENUE|SPEAKER|WEATHER|OTHER",
                    message = "reason is one of VENUE (会場の都合), SPEAKER (講師の都合), WEATHER (天候), OTHER (その他)")
            String reason) {}

    public record AttendanceRequest(
            @NotNull(message = "attendance is required: ATTENDED or NO_SHOW")
            Registration.Attendance attendance) {}

    public record DropInRequest(
            @Min(value = 1, message = "count is at least 1") @Max(value = 200, message = "count is at most 200")
            int count) {}
}
