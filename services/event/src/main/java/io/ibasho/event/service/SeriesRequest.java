package io.ibasho.event.service;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.UUID;

/**
 * A recurring session: an RFC 5545 RRULE (e.g. FREQ=MONTHLY;BYDAY=2TU) anchored at {@code firstStart}, an
 * Asia/Tokyo wall-clock time without offset, and the defaults every occurrence gets. A workshop series gives each
 * occurrence its own application window, counted back from its start: applications open
 * {@code applicationOpensDaysBefore} days and close (申込み締切) {@code applicationClosesHoursBefore} hours before it.
 */
public record SeriesRequest(
        @NotBlank(message = "rrule is required, e.g. FREQ=MONTHLY;BYDAY=2TU")
        @Size(max = 300, message = "rrule is at most 300 characters")
        String rrule,

        @NotNull(message = "firstStart is required: Asia/Tokyo local time, e.g. 2026-12-08T13:30:00")
        LocalDateTime firstStart,

        @NotNull(message = "durationMinutes is required")
        @Min(value = 1, message = "durationMinutes is 1..1440")
        @Max(value = 1440, message = "durationMinutes is 1..1440")
        Integer durationMinutes,

        LocalDate lastDay,

        @Min(value = 1, message = "count must be at least 1")
        Integer count,

        @NotNull(message = "kind is required: cafe, workshop, online or free-space")
        @Pattern(
                regexp = "cafe|workshop|online|free-space",
                message = "kind must be cafe, workshop, online or free-space")
        String kind,

        @NotBlank(message = "titleJa (the Japanese title) is required")
        @Size(max = 200, message = "titleJa is at most 200 characters")
        String titleJa,

        @Size(max = 200, message = "titleEn is at most 200 characters")
        String titleEn,

        @Size(max = 200, message = "targetAudienceJa is at most 200 characters")
        String targetAudienceJa,

        @Size(max = 200, message = "targetAudienceEn is at most 200 characters")
        String targetAudienceEn,

        UUID venueId,

        @Size(max = 40, message = "roomId is at most 40 characters")
        String roomId,

        @Min(value = 1, message = "capacity must be at least 1")
        Integer capacity,

        @Pattern(regexp = "NONE|FIRST_COME|LOTTERY", message = "allocation must be NONE, FIRST_COME or LOTTERY")
        String allocation,

        @Size(max = 500, message = "meetingLink is at most 500 characters")
        String meetingLink,

        @Min(value = 1, message = "applicationOpensDaysBefore is 1..365")
        @Max(value = 365, message = "applicationOpensDaysBefore is 1..365")
        Integer applicationOpensDaysBefore,

        @Min(value = -8760, message = "applicationClosesHoursBefore is at most 8760 (a year)")
        @Max(value = 8760, message = "applicationClosesHoursBefore is at most 8760 (a year)")
        Integer applicationClosesHoursBefore,

        @jakarta.validation.Valid SessionRequest.LotteryRequest lottery,
        @jakarta.validation.Valid ChildcareTemplate childcare,
        @jakarta.validation.Valid FlyerRequest flyer) {

    /**
     * The request without the members named (lottery, childcare, flyer), for a check that answers every mistake at
     * once: a member whose own syntax is broken is said by that syntax, and the rules are checked on the rest.
     */
    public SeriesRequest without(java.util.Set<String> members) {
        return new SeriesRequest(
                rrule,
                firstStart,
                durationMinutes,
                lastDay,
                count,
                kind,
                titleJa,
                titleEn,
                targetAudienceJa,
                targetAudienceEn,
                venueId,
                roomId,
                capacity,
                allocation,
                meetingLink,
                applicationOpensDaysBefore,
                applicationClosesHoursBefore,
                members.contains("lottery") ? null : lottery,
                members.contains("childcare") ? null : childcare,
                members.contains("flyer") ? null : flyer);
    }

    /**
     * Whether the schedule reads (a rule, a first start, a duration, a count if any, a kind): the dates can then be
     * planned.
     */
    public boolean scheduleReadable() {
        return rrule != null
                && !rrule.isBlank()
                && rrule.length() <= 300
                && (count == null || count >= 1)
                && firstStart != null
                && durationMinutes != null
                && durationMinutes >= 1
                && durationMinutes <= 1440
                && kind != null
                && kind.matches("cafe|workshop|online|free-space");
    }

    /**
     * 託児 at every occurrence: ages, carers, an optional cap, and the request deadline in hours before each
     * occurrence's start (it may close before the application deadline). Absent or {@code offered: false}: none.
     */
    public record ChildcareTemplate(
            Boolean offered,

            @NotNull(message = "childcare minAgeYears is required")
            @Min(value = 0, message = "childcare minAgeYears is 0..12")
            @Max(value = 12, message = "childcare minAgeYears is 0..12")
            Integer minAgeYears,

            @NotNull(message = "childcare maxAgeYears is required")
            @Min(value = 0, message = "childcare maxAgeYears is 0..12")
            @Max(value = 12, message = "childcare maxAgeYears is 0..12")
            Integer maxAgeYears,

            @NotNull(message = "childcare carers is required")
            @Min(value = 0, message = "childcare carers cannot be negative")
            Integer carers,

            @Min(value = 1, message = "childcare maxChildren must be at least 1")
            Integer maxChildren,

            @NotNull(message = "childcare deadlineHoursBefore is required: hours before each occurrence's start")
            @Min(value = -8760, message = "childcare deadlineHoursBefore is at most 8760")
            @Max(value = 8760, message = "childcare deadlineHoursBefore is at most 8760")
            Integer deadlineHoursBefore) {

        public boolean isOffered() {
            return offered == null || offered;
        }
    }
}
