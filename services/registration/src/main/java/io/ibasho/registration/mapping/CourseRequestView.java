package io.ibasho.registration.mapping;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * Her application to a course lottery or her place on a course's waitlist or reserve list, as she sees it: her own
 * position only (never who else waits), and until when an offer is held for her.
 */
public record CourseRequestView(
        UUID id,
        UUID courseId,
        String titleJa,
        String titleEn,
        String kind,
        String status,
        Integer position,
        OffsetDateTime offerExpiresAt,
        UUID courseBookingId,
        List<UUID> childcareDates,
        OffsetDateTime createdAt,
        /** A lottery application's reference, which names it in the published draw (ADR 0085); never in a URL. */
        UUID lotteryReference) {}
