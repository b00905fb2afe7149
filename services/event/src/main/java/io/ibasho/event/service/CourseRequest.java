package io.ibasho.event.service;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * What an organiser says to make a course: a title, a capacity and its dates, either chosen sessions of her
 * organisation ({@code sessionIds}) or every upcoming session of one series ({@code seriesId}).
 */
public record CourseRequest(
        @NotBlank(message = "titleJa is required, e.g. 「全6回 こころとからだの講座」")
        @Size(max = 120, message = "titleJa is at most 120 characters")
        String titleJa,

        @Size(max = 120, message = "titleEn is at most 120 characters")
        String titleEn,

        @Size(max = 2000, message = "descriptionJa is at most 2000 characters")
        String descriptionJa,

        @Size(max = 2000, message = "descriptionEn is at most 2000 characters")
        String descriptionEn,

        @NotNull(message = "capacity is required: how many women can book the whole course")
        @Min(value = 1, message = "capacity is 1..500")
        @Max(value = 500, message = "capacity is 1..500")
        Integer capacity,

        @Pattern(regexp = "FIRST_COME|LOTTERY", message = "allocation is FIRST_COME or LOTTERY")
        String allocation,

        /** Required for a LOTTERY course: when applications close and the draw is made (before its first date). */
        OffsetDateTime applicationsCloseAt,

        @Size(max = 30, message = "a course has at most 30 dates")
        List<@NotNull(message = "sessionIds holds session ids") UUID> sessionIds,

        UUID seriesId) {}
