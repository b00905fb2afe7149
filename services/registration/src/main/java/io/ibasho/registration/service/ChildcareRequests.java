package io.ibasho.registration.service;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.ibasho.contracts.EventTypes;
import io.ibasho.registration.Registration;
import io.ibasho.registration.Registration.ChildcareStatus;
import io.ibasho.registration.Registration.Status;
import io.ibasho.registration.mapping.RegistrationEvents;
import io.ibasho.registration.mapping.RegistrationEvents.ChildcarePurpose;
import io.ibasho.registration.messaging.RegistrationOutbox;
import io.ibasho.registration.repository.ChildcareHolds;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * Step 1 of the saga (architecture.md): with the seat already held in this transaction, she becomes
 * {@code PENDING_CHILDCARE} and a ChildcareRequested with a fresh request id goes to the outbox, so the request exists
 * if and only if the hold was committed. Plus the saga's payloads that the shared event mapping does not carry.
 */
final class ChildcareRequests {
    /** cancelledBy of a cancellation nobody asked for: the saga released the seat or the children's places. */
    static final String SYSTEM = "SYSTEM";
    /** The reject reason of a hold the sweep released because childcare never answered. */
    static final String NO_ANSWER = "NO_ANSWER";

    /**
     * How far back a request names released places: far longer than a release takes to reach childcare-booking; a
     * release it already applied is simply ignored there.
     */
    static final Duration RELEASES_NAMED = Duration.ofHours(1);

    private ChildcareRequests() {}

    /** The reject reason that means "ask again": childcare-booking has not heard of the session yet (childcare.md). */
    static final String UNKNOWN_SESSION = "UNKNOWN_SESSION";

    /** The registration must hold a seat already; persists it when new. */
    static Uni<Registration> ask(
            RegistrationOutbox outbox, Registration registration, ChildcarePurpose purpose, OffsetDateTime now) {
        registration.childcareRequestedAt = now;
        return send(outbox, registration, purpose, now);
    }

    /**
     * The same hold asks again under a new request id (replies to the old one are then ignored). The hold keeps the
     * time of its first request, so the answer timeout bounds the whole hold, however often it asks.
     */
    static Uni<Registration> askAgain(RegistrationOutbox outbox, Registration registration, OffsetDateTime now) {
        return send(
                outbox,
                registration,
                registration.waitlistNumber != null ? ChildcarePurpose.WAITLIST_PROMOTION : ChildcarePurpose.BOOKING,
                now);
    }

    private static Uni<Registration> send(
            RegistrationOutbox outbox, Registration registration, ChildcarePurpose purpose, OffsetDateTime now) {
        registration.status = Status.PENDING_CHILDCARE;
        registration.childcareStatus = ChildcareStatus.PENDING;
        registration.childcareRequestId = UUID.randomUUID();
        registration.childcareRejectReason = null;
        registration.offerExpiresAt = null;
        registration.updatedAt = now;
        Uni<Registration> saved =
                registration.isPersistent() ? Uni.createFrom().item(registration) : registration.persist();
        return saved.call(r -> releasesOnTheirWay(r.sessionId, now)
                .flatMap(awaited -> outbox.append(
                        EventTypes.CHILDCARE_REQUESTED,
                        r.sessionId,
                        RegistrationEvents.childcareRequested(r, r.childcareRequestId, purpose, awaited))));
    }

    /**
     * The session's registrations whose children's places were let go within {@link #RELEASES_NAMED} (also in this
     * very transaction, hence the flush): a ChildcareRequested names them, and childcare-booking waits for those it has
     * not released yet before refusing for want of places (docs/adr/0039). Two outbox relays can put this request on
     * the partition before the cancellation that freed the places; the woman asked must not pay for that.
     */
    static Uni<List<String>> releasesOnTheirWay(UUID sessionId, OffsetDateTime now) {
        return Panache.getSession()
                .flatMap(s -> s.flush())
                .flatMap(flushed -> ChildcareHolds.releasedSince(sessionId, now.minus(RELEASES_NAMED)));
    }

    /** ChildcareHoldWithdrawn: ids and a reason code only. */
    record HoldWithdrawn(String registrationId, String sessionId, String requestId, String reason) {}

    /**
     * Registration stops waiting for the answer to {@code requestId}: whatever childcare-booking reserves or reserved
     * for it is released (the compensation; it follows the request on the session's partition). Once released,
     * childcare-booking's ChildcareReleased puts her back in line for an offer ({@link ChildcareSaga#childcareReleased}).
     */
    static Uni<Void> withdraw(
            RegistrationOutbox outbox, UUID registrationId, UUID sessionId, UUID requestId, String reason) {
        return outbox.append(
                EventTypes.CHILDCARE_HOLD_WITHDRAWN,
                sessionId,
                new HoldWithdrawn(registrationId.toString(), sessionId.toString(), requestId.toString(), reason));
    }

    /** RegistrationConfirmed: {@code childcareRequested} tells childcare-booking and notification that 託児 is part of it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Confirmed(
            String registrationId,
            String sessionId,
            String attendeeId,
            String status,
            Boolean childcareRequested,
            String courseBookingId) {}

    static Object confirmed(Registration r) {
        return r.childcareStatus == ChildcareStatus.RESERVED
                ? new Confirmed(
                        r.id.toString(),
                        r.sessionId.toString(),
                        r.attendeeId,
                        r.status.name(),
                        true,
                        r.courseBookingId == null ? null : r.courseBookingId.toString())
                : RegistrationEvents.confirmed(r);
    }

    /**
     * RegistrationCancelled by the saga: childcare-booking releases any children's places it reserved for this
     * registration (also one reserved by a reply that came too late). {@code status} says what she is now.
     */
    static RegistrationEvents.RegistrationState cancelledBySystem(Registration r, String reason) {
        return new RegistrationEvents.RegistrationState(
                r.id.toString(),
                r.sessionId.toString(),
                r.attendeeId,
                r.status.name(),
                null,
                reason,
                null,
                null,
                SYSTEM,
                null);
    }
}
