package io.ibasho.childcarebooking.service;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * The fields of a ChildcareRequested this service acts on. {@code requestedAt} is the instant the request counts as
 * made, which its deadline is judged against ({@link io.ibasho.childcarebooking.capacity.RequestTime}): her lottery
 * application's time, else when registration committed the request (the CloudEvent time), so a mother who asked before
 * the deadline is not refused because the draw came later or a relay was slow.
 * {@code awaitsReleaseOf}: registrations of the session whose children's places registration had already let go when
 * it asked; a refusal for want of places waits for those releases (docs/adr/0039). Empty when none.
 */
public record ChildcareRequest(
        UUID requestId,
        UUID registrationId,
        UUID sessionId,
        String attendeeId,
        List<Integer> childrenAges,
        Instant requestedAt,
        List<UUID> awaitsReleaseOf) {

    public ChildcareRequest(
            UUID requestId,
            UUID registrationId,
            UUID sessionId,
            String attendeeId,
            List<Integer> childrenAges,
            Instant requestedAt) {
        this(requestId, registrationId, sessionId, attendeeId, childrenAges, requestedAt, List.of());
    }

    public ChildcareRequest {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(registrationId, "registrationId");
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(attendeeId, "attendeeId");
        Objects.requireNonNull(requestedAt, "requestedAt");
        childrenAges = List.copyOf(childrenAges);
        awaitsReleaseOf = awaitsReleaseOf == null ? List.of() : List.copyOf(awaitsReleaseOf);
        if (childrenAges.isEmpty()) {
            throw new IllegalArgumentException("a childcare request needs at least one child");
        }
    }
}
