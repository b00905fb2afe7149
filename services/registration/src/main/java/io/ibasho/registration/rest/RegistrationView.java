package io.ibasho.registration.rest;

import java.time.OffsetDateTime;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Her own registration as she sees it. With 託児: {@code childrenAges} as she gave them, {@code childcareStatus}
 * (pending, reserved, rejected, released), the stable {@code childcareRejectReason} and {@code nextSteps}, the
 * choices she has when childcare could not be given. {@code checkInPayload} is what the QR code at the door encodes (the booking
 * code with a prefix); the app renders the QR image itself, so no image is generated here.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RegistrationView(UUID id, UUID sessionId, String nickname, String status, OffsetDateTime createdAt,
        Integer position, OffsetDateTime offerExpiresAt, String bookingCode, String checkInPayload, String cancelledBy,
        String cancelReason, java.util.List<Integer> childrenAges, String childcareStatus, String childcareRejectReason,
        String nextSteps) {
}
