package io.ibasho.registration.rest;

import io.ibasho.registration.Registration;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Request bodies of the organiser's endpoints. */
public final class OrganiserRequests {
    private OrganiserRequests() {}

    /** The reason is shown to her: say what happened, never anything about another person. */
    public record CancelRequest(
            @NotBlank(message = "reason is required: it is shown to her")
            @Size(max = 500, message = "reason is at most 500 characters")
            @Pattern(regexp = "[^<>\\p{Cntrl}]*", message = "reason must not contain < > or control characters")
            String reason) {}

    public record AttendanceRequest(
            @NotNull(message = "attendance is required: ATTENDED or NO_SHOW")
            Registration.Attendance attendance) {}

    public record DropInRequest(
            @Min(value = 1, message = "count is at least 1") @Max(value = 200, message = "count is at most 200")
            int count) {}
}
