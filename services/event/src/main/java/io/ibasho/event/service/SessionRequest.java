package io.ibasho.event.service;

import io.ibasho.plumbing.refusal.ViolationCode;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Null;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * What an organiser sends to create a session or replace its details. Field syntax is checked here (400); the rules
 * between fields, the venue and other sessions (SessionRules) answer 422 with the same {@code violations} shape.
 */
public record SessionRequest(
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

        @NotNull(message = "startsAt is required (ISO-8601 with offset, e.g. 2026-12-08T13:30:00+09:00)")
        OffsetDateTime startsAt,

        @NotNull(message = "endsAt is required (ISO-8601 with offset)")
        OffsetDateTime endsAt,

        @Min(value = 1, message = "capacity must be at least 1")
        Integer capacity,

        @Pattern(regexp = "NONE|FIRST_COME|LOTTERY", message = "allocation must be NONE, FIRST_COME or LOTTERY")
        String allocation,

        UUID venueId,

        @Size(max = 40, message = "roomId is at most 40 characters")
        String roomId,

        @Size(max = 6, message = "at most 6 parts")
        List<@Valid @NotNull(message = "a part cannot be null") PartRequest> parts,

        @Size(max = 200, message = "targetAudienceJa is at most 200 characters")
        String targetAudienceJa,

        @Size(max = 200, message = "targetAudienceEn is at most 200 characters")
        String targetAudienceEn,

        OffsetDateTime applicationOpensAt,
        OffsetDateTime applicationClosesAt,

        @Size(max = 500, message = "meetingLink is at most 500 characters")
        String meetingLink,

        @Valid ChildcareRequest childcare,
        @Valid LotteryRequest lottery,
        @Valid FlyerRequest flyer) {

    /**
     * The request without the members named (parts, lottery, childcare, flyer), for a check that answers every mistake
     * at once: a member whose own syntax is broken is said by that syntax, and the rules are checked on the rest.
     */
    public SessionRequest without(java.util.Set<String> members) {
        return new SessionRequest(
                kind,
                titleJa,
                titleEn,
                startsAt,
                endsAt,
                capacity,
                allocation,
                venueId,
                roomId,
                members.contains("parts") ? null : parts,
                targetAudienceJa,
                targetAudienceEn,
                applicationOpensAt,
                applicationClosesAt,
                meetingLink,
                members.contains("childcare") ? null : childcare,
                members.contains("lottery") ? null : lottery,
                members.contains("flyer") ? null : flyer);
    }

    @AssertTrue(message = "endsAt must be after startsAt")
    @ViolationCode("END_NOT_AFTER_START") // SessionRules' code for the same mistake
    public boolean isEndAfterStart() {
        return startsAt == null || endsAt == null || endsAt.isAfter(startsAt);
    }

    /** 1部 13:30-14:30, 2部 14:40-15:30: booked together, so one request carries them all. */
    public record PartRequest(
            @Size(max = 40, message = "a part's label is at most 40 characters")
            String label,

            @NotNull(message = "a part needs startsAt") OffsetDateTime startsAt,
            @NotNull(message = "a part needs endsAt") OffsetDateTime endsAt,
            /**
             * Where this part meets when not where the session does (Nagaoka's 第3部 met elsewhere): a venue of the
             * same organisation; absent means the session's own venue.
             */
            UUID venueId) {

        public PartRequest(String label, OffsetDateTime startsAt, OffsetDateTime endsAt) {
            this(label, startsAt, endsAt, null);
        }
    }

    /**
     * The rules of a lottery (allocation LOTTERY only; absent: no priority tiers, no monthly limit, childcare required
     * to win). Public: applicants see them before applying. The names are those of the session view, registration's
     * lottery view and the published draw (docs/lottery.md §7), so a client can send back what it read:
     * {@code priorityTiers}, and {@code confirmationHours} 0 when no confirmation is required. The old name
     * {@code priority} is refused by its own message rather than ignored, so tiers are never dropped silently.
     */
    public record LotteryRequest(
            @Size(max = 5, message = "at most 5 priority tiers")
            List<
                            @NotBlank(message = "a priority tier needs a label")
                            @Size(max = 80, message = "a priority tier's label is at most 80 characters") String>
                    priorityTiers,

            Boolean oneWinPerMonth,
            Boolean childcareRequiredToWin,
            /** Winners confirm their seat by a deadline; one who does not passes it down the reserve list. */
            Boolean confirmationRequired,

            @Min(value = 0, message = "lottery confirmationHours is 1..672 (four weeks), or 0 without confirmation")
            @Max(value = 672, message = "lottery confirmationHours is 1..672 (four weeks), or 0 without confirmation")
            Integer confirmationHours,

            @Null(message = "lottery priority is now called priorityTiers") @Deprecated
            List<String> priority) {

        public LotteryRequest(List<String> priorityTiers, Boolean oneWinPerMonth, Boolean childcareRequiredToWin) {
            this(priorityTiers, oneWinPerMonth, childcareRequiredToWin, null, null, null);
        }

        /** 0 hours means "no confirmation", which only a lottery without confirmation may say. */
        @AssertTrue(message = "lottery confirmationHours is 1..672 (four weeks) when confirmationRequired is true")
        @ViolationCode("LOTTERY_CONFIRMATION_HOURS_OUT_OF_RANGE") // as its @Min and @Max say it
        public boolean isConfirmationHoursUsable() {
            return !Boolean.TRUE.equals(confirmationRequired) || confirmationHours == null || confirmationHours >= 1;
        }

        public io.ibasho.event.mapping.JsonColumns.LotterySettings toSettings() {
            return new io.ibasho.event.mapping.JsonColumns.LotterySettings(
                    priorityTiers == null
                            ? List.of()
                            : priorityTiers.stream().map(String::strip).toList(),
                    Boolean.TRUE.equals(oneWinPerMonth),
                    childcareRequiredToWin == null || childcareRequiredToWin,
                    Boolean.TRUE.equals(confirmationRequired),
                    confirmationHours == null || confirmationHours < 1
                            ? io.ibasho.event.mapping.JsonColumns.LotterySettings.DEFAULT_CONFIRMATION_HOURS
                            : confirmationHours);
        }
    }

    /** 託児: absent or {@code offered: false} means none. */
    public record ChildcareRequest(
            Boolean offered,

            @Min(value = 0, message = "childcare minAgeYears is 0..12")
            @Max(value = 12, message = "childcare minAgeYears is 0..12")
            Integer minAgeYears,

            @Min(value = 0, message = "childcare maxAgeYears is 0..12")
            @Max(value = 12, message = "childcare maxAgeYears is 0..12")
            Integer maxAgeYears,

            @Min(value = 0, message = "childcare carers cannot be negative")
            Integer carers,

            OffsetDateTime deadline,

            @Min(value = 1, message = "childcare maxChildren must be at least 1")
            Integer maxChildren) {

        public boolean isOffered() {
            return offered == null || offered;
        }

        @AssertTrue(message = "offered childcare needs minAgeYears, maxAgeYears and carers")
        @ViolationCode("CHILDCARE_AGES_AND_CARERS_REQUIRED")
        public boolean isAgesAndCarersGiven() {
            return !isOffered() || (minAgeYears != null && maxAgeYears != null && carers != null);
        }
    }
}
