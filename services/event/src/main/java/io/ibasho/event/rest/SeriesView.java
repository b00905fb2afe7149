package io.ibasho.event.rest;

import io.ibasho.event.mapping.SessionView;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * A series as its organisation sees it, with its stored occurrences in start order (no meeting link), and how far they
 * reach: a rule with more dates than the horizon has only those up to {@code datesMadeThrough} stored yet.
 */
public record SeriesView(
        UUID id,
        String status,
        String rrule,
        LocalDateTime firstStart,
        int durationMinutes,
        LocalDate lastDay,
        Integer count,
        String kind,
        String titleJa,
        String titleEn,
        String targetAudienceJa,
        String targetAudienceEn,
        /** What every date's flyer says (内容・プログラム, 持ち物, 参加費…); null: nothing. */
        io.ibasho.event.mapping.Flyer flyer,
        UUID venueId,
        String roomId,
        Integer capacity,
        String allocation,
        Integer applicationOpensDaysBefore,
        Integer applicationClosesHoursBefore,
        SessionView.LotteryView lottery,
        io.ibasho.event.mapping.JsonColumns.SeriesChildcare childcare,
        List<OccurrenceView> occurrences,
        /** Dates are stored as sessions up to this day (today plus the horizon); later ones are made as time passes. */
        LocalDate datesMadeThrough,
        /** The rule's first date after {@code datesMadeThrough}, made as time passes; absent when it has none. */
        LocalDate nextDateToMake) {

    /**
     * One series in the organisation's list: what it is, its rule, and its next date still to come (null when it has
     * none left, e.g. the first half of a series changed from a date on).
     */
    public record Summary(
            UUID id,
            String status,
            String rrule,
            LocalDateTime firstStart,
            String kind,
            String titleJa,
            String titleEn,
            UUID venueId,
            UUID nextSessionId,
            OffsetDateTime nextStartsAt,
            OffsetDateTime nextEndsAt) {}

    public record OccurrenceView(
            UUID sessionId,
            String recurrenceId,
            OffsetDateTime startsAt,
            OffsetDateTime endsAt,
            String status,
            int sequence,
            UUID venueId,
            String roomId,
            Integer capacity,
            String titleJa,
            String override,
            OffsetDateTime applicationOpensAt,
            OffsetDateTime applicationClosesAt) {}
}
