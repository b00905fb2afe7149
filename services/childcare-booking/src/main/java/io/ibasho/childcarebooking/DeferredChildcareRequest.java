package io.ibasho.childcarebooking;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * A ChildcareRequested that found too few places while a release it was told to follow ({@code awaitsReleaseOf}) had
 * not been applied yet: the release is on its way (it left registration before the request), so the request waits for
 * it instead of being refused, for a bounded time (docs/adr/0039). No answer is published while it waits.
 */
@Entity
@Table(name = "deferred_childcare_request")
public class DeferredChildcareRequest extends PanacheEntityBase {
    @Id
    @Column(name = "request_id")
    public UUID requestId;

    @Column(name = "registration_id")
    public UUID registrationId;

    @Column(name = "session_id")
    public UUID sessionId;

    @Column(name = "attendee_id")
    public String attendeeId;

    /** Ages in whole years, comma-separated, in the order of the request. */
    @Column(name = "children_ages")
    public String childrenAges;

    @Column(name = "requested_at")
    public OffsetDateTime requestedAt;

    /** Registration ids, comma-separated. */
    @Column(name = "awaits_release_of")
    public String awaitsReleaseOf;

    @Column(name = "deferred_at")
    public OffsetDateTime deferredAt;

    public static String join(List<?> values) {
        return values.stream().map(Object::toString).collect(Collectors.joining(","));
    }

    public List<Integer> ages() {
        return Arrays.stream(childrenAges.split(",")).map(Integer::valueOf).toList();
    }

    public List<UUID> awaited() {
        return awaitsReleaseOf.isEmpty()
                ? List.of()
                : Arrays.stream(awaitsReleaseOf.split(","))
                        .map(UUID::fromString)
                        .toList();
    }
}
