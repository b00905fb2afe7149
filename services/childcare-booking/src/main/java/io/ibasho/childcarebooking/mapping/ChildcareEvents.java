package io.ibasho.childcarebooking.mapping;

import io.ibasho.childcarebooking.ChildcareDecision;
import java.util.UUID;

/** The payloads this service publishes on childcare-lifecycle: ids, counts and reason codes only. */
public final class ChildcareEvents {
    private ChildcareEvents() {}

    /** io.ibasho.childcare.ChildcareReserved.v1 */
    public record Reserved(UUID requestId, UUID registrationId, UUID sessionId, int children) {}

    /** io.ibasho.childcare.ChildcareRejected.v1; {@code reason} is a stable code (docs/childcare.md). */
    public record Rejected(UUID requestId, UUID registrationId, UUID sessionId, String reason) {}

    /** Why reserved childcare was released; an optional field of ChildcareReleased (additive to v1). */
    public enum ReleaseCause {
        /** RegistrationCancelled: by her, the organiser, or because the session was cancelled. */
        REGISTRATION_CANCELLED,
        /** OfferExpired: a seat offered from the waitlist was not accepted in time, or was declined. */
        OFFER_EXPIRED,
        /** ChildcareHoldWithdrawn: registration stopped waiting for the answer (a timeout, or an answer too late). */
        HOLD_WITHDRAWN
    }

    /** io.ibasho.childcare.ChildcareReleased.v1 */
    public record Released(UUID registrationId, UUID sessionId, ReleaseCause cause) {}

    /** io.ibasho.childcare.DropInChildcareReserved.v1: to tell her in her safe channel; no notes, no code. */
    public record DropInReserved(UUID reservationId, UUID sessionId, String attendeeId, int children) {}

    /** Why a drop-in childcare reservation ended. */
    public enum DropInCancelCause {
        ATTENDEE,
        SESSION_CANCELLED
    }

    /** io.ibasho.childcare.DropInChildcareCancelled.v1 */
    public record DropInCancelled(UUID reservationId, UUID sessionId, String attendeeId, DropInCancelCause cause) {}

    public static Reserved reserved(ChildcareDecision decision) {
        return new Reserved(decision.requestId, decision.registrationId, decision.sessionId, decision.children);
    }

    public static Rejected rejected(ChildcareDecision decision) {
        return new Rejected(decision.requestId, decision.registrationId, decision.sessionId, decision.outcome);
    }
}
