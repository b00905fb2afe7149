package io.ibasho.event.service;

import io.ibasho.event.repository.AttendeeConfirmations;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/**
 * What the event service holds about her (issue #18): only which of her registrations, and drop-in childcare
 * reservations, hold a place in which session (table attendee_confirmation, for releasing a hidden address or a meeting
 * link). Exported on her request, deleted when she erases her account.
 */
@ApplicationScoped
public class HerData {

    /** {@code registrationId}: the drop-in childcare reservation's id where {@code place} says so. */
    public record Confirmation(
            UUID registrationId, UUID sessionId, boolean confirmed, AttendeeConfirmations.Place place) {}

    public record Export(String service, List<Confirmation> attendeeConfirmations) {}

    @WithSession
    public Uni<Export> export(String attendeeId) {
        return AttendeeConfirmations.of(attendeeId)
                .map(rows -> new Export(
                        "event",
                        rows.stream()
                                .map(row -> new Confirmation(
                                        row.registrationId(), row.sessionId(), row.confirmed(), row.place()))
                                .toList()));
    }

    /**
     * Deletes her confirmations, by account and by registration (a confirmation may arrive keyed only by a
     * registration id she had). Runs inside the consumer's transaction; idempotent.
     *
     * @return how many rows went
     */
    public Uni<Integer> erase(String attendeeId, List<UUID> registrationIds) {
        return AttendeeConfirmations.erase(attendeeId, registrationIds);
    }
}
