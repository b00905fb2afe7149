package io.ibasho.registration.rest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A whole course in one request: her nickname and, for each date that needs 託児, that date and her children's ages
 * (never names). Dates not listed get no childcare.
 */
public record CourseBookingRequest(
        @NotBlank(message = "nickname is required: any name you like, it need not be your real name")
        @Size(max = 40, message = "nickname is at most 40 characters")
        @Pattern.List({
            @Pattern(
                    regexp = "[^<>\\p{Cntrl}\\p{Cf}]*",
                    message = "nickname must not contain < >, control characters or invisible formatting characters "
                            + "(zero-width or direction marks)"),
            @Pattern(
                    regexp = "(?s)(|.*[^\\s\\p{Z}].*)",
                    message = "nickname must contain a visible character, not only spaces")
        })
        String nickname,

        @Size(max = 30, message = "childcare lists at most one entry per date of the course")
        List<@NotNull(message = "each childcare entry names a date and the children's ages") @Valid DateChildcare>
                childcare) {

    public CourseBookingRequest {
        childcare = childcare == null ? List.of() : List.copyOf(childcare);
    }

    /** Childcare on one date of the course. */
    public record DateChildcare(
            @NotNull(message = "childcare[].sessionId is the date (session id) that needs childcare")
            UUID sessionId,

            @NotEmpty(message = "childcare[].childrenAges lists each child's age (0 to 17)")
            @Size(max = 6, message = "childcare can be asked for at most 6 children per date")
            List<
                            @NotNull(message = "each child's age is a number from 0 to 17")
                            @Min(value = 0, message = "each child's age is a number from 0 to 17")
                            @Max(value = 17, message = "each child's age is a number from 0 to 17") Integer>
                    childrenAges) {}

    /** By date; a date named twice keeps its last entry. */
    public Map<UUID, List<Integer>> childcareByDate() {
        Map<UUID, List<Integer>> byDate = new LinkedHashMap<>();
        childcare.forEach(entry -> byDate.put(entry.sessionId(), List.copyOf(entry.childrenAges())));
        return byDate;
    }
}
