package io.ibasho.event.mapping;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * The public face of a session, also what partners see: never a hidden address, a meeting link or anything about who
 * booked. Times are Asia/Tokyo.
 */
public record SessionView(
        UUID id,
        String kind,
        String titleJa,
        String titleEn,
        OffsetDateTime startsAt,
        OffsetDateTime endsAt,
        Integer capacity,
        String allocation,
        String status,
        int sequence,
        boolean online,
        UUID seriesId,
        VenueSummary venue,
        String roomId,
        List<PartView> parts,
        String targetAudienceJa,
        String targetAudienceEn,
        OffsetDateTime applicationOpensAt,
        OffsetDateTime applicationClosesAt,
        ChildcareView childcare,
        OffsetDateTime updatedAt,
        LotteryView lottery,
        Flyer flyer) {

    /**
     * A lottery's rules (null unless allocation is LOTTERY), so applicants know them before applying; frozen once
     * applications open. The names are those of registration's lottery view and of the published draw
     * (docs/lottery.md §7); {@code confirmationHours} is 0 when no confirmation is required. Requests use the same names, so
     * an organiser's client can send back what it read.
     */
    public record LotteryView(
            List<String> priorityTiers,
            boolean oneWinPerMonth,
            boolean childcareRequiredToWin,
            boolean confirmationRequired,
            int confirmationHours) {

        public static LotteryView of(io.ibasho.event.mapping.JsonColumns.LotterySettings settings) {
            return new LotteryView(
                    settings.priority(),
                    settings.oneWinPerMonth(),
                    settings.childcareRequiredToWin(),
                    settings.confirmationRequired(),
                    settings.confirmationRequired() ? settings.confirmationHours() : 0);
        }
    }

    /** {@code address} only when the venue's address is PUBLIC. */
    public record VenueSummary(UUID id, String nameJa, String nameEn, String area, String areaEn, String address) {}

    /**
     * {@code venue}: where this part meets when it is not the session's venue (its address only when that venue's is
     * PUBLIC), else null.
     */
    public record PartView(
            String partId, String label, OffsetDateTime startsAt, OffsetDateTime endsAt, VenueSummary venue) {}

    public record ChildcareView(boolean offered, Integer minAgeYears, Integer maxAgeYears, OffsetDateTime deadline) {}
}
