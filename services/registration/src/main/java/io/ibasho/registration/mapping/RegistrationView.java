package io.ibasho.registration.mapping;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * Her own registration as she sees it. With 託児: {@code childrenAges} as she gave them, {@code childcareStatus}
 * (pending, reserved, rejected, released), the stable {@code childcareRejectReason} and {@code nextSteps}, the
 * choices she has when childcare could not be given, in English, with {@code nextStepsCode} for an app to word them in
 * her language. {@code checkInPayload} is what the QR code at the door encodes (the booking
 * code with a prefix); the app can render it itself or fetch it as SVG from {@code GET /mine/{id}/qr}. {@code parts}: the
 * session's parts (1部/2部), all of which this one booking is for; left out when the session has none. While she waits:
 * {@code position} in the queue and {@code waitlistReason}, what she is waiting for (FULL: a seat; LOTTERY_RESERVE: a
 * seat, from the lottery's reserve list in drawn order; CHILDCARE_UNAVAILABLE: a seat and childcare together). On a
 * lottery's reserve list {@code position} is her published reserve number (補欠の何番目), which never changes;
 * {@code aheadOfYou} counts those still waiting before her (0: she is next). While a seat is offered to her:
 * {@code offerReason}, why ({@code LOTTERY_WIN}: she was drawn and must confirm by {@code offerExpiresAt};
 * {@code SEAT_FREED}: a seat freed up for her from a waitlist or the reserve list).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RegistrationView(
        UUID id,
        UUID sessionId,
        String nickname,
        String status,
        OffsetDateTime createdAt,
        Integer position,
        OffsetDateTime offerExpiresAt,
        String bookingCode,
        String checkInPayload,
        String cancelledBy,
        String cancelReason,
        java.util.List<Integer> childrenAges,
        String childcareStatus,
        String childcareRejectReason,
        String nextSteps,
        /** {@code nextSteps} as a stable code ({@link NextSteps}), which an app words in her own language. */
        String nextStepsCode,
        java.util.List<Part> parts,
        String waitlistReason,
        Integer aheadOfYou,
        /** A date of a course booked as one: its course booking (cancel this date alone, or the whole course). */
        UUID courseBookingId,
        String offerReason,
        /**
         * While she holds a seat (confirmed, offered, held for childcare): until when she may give it up herself, the
         * session's start less the cut-off; after it she tells the organiser (cancellation-closed). Only in GET /mine.
         */
        OffsetDateTime cancellableUntil,
        /**
         * A lottery application's reference: the id the published draw names her application by (ADR 0085), so that
         * she can find it there. Only in answers to her; never in a URL. Absent for bookings.
         */
        UUID lotteryReference) {
    /** A lottery winner who must confirm her place (the session's policy asks for it). */
    public static final String OFFERED_AFTER_LOTTERY_WIN = LotteryEvents.LOTTERY_WIN;
    /** A seat freed for someone waiting: on the waitlist, or on the lottery's reserve list. */
    public static final String OFFERED_SEAT_FREED = "SEAT_FREED";

    /** A part of the session, booked together with the others. */
    public record Part(String partId, String label, OffsetDateTime startsAt, OffsetDateTime endsAt) {}
}
